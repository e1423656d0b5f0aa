package roster_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
)

// residentIndexes lists the indexes of residents with their statements.
func residentIndexes(t *testing.T, g *grid.Service) []string {
	t.Helper()
	rows, err := dbOf(g).SQL().Query(`SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'residents' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// A first roster as large as the registry and larger than 10,000 people is written without the
// search indexes of residents, which are built once at the end, and without the triggers of the
// derived tables, which are filled then: afterwards they are the same indexes and find the new
// people, and the village list counts them. With more people registered than it adds, an import keeps them.
func TestFirstRosterBuildsTheSearchIndexesOnce(t *testing.T) {
	g := mustGrid(t)
	before := residentIndexes(t, g)
	const n = 10000
	rows := make([]map[string]string, 0, n)
	for i := 0; i < n; i++ {
		hh := i / 4
		rel := "子"
		if i%4 == 0 {
			rel = "户主"
		}
		rows = append(rows, map[string]string{
			"village": fmt.Sprintf("大%02d村", hh%5), "group": fmt.Sprintf("第%d组", hh%4+1),
			"household_code": fmt.Sprintf("%04d", hh), "head_name": fmt.Sprintf("户主%d", hh), "relation": rel,
			"name": fmt.Sprintf("居民%d", i), "phone": fmt.Sprintf("139%08d", i),
			"id_number": validID(fmt.Sprintf("19%02d0101", 40+i/1000), i%1000),
		})
	}
	path := filepath.Join(t.TempDir(), "first.xlsx")
	if err := sheet.Write(path, rows); err != nil {
		t.Fatal(err)
	}
	p, err := roster.Check(ctx, g, path)
	if err != nil || p.Valid != n {
		t.Fatalf("check: %v, %d valid, %v", err, p.Valid, p.Problems)
	}
	res, err := roster.Import(ctx, g, p, roster.Options{}, nil)
	if err != nil || res.Added != n {
		t.Fatalf("import: %+v %v", res, err)
	}
	if after := residentIndexes(t, g); !slices.Equal(after, before) {
		t.Fatalf("after the import the indexes of residents are\n%v\nwant\n%v", after, before)
	}
	vs, err := g.Villages(ctx) // village_counts, filled afresh at the commit
	households, people := 0, 0
	for _, v := range vs {
		households, people = households+v.Households, people+v.Residents
	}
	if err != nil || len(vs) != 5 || households != n/4 || people != n {
		t.Fatalf("the village list shows %d villages, %d households, %d people (%v)", len(vs), households, people, err)
	}
	hits, err := g.Search(ctx, "00007777", 5) // the last digits of a phone: residents_phone_rev
	if err != nil || len(hits) != 1 || hits[0].Name != "居民7777" {
		t.Fatalf("searching a new person's phone finds %+v (%v)", hits, err)
	}
	var bad int
	if err := dbOf(g).SQL().QueryRow(`SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'`).Scan(&bad); err != nil || bad != 0 {
		t.Fatalf("integrity_check: %d problems (%v)", bad, err)
	}

	// 10,000 more with 10,000 registered: suspended; fewer than are registered, or fewer than 10,000: kept.
	for _, c := range []struct {
		n       int
		dropped bool
	}{{n, true}, {n - 1, false}, {n + 10, true}} {
		err := g.Batch(ctx, func(b *grid.Batch) error {
			if err := b.ExpectResidents(c.n); err != nil {
				return err
			}
			var left int
			if err := b.Tx().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents'`).Scan(&left); err != nil {
				return err
			}
			if want := map[bool]int{true: 3, false: len(before)}[c.dropped]; left != want {
				return fmt.Errorf("expecting %d residents leaves %d indexes, want %d", c.n, left, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := g.AddResident(ctx, grid.ResidentInput{HouseholdID: hits[0].HouseholdID, Name: "又一人"}); err != nil {
		t.Fatal(err)
	}
	err = g.Batch(ctx, func(b *grid.Batch) error {
		if err := b.ExpectResidents(n); err != nil { // 10,000 < 10,001 registered
			return err
		}
		var left int
		if err := b.Tx().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents'`).Scan(&left); err != nil || left != len(before) {
			return fmt.Errorf("with more registered than expected, %d of %d indexes are left (%v)", left, len(before), err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
