package grid_test

import (
	"fmt"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

func TestTree(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	for i := 0; i < 3; i++ {
		mustHousehold(t, s, tr.nb, fmt.Sprintf("三组%d号", i+1))
	}
	root, err := s.VillageTree(ctx, tr.village)
	if err != nil {
		t.Fatal(err)
	}
	n := root.Children[0].Children[0].Children[0]
	if root.Households != 3 || n.Households != 3 || !strings.Contains(n.Warning, "少于 5 户") {
		t.Errorf("tree %+v", root)
	}
	vs, _ := s.Villages(ctx)
	if len(vs) != 1 || vs[0].Households != 3 || vs[0].Neighbourhoods != 1 || vs[0].Pieces != 1 {
		t.Errorf("villages %+v", vs)
	}

	t.Run("ErrDuplicateName", func(t *testing.T) {
		_, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: tr.piece, Name: "第三组"})
		wantErr(t, err, errs.Conflict, "name")
	})
	t.Run("SameNameUnderAnotherParentIsFine", func(t *testing.T) {
		p2, _ := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: tr.village, Name: "第二片"})
		if _, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: p2, Name: "第三组"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrMissingParent", func(t *testing.T) {
		_, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: "nope", Name: "x"})
		wantErr(t, err, errs.Invalid, "parentId")
	})
	t.Run("ErrDeleteNonEmpty", func(t *testing.T) {
		err := s.DeleteNode(ctx, grid.LevelNeighbourhood, tr.nb)
		if errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrEmptyName", func(t *testing.T) {
		_, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "  "})
		wantErr(t, err, errs.Invalid, "name")
	})
}

func TestMoveSplitMerge(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	var hs []string
	for i := 0; i < 12; i++ {
		hs = append(hs, mustHousehold(t, s, tr.nb, fmt.Sprintf("三组%d号", i+1)))
	}
	other, _ := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第2邻"})
	for i := 0; i < 5; i++ {
		mustHousehold(t, s, other, fmt.Sprintf("三组%d号", 20+i))
	}

	w, err := s.MoveHousehold(ctx, hs[0], other)
	if err != nil || len(w) != 0 {
		t.Fatalf("move: %v %v", w, err)
	}
	if list, _ := s.Households(ctx, other); len(list) != 6 {
		t.Errorf("after the move the other neighbourhood has %d households", len(list))
	}

	newNb, w, err := s.SplitNeighbourhood(ctx, tr.nb, "第3邻", hs[1:4])
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 1 || !strings.Contains(w[0], "第3邻只有 3 户") {
		t.Errorf("split warnings %v", w)
	}
	if list, _ := s.Households(ctx, newNb); len(list) != 3 {
		t.Errorf("new neighbourhood has %d households", len(list))
	}

	t.Run("ErrSplitForeignHousehold", func(t *testing.T) {
		_, _, err := s.SplitNeighbourhood(ctx, tr.nb, "第4邻", []string{hs[0]})
		wantErr(t, err, errs.Invalid, "householdIds")
		root, _ := s.VillageTree(ctx, tr.village)
		if n := len(root.Children[0].Children[0].Children); n != 3 {
			t.Errorf("a failed split left %d neighbourhoods", n)
		}
	})

	m, err := s.MergeNeighbourhoods(ctx, tr.nb, newNb)
	if err != nil {
		t.Fatal(err)
	}
	w = m.Warnings
	if list, _ := s.Households(ctx, tr.nb); len(list) != 11 || len(w) != 0 {
		t.Errorf("after merge: %d households, warnings %v", len(list), w)
	}
	root, _ := s.VillageTree(ctx, tr.village)
	if n := len(root.Children[0].Children[0].Children); n != 2 {
		t.Errorf("merged neighbourhood still listed: %d", n)
	}
	for i := 0; i < 6; i++ { // 11 + 6 = 17, one of which leaves: 16
		mustHousehold(t, s, tr.nb, fmt.Sprintf("新%d号", i))
	}
	w, _ = s.MoveHousehold(ctx, hs[5], other)
	_, w2, _ := s.SplitNeighbourhood(ctx, other, "第5邻", []string{hs[5]})
	if len(w) != 1 || !strings.Contains(w[0], "第1邻有 16 户，多于 15 户") || len(w2) == 0 {
		t.Errorf("warnings %v %v", w, w2)
	}
	root, _ = s.VillageTree(ctx, tr.village)
	if root.Children[0].Children[0].Children[0].Warning == "" {
		t.Error("a neighbourhood of 16 households has no warning")
	}
}

func TestLeaders(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "1号")
	a, _ := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", Relation: "户主"})
	b, _ := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨花", Relation: "女"})

	_, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RolePieceLeader, ScopeID: tr.piece, ResidentID: a})
	wantErr(t, err, errs.Invalid, "residentId")

	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: tr.village, ResidentID: a, Title: "村委委员", TermStart: "2024-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RolePieceLeader, ScopeID: tr.piece, ResidentID: a, TermStart: "2024-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: tr.nb, ResidentID: a, TermStart: "2024-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: tr.nb, ResidentID: b, TermStart: "2026-06-01"}); err != nil {
		t.Fatal(err)
	}
	// A legal adviser is not in the registry and serves two villages.
	tr2 := mustTree(t, s, "白毛坪村")
	for _, v := range []string{tr.village, tr2.village} {
		if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleLegalAdviser, ScopeID: v, PersonName: "刘律师", Phone: "0739-7321234"}); err != nil {
			t.Fatal(err)
		}
	}
	root, _ := s.VillageTree(ctx, tr.village)
	if p := root.Children[0]; p.Leader != "杨明" || p.Children[0].Children[0].Leader != "杨花" {
		t.Errorf("leaders in the tree: piece %q neighbourhood %q", p.Leader, p.Children[0].Children[0].Leader)
	}
	ls, _ := s.Leaders(ctx, tr.village)
	ended := 0
	for _, l := range ls {
		if l.PersonName == "杨明" && l.Role == grid.RoleNeighbourhoodLeader {
			if l.TermEnd != "2026-05-31" {
				t.Errorf("previous neighbourhood leader's term ends %q", l.TermEnd)
			}
			ended++
		}
	}
	if ended != 1 || len(ls) != 5 {
		t.Errorf("%d leaders: %+v", len(ls), ls)
	}
}
