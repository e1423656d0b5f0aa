package grid_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// A batch that looked up ID numbers once (as an import does) still never registers one twice: not
// a number it added itself, not one an update in the batch took, not one that was taken already.
func TestBatchRegisteredIDs(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	taken, free, moved, other := validID("19800101", 1), validID("19800101", 2), validID("19800101", 3), validID("19800101", 4)
	h, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0001"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "张三", IDNumber: taken}); err != nil {
		t.Fatal(err)
	}
	err = s.Batch(ctx, func(b *grid.Batch) error {
		found, err := b.RegisteredIDs(ctx, []string{taken, free, moved, other})
		if err != nil || len(found) != 1 || found[taken] == "" {
			t.Fatalf("registered: %v %v", found, err)
		}
		conflict := func(what, number string) {
			t.Helper()
			if _, err := b.AddResident(grid.ResidentInput{HouseholdID: h, Name: "李四", IDNumber: number}); errs.CodeOf(err) != errs.Conflict {
				t.Errorf("%s: got %v, want a conflict", what, err)
			}
		}
		conflict("registered before the batch", taken)
		if _, err := b.AddResident(grid.ResidentInput{HouseholdID: h, Name: "王五", IDNumber: free}); err != nil {
			t.Fatal(err)
		}
		conflict("added in the batch", free)
		id, err := b.AddResident(grid.ResidentInput{HouseholdID: h, Name: "赵六", IDNumber: other})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.UpdateResident(id, grid.ResidentInput{HouseholdID: h, Name: "赵六", IDNumber: moved}); err != nil {
			t.Fatal(err)
		}
		conflict("taken by an update in the batch", moved)
		// The number the update gave up is free again, and the batch finds that out.
		if _, err := b.AddResident(grid.ResidentInput{HouseholdID: h, Name: "钱七", IDNumber: other}); err != nil {
			t.Errorf("a number given up in the batch: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A batch keeps each village's 户编号 as it reads them: a household it makes or renumbers is found
// by its new code and not by its old one, and a code taken in the batch is refused.
func TestBatchHouseholdCodes(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	old, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0001"})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Batch(ctx, func(b *grid.Batch) error {
		want := func(code, id string) {
			t.Helper()
			if got, err := b.HouseholdByCode(tr.village, code); err != nil || got != id {
				t.Errorf("户编号 %s: %q %v, want %q", code, got, err, id)
			}
		}
		want("0001", old)
		made, err := b.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0002"})
		if err != nil {
			return err
		}
		want("0002", made)
		if _, err := b.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0002"}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a code made in the batch taken again: %v", err)
		}
		if _, err := b.UpdateHousehold(old, grid.HouseholdInput{Code: "0009", Address: "一组9号"}); err != nil {
			return err
		}
		want("0009", old)
		want("0001", "")
		if _, err := b.UpdateHousehold(old, grid.HouseholdInput{Code: "0009", Address: "一组10号"}); err != nil {
			return err
		}
		want("0009", old)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
