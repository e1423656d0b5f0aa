package roster_test

import (
	"path/filepath"
	"testing"

	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet/sheettest"
)

// The check reads a roster in one pass. A sheet the fast reader gives up on after handing rows on (an
// XML comment before row 250 of 300) is read again from the first row by the slower reader, and the
// check counts every row once.
func TestCheckStartsOverWhenTheFastReaderGivesUp(t *testing.T) {
	g := mustGrid(t)
	from := rosterFile(t, 300)
	to := filepath.Join(t.TempDir(), "commented.xlsx")
	sheettest.RewritePart(t, from, to, "xl/worksheets/sheet1.xml", sheettest.CommentBeforeRow(250))
	p, err := roster.Check(ctx, g, to)
	if err != nil || p.Total != 300 || p.Valid != 300 || p.Rejected != 0 {
		t.Fatalf("check: %v, %d rows, %d valid, %d rejected %v", err, p.Total, p.Valid, p.Rejected, p.Problems)
	}
	res, err := roster.Import(ctx, g, p, roster.Options{}, nil)
	if err != nil || res.Added != 300 {
		t.Fatalf("import: %+v %v", res, err)
	}
}
