package grid_test

import (
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// TestRestore: a household, a resident and a neighbourhood deleted by mistake come back as they
// were; one whose place is gone or taken since is refused naming what stands in the way.
func TestRestore(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "丹口村1组1号")
	r, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "张喆", Relation: "户主", IDNumber: validID("19800101", 11)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteResident(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHousehold(ctx, h); err != nil {
		t.Fatal(err)
	}
	// The resident cannot come back while the household is gone.
	e := wantErr(t, s.Restore(ctx, "residents", r), errs.Conflict, "")
	if e.Message != "这个居民所属的上级已被删除，无法恢复" {
		t.Errorf("message %q", e.Message)
	}
	if err := s.Restore(ctx, "households", h); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore(ctx, "residents", r); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Households(ctx, tr.nb)
	if len(list) != 1 || list[0].ID != h || list[0].HeadName != "张喆" || list[0].Members != 1 {
		t.Fatalf("after restore %+v", list)
	}
	wantErr(t, s.Restore(ctx, "households", h), errs.Conflict, "")

	// A household whose 户编号 another took since stays deleted.
	if _, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "李四", Relation: "子"}); err != nil {
		t.Fatal(err)
	}
	h2, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0099", Address: "丹口村1组2号"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteHousehold(ctx, h2); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateHousehold(ctx, h, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0099", Address: "丹口村1组1号"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Restore(ctx, "households", h2), errs.Conflict, "code")

	// A neighbourhood comes back under its group; not when a new one took its name.
	other, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第9邻"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNode(ctx, grid.LevelNeighbourhood, other); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第9邻"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Restore(ctx, "neighbourhoods", other), errs.Conflict, "name")
	wantErr(t, s.Restore(ctx, "visits", other), errs.Invalid, "table")
}

// TestUndoMerge: undoing a merge brings the neighbourhood back with its households and its leader's
// term as it was.
func TestUndoMerge(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	from, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: "第2邻"})
	if err != nil {
		t.Fatal(err)
	}
	a := mustHousehold(t, s, from, "丹口村2组1号")
	b := mustHousehold(t, s, from, "丹口村2组2号")
	stay := mustHousehold(t, s, tr.nb, "丹口村1组1号")
	leader, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: from, PersonName: "王五"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.MergeNeighbourhoods(ctx, tr.nb, from)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Households) != 2 || len(m.Leaders) != 1 || m.Leaders[0].ID != leader || m.Leaders[0].TermEnd != "" {
		t.Fatalf("merged %+v", m)
	}
	if err := s.UndoMerge(ctx, m); err != nil {
		t.Fatal(err)
	}
	ids := func(nb string) map[string]bool {
		list, _ := s.Households(ctx, nb)
		out := map[string]bool{}
		for _, h := range list {
			out[h.ID] = true
		}
		return out
	}
	if got := ids(from); len(got) != 2 || !got[a] || !got[b] {
		t.Errorf("back in 第2邻: %v", got)
	}
	if got := ids(tr.nb); len(got) != 1 || !got[stay] {
		t.Errorf("left in 第1邻: %v", got)
	}
	leaders, _ := s.Leaders(ctx, tr.village)
	for _, l := range leaders {
		if l.ID == leader && l.TermEnd != "" {
			t.Errorf("the leader's term still ends %s", l.TermEnd)
		}
	}
	wantErr(t, s.UndoMerge(ctx, m), errs.Conflict, "")
}
