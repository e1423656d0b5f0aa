package roster_test

import (
	"slices"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/store/storetest"
)

// A first roster as large as the registry and larger than 10,000 people is written without the
// search indexes of residents, which are built once at the end, and without the triggers of the
// derived tables, which are filled then: afterwards they are the same indexes and find the new
// people, and the village list counts them. With more people registered than it adds, an import keeps them.
func TestFirstRosterBuildsTheSearchIndexesOnce(t *testing.T) {
	g := mustGrid(t)
	before := storetest.Schema(t, dbOf(g), "index", "residents")
	// An object made again is a new row of sqlite_schema: how the test sees that the import dropped
	// and made them.
	place := func(name string) (rowid int) {
		t.Helper()
		if err := dbOf(g).SQL().QueryRow(`SELECT rowid FROM sqlite_schema WHERE name = ?`, name).Scan(&rowid); err != nil {
			t.Fatal(err)
		}
		return rowid
	}
	index, trigger := place("residents_name"), place("village_counts_resident_insert")
	const n = 10000
	path := rosterFile(t, n)
	p, err := roster.Check(ctx, g, path)
	if err != nil || p.Valid != n {
		t.Fatalf("check: %v, %d valid, %v", err, p.Valid, p.Problems)
	}
	res, err := roster.Import(ctx, g, p, roster.Options{}, nil)
	if err != nil || res.Added != n {
		t.Fatalf("import: %+v %v", res, err)
	}
	if place("residents_name") <= index || place("village_counts_resident_insert") <= trigger {
		t.Fatal("the import kept the search indexes and the triggers: it was not written as a bulk load")
	}
	if after := storetest.Schema(t, dbOf(g), "index", "residents"); !slices.Equal(after, before) {
		t.Fatalf("after the import the indexes of residents are\n%v\nwant\n%v", after, before)
	}
	vs, err := g.Villages(ctx) // village_counts, filled afresh at the commit
	households, people := 0, 0
	for _, v := range vs {
		households, people = households+v.Households, people+v.Residents
	}
	if err != nil || len(vs) != 3 || households != n/4 || people != n {
		t.Fatalf("the village list shows %d villages, %d households, %d people (%v)", len(vs), households, people, err)
	}
	hits, err := g.Search(ctx, "居民7777", 5) // residents_name
	if err != nil || len(hits) != 1 || hits[0].Name != "居民7777" {
		t.Fatalf("searching a new person's name finds %+v (%v)", hits, err)
	}
	// The last digits of row 7777's ID number: residents_id_rev.
	id := validID("19470101", 777)
	if hits, err = g.Search(ctx, id[len(id)-6:], 5); err != nil || len(hits) != 1 || hits[0].Name != "居民7777" {
		t.Fatalf("searching the last digits of a new person's ID number finds %+v (%v)", hits, err)
	}
	var bad int
	if err := dbOf(g).SQL().QueryRow(`SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'`).Scan(&bad); err != nil || bad != 0 {
		t.Fatalf("integrity_check: %d problems (%v)", bad, err)
	}

	// How many indexes residents has in a batch that expects n residents.
	left := func(n int) int {
		t.Helper()
		var left int
		err := g.Batch(ctx, func(b *grid.Batch) error {
			if err := b.ExpectResidents(n); err != nil {
				return err
			}
			return b.Tx().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'residents'`).Scan(&left)
		})
		if err != nil {
			t.Fatal(err)
		}
		return left
	}
	// 10,000 more with 10,000 registered: dropped but the primary key's and the two the batch reads;
	// fewer than 10,000, or fewer than are registered: kept.
	if got := []int{left(n), left(n - 1), left(n + 10)}; !slices.Equal(got, []int{3, len(before), 3}) {
		t.Fatalf("expecting %d, %d and %d residents leaves %v indexes", n, n-1, n+10, got)
	}
	if _, err := g.AddResident(ctx, grid.ResidentInput{HouseholdID: hits[0].HouseholdID, Name: "又一人"}); err != nil {
		t.Fatal(err)
	}
	if got := left(n); got != len(before) { // 10,000 < 10,001 registered
		t.Fatalf("with more registered than expected, %d of %d indexes are left", got, len(before))
	}
}
