package grid_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// A resident who moves away or dies leaves the register's lists and counts and keeps their record:
// the household's history, the search and the audit still have them, and they can be put back.
func TestResidentStatus(t *testing.T) {
	s := MustService(t)
	tr := mustTree(t, s, "丹口村")
	h, err := s.CreateHousehold(ctx, grid.HouseholdInput{NeighbourhoodID: tr.nb, Code: "0001", Address: "1号"})
	if err != nil {
		t.Fatal(err)
	}
	head, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "张老汉", Relation: "户主", IDNumber: validID("19400101", 11)})
	if err != nil {
		t.Fatal(err)
	}
	son, err := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "张小明", Relation: "子", IDNumber: validID("19700101", 13)})
	if err != nil {
		t.Fatal(err)
	}
	counts := func() (village, members int, headName string) {
		t.Helper()
		vs, err := s.Villages(ctx)
		if err != nil || len(vs) != 1 {
			t.Fatalf("villages: %v %v", vs, err)
		}
		hs, err := s.Households(ctx, tr.nb)
		if err != nil || len(hs) != 1 {
			t.Fatalf("households: %v %v", hs, err)
		}
		return vs[0].Residents, hs[0].Members, hs[0].HeadName
	}
	if v, m, name := counts(); v != 2 || m != 2 || name != "张老汉" {
		t.Fatalf("before: village %d, household %d, head %q", v, m, name)
	}

	day := today.AddDate(0, 0, -3).Format("2006-01-02")
	if err := s.SetResidentStatus(ctx, head, grid.StatusInput{Status: "死亡", Date: day}); err != nil {
		t.Fatal(err)
	}
	if v, m, name := counts(); v != 1 || m != 1 || name != "" {
		t.Errorf("after 死亡: village %d, household %d, head %q; want 1, 1 and no head in the register", v, m, name)
	}
	members, err := s.Members(ctx, h)
	if err != nil || len(members) != 2 || members[0].ID != son || members[1].Status != "死亡" || members[1].StatusDate != day {
		t.Errorf("members: the one in the register first, the deceased after with the date: %+v %v", members, err)
	}
	hits, err := s.Search(ctx, "张老汉", 10)
	if err != nil || len(hits) != 1 || hits[0].Status != "死亡" {
		t.Errorf("the search still finds them, marked: %+v %v", hits, err)
	}
	rows, err := s.RegistryRows(ctx, "")
	if err != nil || len(rows) != 1 || rows[0].Resident.Name != "张小明" {
		t.Errorf("the roster lists the register only: %+v %v", rows, err)
	}

	// Wrong input names its field and changes nothing.
	for _, c := range []struct {
		in           grid.StatusInput
		field, words string
	}{
		{grid.StatusInput{Status: "失踪", Date: day}, "status", "迁出"},
		{grid.StatusInput{Status: "迁出"}, "date", "请填写迁出日期"},
		{grid.StatusInput{Status: "迁出", Date: "2026-02-30"}, "date", "不存在"},
		{grid.StatusInput{Status: "迁出", Date: today.AddDate(0, 0, 1).Format("2006-01-02")}, "date", "不能晚于今天"},
		{grid.StatusInput{Status: "迁出", Date: "1969-12-31"}, "date", "不能早于出生日期（1970年1月1日）"},
		{grid.StatusInput{Status: "迁出", Date: day, Note: strings.Repeat("长", 201)}, "note", "不能超过 200 个字"},
	} {
		err := s.SetResidentStatus(ctx, son, c.in)
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != c.field || !strings.Contains(e.Message, c.words) {
			t.Errorf("%+v: got %v (field %q), want %s about %q", c.in, err, e.Field, c.field, c.words)
		}
	}
	if err := s.SetResidentStatus(ctx, "no-such-id", grid.StatusInput{Status: "迁出", Date: day}); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("unknown resident: %v", err)
	}
	if v, m, _ := counts(); v != 1 || m != 1 {
		t.Errorf("refused changes changed the counts: %d, %d", v, m)
	}

	// With no one left in the register the household can be removed; its history stays with it.
	if err := s.DeleteHousehold(ctx, h); errs.CodeOf(err) != errs.Conflict || !strings.Contains(errs.As(err).Message, "1 名在册成员") {
		t.Errorf("deleting a household with someone in the register: %v", err)
	}
	if err := s.SetResidentStatus(ctx, son, grid.StatusInput{Status: "迁出", Date: day, Note: "迁往长沙市"}); err != nil {
		t.Fatal(err)
	}
	r, err := s.GetResident(ctx, son)
	if err != nil || r.Status != "迁出" || r.StatusNote != "迁往长沙市" {
		t.Errorf("moved away: %+v %v", r, err)
	}

	// Put back: in the register again, the date and note gone.
	if err := s.SetResidentStatus(ctx, head, grid.StatusInput{}); err != nil {
		t.Fatal(err)
	}
	if v, m, name := counts(); v != 1 || m != 1 || name != "张老汉" {
		t.Errorf("after putting the head back: village %d, household %d, head %q", v, m, name)
	}
	r, err = s.GetResident(ctx, head)
	if err != nil || r.Status != "" || r.StatusDate != "" {
		t.Errorf("put back: %+v %v", r, err)
	}
}
