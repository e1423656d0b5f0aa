package cases_test

import (
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
)

// The figures on a fixture counted by hand: five cases registered in November — one turned away,
// one settled in the group on time and found satisfactory (both archived since:
// the one turned away still counts as turned away, the other as settled), one settled at the township late and
// found only basically satisfactory, one settled in the village on time and found unsatisfactory
// (so reopened: not settled), one still open — and one in October, outside the period.
func TestStatistics(t *testing.T) {
	s, _, _ := open(t, day("2026-11-30"))
	reg := func(on, level string) string {
		t.Helper()
		in := input()
		in.RegisteredOn, in.Level, in.Category = on, level, "政策咨询" // 3 working days
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	do := func(id string, steps ...cases.Step) {
		t.Helper()
		for _, st := range steps {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatalf("%s: %v", st.Action, err)
			}
		}
	}
	rejected, group, township, village := reg("2026-11-02", "村"), reg("2026-11-02", "组"), reg("2026-11-03", "村"), reg("2026-11-04", "村")
	reg("2026-11-20", "村")
	reg("2026-10-15", "组")
	do(rejected, cases.Step{Action: cases.ActReject, Note: "重复反映"}, cases.Step{Action: cases.ActArchive})
	do(group, cases.Step{Action: cases.ActAccept, Date: "2026-11-02"}, cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: "2026-11-02"},
		cases.Step{Action: cases.ActResolve, Note: "已答复", Date: "2026-11-04"}, cases.Step{Action: cases.ActFollowUp, Satisfaction: "满意"},
		cases.Step{Action: cases.ActArchive})
	do(township, cases.Step{Action: cases.ActAccept, Date: "2026-11-03"}, cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "需乡政府答复", Date: "2026-11-03"},
		cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: "2026-11-03"}, cases.Step{Action: cases.ActResolve, Note: "已答复", Date: "2026-11-16"},
		cases.Step{Action: cases.ActFollowUp, Satisfaction: "基本满意"})
	do(village, cases.Step{Action: cases.ActAccept, Date: "2026-11-04"}, cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: "2026-11-04"},
		cases.Step{Action: cases.ActResolve, Note: "已答复", Date: "2026-11-05"}, cases.Step{Action: cases.ActFollowUp, Satisfaction: "不满意", Note: "没说清楚"})
	got, err := s.Statistics(ctx, "2026-11-01", "2026-11-30", "")
	want := cases.Stats{From: "2026-11-01", To: "2026-11-30", Registered: 5, Rejected: 1, Resolved: 2, InVillage: 1, OnTime: 1,
		FollowedUp: 3, Satisfied: 2, ResolvedRate: 2.0 / 4, VillageRate: 1.0 / 2, OnTimeRate: 1.0 / 2, SatisfyRate: 2.0 / 3}
	if err != nil || got != want {
		t.Fatalf("statistics\n got %+v\nwant %+v (%v)", got, want, err)
	}
	if all, _ := s.Statistics(ctx, "", "", ""); all.Registered != 6 {
		t.Fatalf("all: %+v", all)
	}
	if _, err := s.Statistics(ctx, "11月1日", "", ""); errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "from" {
		t.Fatalf("a bad date: %v", err)
	}
}
