package roster_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store/storetest"
)

// rosterFile writes n rows of 4-person households in 3 villages through the sheet layer.
func rosterFile(t *testing.T, n int) string {
	t.Helper()
	var rows []map[string]string
	for i := 0; i < n; i++ {
		hh := i / 4
		rel := "子"
		if i%4 == 0 {
			rel = "户主"
		}
		rows = append(rows, map[string]string{
			"village": fmt.Sprintf("演示%d村", hh%3), "group": fmt.Sprintf("第%d组", hh%5+1),
			"household_code": fmt.Sprintf("%05d", hh), "relation": rel, "name": fmt.Sprintf("居民%d", i),
			"id_number": validID(fmt.Sprintf("19%02d0101", 40+i/1000), i%1000), "address": fmt.Sprintf("%d号", hh),
		})
	}
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := sheet.Write(path, rows); err != nil {
		t.Fatal(err)
	}
	return path
}

// counts returns the rows of the registry's tables, of the field stamps and of the audit log.
func counts(t *testing.T, g *grid.Service) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tbl := range []string{"villages", "pieces", "groups", "neighbourhoods", "households", "residents", "field_versions", "audit_log"} {
		var n int
		if err := dbOf(g).SQL().QueryRow("SELECT count(*) FROM " + tbl).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tbl] = n
	}
	return out
}

// An import cancelled half-way leaves the database as it was: no rows, no stamps, no audit entries.
func TestImportCancelled(t *testing.T) {
	g := mustGrid(t)
	p, err := roster.Check(ctx, g, rosterFile(t, 1800))
	if err != nil || p.Valid != 1800 {
		t.Fatalf("check: %v %+v", err, p)
	}
	before := counts(t, g)
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	var reports []int
	rep := progress.Func(func(stage string, done, total int) {
		if stage != roster.StageImport || total != 1800 {
			t.Errorf("report %s %d/%d", stage, done, total)
		}
		reports = append(reports, done)
		if done >= 1000 {
			cancel()
		}
	})
	_, err = roster.Import(c, g, p, roster.Options{}, rep)
	if errs.CodeOf(err) != errs.Conflict || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the cancelled error", err)
	}
	if len(reports) < 3 || reports[len(reports)-1] < 1000 || reports[len(reports)-1] >= 1800 {
		t.Errorf("reports %v: the import should have been cancelled after 1,000 of 1,800 rows", reports)
	}
	if after := counts(t, g); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a cancelled import changed the database:\nbefore %v\nafter  %v", before, after)
	}
	// The same preview imports whole afterwards, reporting up to the total.
	reports = nil
	res, err := roster.Import(ctx, g, p, roster.Options{}, progress.Func(func(_ string, done, _ int) { reports = append(reports, done) }))
	if err != nil || res.Added != 1800 || reports[len(reports)-1] != 1800 {
		t.Fatalf("import after the cancel: %v %+v %v", err, res, reports)
	}
}

// When the group or the household a row names cannot be read, the import fails with the reason and
// writes nothing; it used to take the failed read for "not registered" and register a duplicate.
func TestImportLookupReadFails(t *testing.T) {
	for _, c := range []struct {
		name, damage string
		row          []any
	}{
		// No 片 given: the group is looked for under any piece of the village.
		{"Group", `UPDATE groups SET id = NULL WHERE name = '第三组'`,
			[]any{1, "杨明", "", "丹口村", "第三组", "男", "", "", "1号", "", "户主", "苗族", "", ""}},
		{"Household", `UPDATE households SET id = NULL WHERE code = '0007'`,
			[]any{1, "杨明", "", "丹口村", "第三组", "男", "", "", "1号", "", "户主", "苗族", "", "", "0007"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := mustGrid(t)
			v, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "丹口村"})
			pc, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: v, Name: "第一片"})
			gr, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: pc, Name: "第三组"})
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "Household" {
				nb, _ := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: gr, Name: roster.DefaultNeighbourhood})
				if _, err := g.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: nb, Code: "0007"}); err != nil {
					t.Fatal(err)
				}
			}
			hdr := header
			if len(c.row) > len(header) {
				hdr = append(append([]string{}, header...), "户编号")
			}
			p, err := roster.Check(ctx, g, writeSheet(t, hdr, [][]any{c.row}))
			if err != nil || p.Valid != 1 {
				t.Fatalf("check: %v %+v", err, p)
			}
			storetest.Tamper(t, dbOf(g), c.damage)
			before := counts(t, g)
			_, err = roster.Import(ctx, g, p, roster.Options{}, nil)
			if errs.CodeOf(err) != errs.Internal {
				t.Fatalf("got %v (%s), want an internal error", err, errs.CodeOf(err))
			}
			if after := counts(t, g); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a failed import changed the database:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}
