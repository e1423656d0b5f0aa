package grid_test

import (
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// checkVillageCounts compares what Villages shows (village_counts, kept by triggers) with the
// households and residents counted afresh through the tree.
func checkVillageCounts(t *testing.T, s *grid.Service, when string) {
	t.Helper()
	rows, err := grid.DBOf(s).SQL().Query(`SELECT v.id,
		(SELECT count(*) FROM households h WHERE h.village_id = v.id AND h.deleted_at IS NULL),
		(SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id
		   WHERE h.village_id = v.id AND h.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status = '')
		FROM villages v WHERE v.deleted_at IS NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[string][2]int{}
	for rows.Next() {
		var id string
		var h, r int
		if err := rows.Scan(&id, &h, &r); err != nil {
			t.Fatal(err)
		}
		want[id] = [2]int{h, r}
	}
	vs, err := s.Villages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(want) {
		t.Fatalf("%s: %d villages listed, %d live", when, len(vs), len(want))
	}
	for _, v := range vs {
		if got := [2]int{v.Households, v.Residents}; got != want[v.ID] {
			t.Fatalf("%s: %s shows %d households and %d residents, the tree has %v", when, v.Name, got[0], got[1], want[v.ID])
		}
	}
}

// The village list's counts follow every change that moves a household or a resident in or out of
// a village's register: residents added, marked 迁出 and back, deleted and restored; households made
// with a head, moved to another village, deleted and restored; a neighbourhood split and merged.
func TestVillageCountsFollowChanges(t *testing.T) {
	s := MustService(t)
	a, b := mustTree(t, s, "丹口村"), mustTree(t, s, "桃林村")
	checkVillageCounts(t, s, "villages made")
	h1 := mustHousehold(t, s, a.nb, "1号")
	h2, err := s.CreateHouseholdWithHead(ctx, grid.HouseholdInput{NeighbourhoodID: a.nb, Address: "2号"},
		grid.ResidentInput{Name: "刘新勇", Relation: "户主", IDNumber: validID("19820316", 135)})
	if err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "households made")
	add := func(h, name, id string) string {
		t.Helper()
		r, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: name, Relation: "子", IDNumber: id})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r1 := add(h1, "张喆", validID("20010203", 111))
	r2 := add(h1, "张淼", validID("20030405", 113))
	add(h2, "刘玥", validID("20100607", 122))
	checkVillageCounts(t, s, "residents added")
	if err := s.SetResidentStatus(ctx, r1, grid.StatusInput{Status: "迁出", Date: today.AddDate(0, 0, -1).Format("2006-01-02")}); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "resident moved away")
	if err := s.SetResidentStatus(ctx, r1, grid.StatusInput{}); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "resident back in the register")
	if err := s.DeleteResident(ctx, r2); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "resident deleted")
	if err := s.Restore(ctx, "residents", r2); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "resident restored")
	if _, err := s.MoveHousehold(ctx, h1, b.nb); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "household moved to another village")
	if err := s.DeleteHousehold(ctx, h2); err == nil {
		t.Fatal("a household with members in the register was deleted")
	}
	if err := s.DeleteHousehold(ctx, h1); err == nil {
		t.Fatal("a household with members in the register was deleted")
	}
	if err := s.SetResidentStatus(ctx, r1, grid.StatusInput{Status: "死亡", Date: today.Format("2006-01-02")}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetResidentStatus(ctx, r2, grid.StatusInput{Status: "迁出", Date: today.Format("2006-01-02")}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHousehold(ctx, h1); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "household deleted")
	if err := s.Restore(ctx, "households", h1); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{r1, r2} {
		if err := s.SetResidentStatus(ctx, r, grid.StatusInput{}); err != nil {
			t.Fatal(err)
		}
	}
	checkVillageCounts(t, s, "household restored, its members back in the register")
	nb2, _, err := s.SplitNeighbourhood(ctx, b.nb, "第2邻", []string{h1})
	if err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "neighbourhood split")
	if _, err := s.MergeNeighbourhoods(ctx, b.nb, nb2); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "neighbourhoods merged")
	// Written below the service, as a merge of another office's changes may: a resident moved to a
	// household of another village and another tombstoned, then a household tombstoned with members
	// still in the register and brought back.
	err = grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Update("residents", r2, store.Values{"household_id": h2}); err != nil {
			return err
		}
		return tx.Delete("residents", r1)
	})
	if err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "resident moved and another tombstoned in one write")
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) error { return tx.Delete("households", h2) }); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "household with members tombstoned")
	if err := s.Restore(ctx, "households", h2); err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "household with members restored")
}
