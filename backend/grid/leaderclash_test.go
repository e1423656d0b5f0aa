package grid_test

import (
	"testing"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// TestLeaderClashes: a 组长 appointed here and another appointed for the same group elsewhere (arriving
// through the write path, as a merge writes) both hold the post; keeping the later appointment ends the
// earlier term the day before it, and an appointment made for the same day is withdrawn.
func TestLeaderClashes(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	first, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleGroupLeader, ScopeID: tr.group, PersonName: "张三", TermStart: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := func(name, start string) string {
		var id string
		if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) (err error) {
			id, err = tx.Insert("leaders", store.Values{"role": "group_leader", "scope_table": "groups", "scope_id": tr.group,
				"person_name": name, "term_start": start})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// A committee of two is no clash: only posts of one holder are listed.
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: tr.village, PersonName: "甲"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleCommitteeMember, ScopeID: tr.village, PersonName: "乙"}); err != nil {
		t.Fatal(err)
	}
	if list, err := s.LeaderClashes(ctx); err != nil || len(list) != 0 {
		t.Fatalf("before: %+v %v", list, err)
	}
	later := elsewhere("李四", "2026-06-01")
	list, err := s.LeaderClashes(ctx)
	if err != nil || len(list) != 1 || len(list[0].Leaders) != 2 || list[0].Leaders[0].ID != first ||
		list[0].RoleLabel != "组长" || list[0].ScopeName != "丹口村 第三组" {
		t.Fatalf("clashes: %+v %v", list, err)
	}
	if err := s.SettleLeaderClash(ctx, later); err != nil {
		t.Fatal(err)
	}
	if row, err := grid.DBOf(s).Get(ctx, "leaders", first); err != nil || row["term_end"] != "2026-05-31" {
		t.Fatalf("the earlier term: %v %v", row, err)
	}
	if list, err := s.LeaderClashes(ctx); err != nil || len(list) != 0 {
		t.Fatalf("after keeping 李四: %+v %v", list, err)
	}
	if err := s.SettleLeaderClash(ctx, later); err == nil {
		t.Error("settling a post with no clash was taken")
	}
	same := elsewhere("王五", "2026-06-01")
	if err := s.SettleLeaderClash(ctx, later); err != nil {
		t.Fatal(err)
	}
	if _, err := grid.DBOf(s).Get(ctx, "leaders", same); err == nil {
		t.Error("the appointment made for the same day is still live")
	}
	if list, err := s.LeaderClashes(ctx); err != nil || len(list) != 0 {
		t.Fatalf("after withdrawing 王五: %+v %v", list, err)
	}
}
