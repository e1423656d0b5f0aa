package cases_test

import (
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// The whole loop with an escalation, a hand-down, an unsatisfied follow-up that reopens the case, and
// the level it was finally resolved at; the timeline keeps every step in order.
func TestLoopWithEscalationAndReopening(t *testing.T) {
	s, _, clock := open(t, day("2026-11-02"))
	id, number, err := s.Register(ctx, input())
	if err != nil || number != "丹口-2026-0001" {
		t.Fatalf("register: %q %v", number, err)
	}
	do := func(st cases.Step) {
		t.Helper()
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatalf("%s: %v", st.Action, err)
		}
	}
	do(cases.Step{Action: cases.ActAccept})
	do(cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "涉及水利站管网"})
	do(cases.Step{Action: cases.ActHandDown, Level: "村", Handler: "杨明", Days: 5, Note: "村委会组织维修，五个工作日内办结"})
	c, _ := s.Get(ctx, id)
	if c.State != cases.StateHandling || c.Level != "村" || c.Handler != "杨明" || c.Deadline != "2026-11-09" || c.LimitDays != 5 {
		t.Fatalf("after the hand-down: %+v", c)
	}
	clock.Set(day("2026-11-06"))
	do(cases.Step{Action: cases.ActResolve, Note: "已更换主水管"})
	do(cases.Step{Action: cases.ActFollowUp, Satisfaction: "不满意", Note: "仍有一户水压不足"})
	c, _ = s.Get(ctx, id)
	if c.State != cases.StateHandling || c.ResolvedOn != "" || c.Satisfaction != "不满意" {
		t.Fatalf("an unsatisfied follow-up must reopen the case: %+v", c)
	}
	clock.Set(day("2026-11-10"))
	do(cases.Step{Action: cases.ActResolve, Note: "加装增压泵"})
	do(cases.Step{Action: cases.ActFollowUp, Satisfaction: "满意"})
	do(cases.Step{Action: cases.ActArchive})
	c, _ = s.Get(ctx, id)
	if c.State != cases.StateArchived || c.ResolvedOn != "2026-11-10" || c.ResolvedLevel != "村" || !cases.InVillage(c.ResolvedLevel) || c.Satisfaction != "满意" {
		t.Fatalf("archived: %+v", c)
	}
	var actions []string
	for _, e := range c.Events {
		actions = append(actions, e.Action)
	}
	want := []string{"登记", "受理", "上报", "交办", "办结", "回访", "办结", "回访", "归档"}
	if len(actions) != len(want) {
		t.Fatalf("timeline %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("timeline %v, want %v", actions, want)
		}
	}
	if c.Events[5].Note != "回访不满意，重新办理：仍有一户水压不足" || c.Events[7].Note != "群众满意" || c.Events[2].Level != "乡镇" || c.Events[3].Deadline != "2026-11-09" {
		t.Fatalf("timeline entries: %+v", c.Events)
	}
}

// Steps without what they need are refused on their field, and escalating down, handing up or
// returning below 邻 are refused; the case stays as it was.
func TestStepsNeedWhatTheySay(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	id, _, err := s.Register(ctx, cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "宅基地界址纠纷", PersonName: "龙大海", Level: "邻"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.Get(ctx, id)
	for _, c := range []struct {
		step        cases.Step
		code, field string
	}{
		{cases.Step{Action: "批准"}, errs.Invalid, "action"},
		{cases.Step{Action: cases.ActReject}, errs.Invalid, "note"},
		{cases.Step{Action: cases.ActAssign}, errs.Invalid, "handler"},
		{cases.Step{Action: cases.ActEscalate, Level: "组"}, errs.Invalid, "note"},
		{cases.Step{Action: cases.ActEscalate, Level: "邻", Note: "x"}, errs.Invalid, "level"},
		{cases.Step{Action: cases.ActHandDown, Level: "邻", Handler: "a", Days: 3, Note: "x"}, errs.Invalid, "level"},
		{cases.Step{Action: cases.ActReturn, Note: "x"}, errs.Conflict, ""},
		{cases.Step{Action: cases.ActExtend, Note: "等材料"}, errs.Invalid, "days"},
		{cases.Step{Action: cases.ActExtend, Days: 3}, errs.Invalid, "note"},
		{cases.Step{Action: cases.ActRemind, Days: 3}, errs.Conflict, ""}, // not overdue yet
	} {
		err := s.Act(ctx, id, c.step)
		if errs.CodeOf(err) != c.code || errs.As(err).Field != c.field {
			t.Errorf("%+v: want %s on %q, got %v", c.step, c.code, c.field, err)
		}
	}
	after, _ := s.Get(ctx, id)
	if len(after.Events) != len(before.Events) || after.State != before.State || after.Level != "邻" {
		t.Fatalf("refused steps changed the case: %+v", after)
	}
	if err := s.Act(ctx, "no-such-case", cases.Step{Action: cases.ActAccept}); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("a missing case: %v", err)
	}
}

// The timeline is append-only: an entry cannot be changed, even below the service.
func TestTimelineIsAppendOnly(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	id, _, err := s.Register(ctx, input())
	if err != nil {
		t.Fatal(err)
	}
	var event string
	if err := db.SQL().QueryRow(`SELECT id FROM case_events WHERE case_id = ?`, id).Scan(&event); err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Update("case_events", event, store.Values{"note": "改过的记录"})
		return err
	})
	if err == nil {
		t.Fatal("a timeline entry was changed")
	}
	c, _ := s.Get(ctx, id)
	if c.Events[0].Note != "来源：走访" {
		t.Fatalf("the entry reads %q", c.Events[0].Note)
	}
}

// A visit's follow-up that became a case is found from the visit.
func TestOfVisits(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	in := input()
	in.VisitID = "visit-1"
	_, number, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.OfVisits(ctx, []string{"visit-1", "visit-2"})
	if err != nil || len(got) != 1 || got["visit-1"] != number {
		t.Fatalf("of visits: %v %v", got, err)
	}
}

// A step recorded later carries the day it happened: it sets the resolution date and counts a
// hand-down's deadline from that day; a day after today or before the previous step is refused.
func TestStepsRecordedLater(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	in := input()
	in.RegisteredOn = "2026-11-02"
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []cases.Step{
		{Action: cases.ActAccept, Date: "2026-11-03"},
		{Action: cases.ActHandDown, Level: "组", Handler: "吴长生", Days: 2, Note: "两日内修复", Date: "2026-11-06"}, // Fri: 9日, 10日
		{Action: cases.ActResolve, Note: "已修复", Date: "2026-11-10"},
	} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatalf("%s: %v", st.Action, err)
		}
	}
	c, _ := s.Get(ctx, id)
	if c.ResolvedOn != "2026-11-10" || c.Events[2].Deadline != "2026-11-10" || c.Events[2].On != "2026-11-06" || c.Events[0].On != "2026-11-02" {
		t.Fatalf("recorded later: %+v", c)
	}
	for _, date := range []string{"2026-11-09", "2026-11-28", "11月10日"} {
		err := s.Act(ctx, id, cases.Step{Action: cases.ActFollowUp, Satisfaction: "满意", Date: date})
		if errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "date" {
			t.Errorf("follow-up on %s: %v", date, err)
		}
	}
}
