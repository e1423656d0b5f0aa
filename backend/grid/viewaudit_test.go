package grid_test

import (
	"slices"
	"testing"

	"xiangzhi/backend/grid"
)

// TestViewingFullIDIsAudited: the detail view (full ID number and phone) writes one view entry naming
// the operator, the resident and the fields shown; the lists, which mask them, write nothing.
func TestViewingFullIDIsAudited(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "丹口村三组12号")
	if err := grid.DBOf(s).SetOperator(ctx, "杨干事"); err != nil {
		t.Fatal(err)
	}
	id, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", IDNumber: validID("19800512", 123), Phone: "13807391234"})
	if err != nil {
		t.Fatal(err)
	}
	noPhone, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨小明", IDNumber: validID("20100101", 125)})
	if err != nil {
		t.Fatal(err)
	}
	total := func() int {
		p, err := grid.DBOf(s).Audit(ctx, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		return p.Total
	}
	before := total()
	if _, err := s.Members(ctx, h); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Search(ctx, "杨明", 10); err != nil {
		t.Fatal(err)
	}
	if got := total(); got != before {
		t.Fatalf("masked lists wrote %d audit entries", got-before)
	}
	r, err := s.GetResident(ctx, id)
	if err != nil || r.IDNumber != validID("19800512", 123) {
		t.Fatalf("%+v %v", r, err)
	}
	page, _ := grid.DBOf(s).Audit(ctx, 0, 1)
	if page.Total != before+1 {
		t.Fatalf("viewing wrote %d entries, want 1", page.Total-before)
	}
	e := page.Entries[0]
	if e.Action != "view" || e.Operator != "杨干事" || e.Table != "residents" || e.RowID != id ||
		!slices.Equal(e.Fields, []string{"id_number", "phone"}) {
		t.Errorf("view entry %+v", e)
	}
	if _, err := s.GetResident(ctx, noPhone); err != nil {
		t.Fatal(err)
	}
	page, _ = grid.DBOf(s).Audit(ctx, 0, 1)
	if e := page.Entries[0]; e.RowID != noPhone || !slices.Equal(e.Fields, []string{"id_number"}) {
		t.Errorf("view of a resident without a phone: %+v", e)
	}
	if _, err := s.GetResident(ctx, "no-such-resident"); err == nil {
		t.Error("no error for a missing resident")
	}
	if got := total(); got != before+2 {
		t.Errorf("%d entries after the views, want %d", got, before+2)
	}
}
