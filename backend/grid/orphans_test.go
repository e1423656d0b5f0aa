package grid_test

import (
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// TestOrphans: a household deleted here with a visit and a resident who moved away left under it has
// no orphans (both may outlive it); a resident another office registered in it meanwhile (arriving
// through the write path, as a merge writes) is one, and bringing the household back settles it.
func TestOrphans(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "1号")
	moved, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", VisitorName: "杨明"}); err != nil {
		t.Fatal(err)
	}
	day := today.AddDate(0, 0, -3).Format("2006-01-02")
	if err := s.SetResidentStatus(ctx, moved, grid.StatusInput{Status: "迁出", Date: day}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHousehold(ctx, h); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Orphans(ctx); err != nil || len(list) != 0 {
		t.Fatalf("a household deleted as the registry allows: %+v %v", list, err)
	}
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Insert("residents", store.Values{"household_id": h, "name": "杨敏"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Orphans(ctx)
	if err != nil || len(list) != 1 || list[0].ParentID != h || len(list[0].Names) != 1 || list[0].Names[0] != "杨敏" {
		t.Fatalf("orphans: %+v %v", list, err)
	}
	if err := s.SettleOrphans(ctx, "visits", h, true); err == nil {
		t.Error("a table the registry does not contain was taken")
	}
	if err := s.SettleOrphans(ctx, "residents", h, true); err != nil {
		t.Fatal(err)
	}
	if _, err := grid.DBOf(s).Get(ctx, "households", h); err != nil {
		t.Errorf("the household is not back: %v", err)
	}
	if list, err := s.Orphans(ctx); err != nil || len(list) != 0 {
		t.Errorf("after settling: %+v %v", list, err)
	}
}
