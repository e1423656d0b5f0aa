package cases_test

import (
	"slices"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
)

// A resolved case is followed up within the office's window of working days; after it the case is
// marked 回访逾期 with the working days late — the holiday not counted — in its page, the list's
// filter and the supervision counts alike, until the follow-up is recorded.
func TestFollowUpWindow(t *testing.T) {
	s, _, clock := open(t, day("2026-10-12"))
	st, err := s.Settings(ctx)
	if err != nil || st.FollowUpDays != 5 {
		t.Fatalf("default window: %+v %v", st, err)
	}
	for _, n := range []int{0, cases.MaxFollowUpDays + 1} {
		bad := st
		bad.FollowUpDays = n
		if err := s.SetSettings(ctx, bad); errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "followUpDays" {
			t.Fatalf("a window of %d days: %v", n, err)
		}
	}
	st.FollowUpDays = 3
	if err := s.SetSettings(ctx, st); err != nil {
		t.Fatal(err)
	}

	// Cases resolved on every day from 9月18日 to 10月12日, across National Day (10月1日–7日 off,
	// Saturday 10月10日 worked).
	resolvedOn := map[string]string{}
	var ids []string
	for d := day("2026-09-18"); !d.After(day("2026-10-12")); d = d.AddDate(0, 0, 1) {
		on := d.Format("2006-01-02")
		in := input()
		in.RegisteredOn = "2026-09-18"
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range []cases.Step{{Action: cases.ActAccept, Date: "2026-09-18"}, {Action: cases.ActStart, Handler: "蓝建国", Date: "2026-09-18"},
			{Action: cases.ActResolve, Note: "已修复", Date: on}} {
			if err := s.Act(ctx, id, step); err != nil {
				t.Fatalf("%s %s: %v", on, step.Action, err)
			}
		}
		resolvedOn[id] = on
		ids = append(ids, id)
	}
	// Resolved on Friday 9月25日: three working days are 9月28日, 29日, 30日; on 10月12日 it is late by
	// 8日, 9日, 10日 (Saturday, worked) and 12日: 4 working days.
	check := func(on, by, card string, late int) {
		t.Helper()
		for id, r := range resolvedOn {
			if r != on {
				continue
			}
			c, err := s.Get(ctx, id)
			if err != nil || c.FollowUpBy != by || c.Card != card || c.OverdueDays != late {
				t.Fatalf("resolved %s: follow up by %s, card %q, %d days late (%v); want %s, %q, %d", on, c.FollowUpBy, c.Card, c.OverdueDays, err, by, card, late)
			}
		}
	}
	check("2026-09-25", "2026-09-30", cases.CardFollowUp, 4)
	check("2026-09-30", "2026-10-10", cases.CardFollowUp, 1) // 10月8日, 9日, 10日; late by 12日
	check("2026-10-02", "2026-10-10", cases.CardFollowUp, 1)
	check("2026-10-07", "2026-10-10", cases.CardFollowUp, 1)
	check("2026-10-08", "2026-10-12", "", 0)

	late := func() []string {
		t.Helper()
		var out []string
		for _, id := range ids {
			if c, _ := s.Get(ctx, id); c.Card == cases.CardFollowUp {
				out = append(out, id)
			}
		}
		return out
	}
	listed := func() []string {
		t.Helper()
		p, err := s.List(ctx, cases.Query{Card: cases.CardFollowUp, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range p.Items {
			out = append(out, c.ID)
		}
		return out
	}
	for _, today := range []string{"2026-10-12", "2026-10-09", "2026-10-01", "2026-09-30"} {
		clock.Set(day(today))
		want, got := late(), listed()
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Fatalf("%s: the list finds %d cases late for their follow-up, their pages %d", today, len(got), len(want))
		}
		counts, err := s.Supervision(ctx)
		if err != nil || counts.FollowUp != len(want) || counts.Awaiting != len(ids) {
			t.Fatalf("%s: counts %+v (%v), want %d late of %d", today, counts, err, len(want), len(ids))
		}
	}
	clock.Set(day("2026-10-12"))
	if n := len(listed()); n != 20 { // resolved 9月18日–10月7日: the last of them were due on 10月10日
		t.Fatalf("late on 10月12日: %d, want 20", n)
	}
	// Followed up: no longer waiting.
	first := ids[0]
	if err := s.Act(ctx, first, cases.Step{Action: cases.ActFollowUp, Satisfaction: "满意"}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Get(ctx, first); c.Card != "" || c.FollowUpBy != "" {
		t.Fatalf("followed up: %+v", c)
	}
	if counts, _ := s.Supervision(ctx); counts.Awaiting != len(ids)-1 {
		t.Fatalf("after a follow-up: %+v", counts)
	}
}
