package cases_test

import (
	"reflect"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/grid"
)

// The 责任人 offered for a village's case: its leaders in office, lowest rung first, with their titles
// or places; then the other names its cases went to, the latest first, with their counts; then the
// operator. A leader out of office, or a name used only in another village, is not offered.
func TestHandlerChoices(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	if err := db.SetOperator(ctx, "乡综治办 陈明"); err != nil {
		t.Fatal(err)
	}
	g := grid.NewService(db, nil)
	must := func(_ string, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	village, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "桃林村"})
	must("", err)
	other, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: "杉木村"})
	must("", err)
	piece, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelPiece, ParentID: village, Name: "第一片"})
	must("", err)
	group, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelGroup, ParentID: piece, Name: "第3组"})
	must("", err)
	nb, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: group, Name: "第2邻"})
	must("", err)
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: village, PersonName: "张德华", Title: "村党支部书记", Phone: "13907390001"}))
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: village, PersonName: "吴芳"}))
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: group, PersonName: "赵前任", TermStart: "2024-01-01"}))
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: group, PersonName: "李光明", Title: "组长（网格长）", TermStart: "2026-06-01"}))
	must(g.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: nb, PersonName: "王秀"}))
	for _, c := range []struct{ village, handler, on string }{
		{village, "乡民政办 刘洋", "2026-10-08"}, {village, "乡司法所 杨帆", "2026-11-02"}, {village, "乡民政办 刘洋", "2026-09-01"},
		{village, "李光明", "2026-11-20"}, {other, "杉木村 外人", "2026-11-25"},
	} {
		in := input()
		in.VillageID, in.Handler, in.RegisteredOn = c.village, c.handler, c.on
		if _, _, err := s.Register(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.HandlerChoices(ctx, village)
	if err != nil {
		t.Fatal(err)
	}
	want := []cases.HandlerChoice{
		{Name: "王秀", Level: "邻", Role: "第3组第2邻邻长"},
		{Name: "李光明", Level: "组", Role: "第3组组长（网格长）"},
		{Name: "张德华", Level: "村", Role: "村党支部书记", Phone: "139****0001"}, // masked, as every list shows phones,
		{Name: "吴芳", Level: "村", Role: "两委成员"},
		{Name: "乡司法所 杨帆", Role: "经办过 1 件"},
		{Name: "乡民政办 刘洋", Role: "经办过 2 件"},
		{Name: "乡综治办 陈明", Role: "本机操作人"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("choices for 桃林村:\n got %+v\nwant %+v", got, want)
	}
	// A case of no village: the names of the office's cases of the last 30 days, and the operator.
	if got, err = s.HandlerChoices(ctx, ""); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range got {
		names = append(names, c.Name)
	}
	if want := []string{"杉木村 外人", "李光明", "乡司法所 杨帆", "乡综治办 陈明"}; !reflect.DeepEqual(names, want) {
		t.Errorf("choices without a village: %v, want %v", names, want)
	}
}
