package grid_test

import (
	"fmt"
	"slices"
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store/storetest"
)

// A batch that expects a bulk load of residents keeps the tables derived from the registry (the
// village list's counts, the visit tracker's table and its buckets) as exact as the triggers do,
// whatever it writes and whatever was written before (a deleted household, a moved one): households with and without tags, people, visits, a re-tagged household and a
// resident taken out of the register. Its triggers are the same afterwards, and keep the tables again.
func TestBulkBatchKeepsTheDerivedTables(t *testing.T) {
	s := MustService(t)
	a, b := mustTree(t, s, "丹口村"), mustTree(t, s, "桃林村")
	old := mustHousehold(t, s, a.nb, "1号")
	if _, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: old, Findings: "入户了解情况", VisitorName: "杨明",
		Date: today.AddDate(0, -2, 0).Format("2006-01-02")}); err != nil {
		t.Fatal(err)
	}
	gone, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: old, Name: "刘新勇", Relation: "户主"})
	if err != nil {
		t.Fatal(err)
	}
	// Tombstones and a move, for the fills to leave out and follow.
	if err := s.DeleteHousehold(ctx, mustHousehold(t, s, a.nb, "8号", "低保户")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MoveHousehold(ctx, mustHousehold(t, s, a.nb, "7号"), b.nb); err != nil {
		t.Fatal(err)
	}
	before := storetest.Schema(t, grid.DBOf(s), "trigger", "")
	err = s.Batch(ctx, func(bt *grid.Batch) error {
		if err := bt.ExpectResidents(50000); err != nil {
			return err
		}
		var left int
		if err := bt.Tx().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND (name LIKE 'village\_counts\_%' ESCAPE '\'
			OR name LIKE 'household\_cadence\_%' ESCAPE '\' OR name LIKE 'cadence\_buckets\_%' ESCAPE '\')`).Scan(&left); err != nil || left != 0 {
			return fmt.Errorf("%d triggers of the derived tables are left in a bulk load (%v)", left, err)
		}
		for i, nb := range []string{a.nb, b.nb, b.nb} {
			var tags []string
			if i == 1 {
				tags = []string{"低保户"}
			}
			h, err := bt.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: nb, Address: fmt.Sprintf("%d号院", i+2), Tags: tags})
			if err != nil {
				return err
			}
			for j := range i + 1 {
				rel := "子"
				if j == 0 {
					rel = "户主"
				}
				if _, err := bt.AddResident(grid.ResidentInput{HouseholdID: h, Name: fmt.Sprintf("新%d%d", i, j), Relation: rel}); err != nil {
					return err
				}
			}
			if i > 0 {
				if _, err := bt.RecordVisit(grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", VisitorName: "杨明",
					Date: today.AddDate(0, 0, -i).Format("2006-01-02")}); err != nil {
					return err
				}
			}
		}
		if _, err := bt.UpdateHousehold(old, grid.HouseholdInput{Address: "1号", Tags: []string{"五保户"}}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkVillageCounts(t, s, "after a bulk batch")
	checkCadence(t, s, "after a bulk batch")
	if after := storetest.Schema(t, grid.DBOf(s), "trigger", ""); !slices.Equal(after, before) {
		t.Fatalf("after a bulk batch the triggers are\n%v\nwant\n%v", after, before)
	}
	// The triggers keep the tables again.
	if err := s.SetResidentStatus(ctx, gone, grid.StatusInput{Status: "迁出", Date: today.Format("2006-01-02")}); err != nil {
		t.Fatal(err)
	}
	mustHousehold(t, s, b.nb, "9号", "残疾人户")
	checkVillageCounts(t, s, "after changes that follow it")
	checkCadence(t, s, "after changes that follow it")
}
