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

// Nodes a batch makes under nodes it made are numbered, named and placed as CreateNode does, without
// reading them again: a second child of the same name is refused, and a household of a new
// neighbourhood gets its village.
func TestBatchNodesUnderNodesItMade(t *testing.T) {
	s := MustService(t)
	old := mustTree(t, s, "丹口村")
	var village, nb, hh string
	err := s.Batch(ctx, func(b *grid.Batch) error {
		var err error
		if village, err = b.CreateNode(grid.NodeInput{Level: grid.LevelVillage, Name: "儒林村"}); err != nil {
			return err
		}
		piece, err := b.CreateNode(grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"})
		if err != nil {
			return err
		}
		for _, name := range []string{"第二组", "第一组"} {
			g, err := b.CreateNode(grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: name})
			if err != nil {
				return err
			}
			if name == "第一组" {
				if nb, err = b.CreateNode(grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: g, Name: "第1邻"}); err != nil {
					return err
				}
			}
		}
		if _, err := b.CreateNode(grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: " 第二组 "}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a second 第二组 under a piece made in the batch: %v, want a conflict", err)
		}
		if _, err := b.CreateNode(grid.NodeInput{Level: grid.LevelGroup, ParentID: old.piece, Name: "第三组"}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a second 第三组 under a piece made before: %v, want a conflict", err)
		}
		hh, err = b.CreateHousehold(grid.HouseholdInput{NeighbourhoodID: nb, Code: "0001"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := s.VillageTree(ctx, village)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Children) != 1 || len(tree.Children[0].Children) != 2 {
		t.Fatalf("tree: %+v", tree)
	}
	if g := tree.Children[0].Children; g[0].Name != "第二组" || g[1].Name != "第一组" || len(g[1].Children) != 1 || g[1].Children[0].Households != 1 {
		t.Errorf("groups in order of making, the household under 第1邻: %+v", g)
	}
	err = s.Batch(ctx, func(b *grid.Batch) error { // a new batch reads the village's codes
		if got, err := b.HouseholdByCode(village, "0001"); err != nil || got != hh {
			t.Errorf("户编号 0001 of 儒林村: %q %v, want the household made in 第1邻", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
