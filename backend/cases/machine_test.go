package cases_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// paths lead a new case to each state.
var paths = map[string][]cases.Step{
	cases.StateRegistered: nil,
	cases.StateAccepted:   {{Action: cases.ActAccept}},
	cases.StateRejected:   {{Action: cases.ActReject, Note: "不属于本村事务"}},
	cases.StateHandling:   {{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}},
	cases.StateResolved:   {{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}, {Action: cases.ActResolve, Note: "已更换水管"}},
	cases.StateFollowedUp: {{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}, {Action: cases.ActResolve, Note: "已更换水管"},
		{Action: cases.ActFollowUp, Satisfaction: "满意"}},
	cases.StateArchived: {{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}, {Action: cases.ActResolve, Note: "已更换水管"},
		{Action: cases.ActFollowUp, Satisfaction: "满意"}, {Action: cases.ActArchive}},
}

// steps are a valid form of each action for a case at the level 村, and the state it leads to (""
// for the same state).
var steps = map[string]struct {
	step cases.Step
	to   string
}{
	cases.ActAccept:   {cases.Step{Action: cases.ActAccept}, cases.StateAccepted},
	cases.ActReject:   {cases.Step{Action: cases.ActReject, Note: "重复反映"}, cases.StateRejected},
	cases.ActStart:    {cases.Step{Action: cases.ActStart, Handler: "蓝建国"}, cases.StateHandling},
	cases.ActAssign:   {cases.Step{Action: cases.ActAssign, Handler: "杨明"}, ""},
	cases.ActEscalate: {cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "需水利站出面"}, cases.StateAccepted},
	cases.ActHandDown: {cases.Step{Action: cases.ActHandDown, Level: "组", Handler: "吴长生", Days: 5, Note: "五日内修复"}, cases.StateHandling},
	cases.ActReturn:   {cases.Step{Action: cases.ActReturn, Note: "组内可以解决"}, cases.StateAccepted},
	cases.ActExtend:   {cases.Step{Action: cases.ActExtend, Days: 3, Note: "等材料"}, ""},
	cases.ActResolve:  {cases.Step{Action: cases.ActResolve, Note: "已修复"}, cases.StateResolved},
	cases.ActFollowUp: {cases.Step{Action: cases.ActFollowUp, Satisfaction: "基本满意"}, cases.StateFollowedUp},
	cases.ActArchive:  {cases.Step{Action: cases.ActArchive}, cases.StateArchived},
	cases.ActRemind:   {cases.Step{Action: cases.ActRemind, Days: 3}, ""},
}

// Every action from every state: the allowed ones move the case where they should and add one
// timeline entry; the others are refused with the state named, and change nothing.
func TestEveryTransition(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	if len(steps) != len(cases.Actions) || len(paths) != len(cases.States) {
		t.Fatalf("the test covers %d actions and %d states of %d and %d", len(steps), len(paths), len(cases.Actions), len(cases.States))
	}
	allowedCount := 0
	in := input()
	in.RegisteredOn = "2026-10-20" // past its deadline: a 催办 is allowed
	for _, state := range cases.States {
		for _, action := range cases.Actions {
			id, _, err := s.Register(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range paths[state] {
				if err := s.Act(ctx, id, st); err != nil {
					t.Fatalf("to %s: %s: %v", state, st.Action, err)
				}
			}
			before, err := s.Get(ctx, id)
			if err != nil || before.State != state {
				t.Fatalf("path to %s ends in %s (%v)", state, before.State, err)
			}
			want := steps[action]
			err = s.Act(ctx, id, want.step)
			after, _ := s.Get(ctx, id)
			ok := slices.Contains(cases.Allowed(state), action)
			name := fmt.Sprintf("%s from %s", action, state)
			if !ok {
				if errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "“"+state+"”") {
					t.Errorf("%s: want a conflict naming the state, got %v", name, err)
				}
				if !reflect.DeepEqual(before, after) {
					t.Errorf("%s: refused, but the case changed:\n%+v\n%+v", name, before, after)
				}
				continue
			}
			allowedCount++
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			to := want.to
			if to == "" {
				to = state
			}
			last := after.Events[len(after.Events)-1]
			if after.State != to || len(after.Events) != len(before.Events)+1 || last.Action != action || last.From != state || last.To != to {
				t.Errorf("%s: now %s with %d entries (last %+v), want %s and one more entry", name, after.State, len(after.Events), last, to)
			}
		}
	}
	if allowedCount < 15 {
		t.Fatalf("only %d allowed transitions exercised", allowedCount)
	}
}

// ActionNeeds says what ActIn checks: an action whose note it marks required is refused without one
// (on the field note), the others go through with an empty note.
func TestActionNeedsAgreeWithTheChecks(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	if len(cases.ActionNeeds) != len(cases.Actions) {
		t.Fatalf("%d needs for %d actions", len(cases.ActionNeeds), len(cases.Actions))
	}
	for i, n := range cases.ActionNeeds {
		if n.Action != cases.Actions[i] {
			t.Fatalf("needs %d is %s, action %s", i, n.Action, cases.Actions[i])
		}
		state := ""
		for _, st := range cases.States {
			if slices.Contains(cases.Allowed(st), n.Action) {
				state = st
				break
			}
		}
		in := input()
		in.RegisteredOn = "2026-10-20" // past its deadline: a 催办 is allowed
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range paths[state] {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatal(err)
			}
		}
		step := steps[n.Action].step
		step.Note = ""
		err = s.Act(ctx, id, step)
		if n.Note && (errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "note") {
			t.Errorf("%s without a note: %v", n.Action, err)
		}
		if !n.Note && err != nil {
			t.Errorf("%s without a note: %v", n.Action, err)
		}
		if n.Days == 0 {
			continue
		}
		// The most working days it takes, and not one more.
		id, _, err = s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range paths[state] {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatal(err)
			}
		}
		most := n.MaxDays
		if n.Action == cases.ActExtend { // the whole limit, extensions included, is at most MaxDays
			c, err := s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			most -= c.LimitDays
			step = steps[n.Action].step
			step.Note, step.Days = "说明", most+1
			if err := s.Act(ctx, id, step); errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "days" {
				t.Errorf("%s of %d working days on a limit of %d: %v", n.Action, step.Days, c.LimitDays, err)
			}
		}
		step = steps[n.Action].step
		step.Note, step.Days = "说明", n.MaxDays+1
		if err := s.Act(ctx, id, step); errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "days" {
			t.Errorf("%s of %d working days (the most is %d): %v", n.Action, step.Days, n.MaxDays, err)
		}
		step.Days = most
		if err := s.Act(ctx, id, step); err != nil {
			t.Errorf("%s of %d working days: %v", n.Action, step.Days, err)
		}
	}
}

// A case is handled by someone: 上报 leaves the level above to name its 责任人, and 开始办理 asks for
// one then (keeping the one there is otherwise); 办结 of a case nobody is named for is refused. An
// outside walkthrough handled and closed a case reading 「责任人：待指派」 to the end.
func TestHandledCasesHaveAHandler(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	id, _, err := s.Register(ctx, input())
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActAssign, Handler: "杨明"},
		{Action: cases.ActEscalate, Level: "乡镇", Note: "需水利站出面"}} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	wantErr(t, s.Act(ctx, id, cases.Step{Action: cases.ActStart}), errs.Invalid, "handler")
	if c, _ := s.Get(ctx, id); c.State != cases.StateAccepted || c.Handler != "" {
		t.Fatalf("a refused start left %s, %q", c.State, c.Handler)
	}
	if err := s.Act(ctx, id, cases.Step{Action: cases.ActStart, Handler: "乡综治办"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Get(ctx, id)
	if err != nil || c.State != cases.StateHandling || c.Handler != "乡综治办" || c.Events[len(c.Events)-1].Handler != "乡综治办" {
		t.Fatalf("started: %s %q %+v %v", c.State, c.Handler, c.Events[len(c.Events)-1], err)
	}
	// A case in hand whose 责任人 is gone (a file merged from an older version) is not closed so.
	storetest.Tamper(t, db, `UPDATE cases SET handler = '' WHERE id = ?`, id)
	if err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Note: "已修复"}); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "指派") {
		t.Fatalf("resolved without a handler: %v", err)
	}
}

// A step dated before the case's last one is refused naming that day as officers read it.
func TestBackdatedStepNamesTheDayInChinese(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	in := input()
	in.RegisteredOn = "2026-11-20"
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Act(ctx, id, cases.Step{Action: cases.ActAccept, Date: "2026-11-19"})
	wantErr(t, err, errs.Invalid, "date")
	if !strings.Contains(err.Error(), "（2026年11月20日）") {
		t.Errorf("the message: %v", err)
	}
}

// The audit log names a case by its number before its 反映事项: two cases often ask the same thing
// (申请低保复核), and the log could not tell them apart.
func TestAuditNamesACaseByItsNumber(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	id, number, err := s.Register(ctx, input())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Act(ctx, id, cases.Step{Action: cases.ActAccept}); err != nil {
		t.Fatal(err)
	}
	p, err := db.FindAudit(ctx, store.AuditQuery{Limit: 50, Table: "cases"})
	if err != nil || len(p.Entries) == 0 {
		t.Fatalf("audit: %+v %v", p, err)
	}
	for _, e := range p.Entries {
		if !strings.Contains(e.Summary, number+" 自来水管破裂，三户停水") {
			t.Errorf("the entry reads %q, want the case's number %s and its 反映事项", e.Summary, number)
		}
	}
}
