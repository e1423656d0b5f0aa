package demo_test

import (
	"context"
	"errors"
	"testing"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
)

// A demo cancelled after a few villages leaves nothing: no registry rows, stamps or audit entries.
func TestGenerateCancelled(t *testing.T) {
	s := openService(t, t.TempDir())
	tables := []string{"villages", "households", "residents", "leaders", "visits", "meetings", "field_versions", "audit_log"}
	before := map[string]int{}
	for _, tbl := range tables {
		before[tbl] = count(t, s, "SELECT count(*) FROM "+tbl)
	}
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	var reports []int
	_, err := demo.Generate(c, s, demo.Township, 1, progress.Func(func(stage string, done, total int) {
		if stage != demo.StageGenerate || total != 12 {
			t.Errorf("report %s %d/%d", stage, done, total)
		}
		reports = append(reports, done)
		if done == 3 {
			cancel()
		}
	}))
	if errs.CodeOf(err) != errs.Conflict || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the cancelled error", err)
	}
	if len(reports) != 4 || reports[3] != 3 {
		t.Errorf("reports %v, want 0 to 3", reports)
	}
	for _, tbl := range tables {
		if n := count(t, s, "SELECT count(*) FROM "+tbl); n != before[tbl] {
			t.Errorf("%s: %d rows before, %d after a cancelled demo", tbl, before[tbl], n)
		}
	}
}
