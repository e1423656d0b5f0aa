package exchange_test

import (
	"testing"
	"time"

	"xiangzhi/backend/cases"
)

// TestCaseTimelineFork: one office resolves a case while another escalates it, neither knowing. After
// the exchange both list the case (its timeline forks); a person at one office says where it stands,
// and after the next exchange neither lists it and both hold the same.
func TestCaseTimelineFork(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", time.Minute)
	introduce(t, a, b)
	sa, sb := cases.NewService(a.db, nil), cases.NewService(b.db, nil)
	id, _, err := sa.Register(ctx, cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "宅基地界址纠纷", PersonName: "龙大海"})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}} {
		if err := sa.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	receive(t, b, send(t, a, b))
	if list, err := sa.TimelineClashes(ctx); err != nil || len(list) != 0 {
		t.Fatalf("before the fork: %+v %v", list, err)
	}
	if err := sa.Act(ctx, id, cases.Step{Action: cases.ActResolve, Mediation: "调解成功", Note: "双方签字"}); err != nil {
		t.Fatal(err)
	}
	c, err := sb.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Act(ctx, id, cases.Step{Action: cases.ActEscalate, Level: "县", Note: "涉及两乡镇"}); err != nil {
		t.Fatal(err)
	}
	toB, toA := send(t, a, b), send(t, b, a)
	receive(t, b, toB)
	receive(t, a, toA)
	for _, s := range []*cases.Service{sa, sb} {
		list, err := s.TimelineClashes(ctx)
		if err != nil || len(list) != 1 || len(list[0].Options) != 2 {
			t.Fatalf("after the fork: %+v %v", list, err)
		}
		want := []cases.Standing{{State: cases.StateAccepted, Level: "县"}, {State: cases.StateResolved, Level: c.Level}}
		for _, w := range want {
			found := false
			for _, o := range list[0].Options {
				found = found || o == w
			}
			if !found {
				t.Fatalf("options %+v lack %+v", list[0].Options, w)
			}
		}
	}
	if open, _ := a.db.Conflicts(ctx, false); len(open) == 0 {
		t.Fatal("the merge recorded no conflict on the case's fields")
	}
	if err := sa.SettleTimeline(ctx, id, cases.Standing{State: "已归档", Level: "县"}); err == nil {
		t.Fatal("a standing not among the options was taken")
	}
	if err := sa.SettleTimeline(ctx, id, cases.Standing{State: cases.StateAccepted, Level: "县"}); err != nil {
		t.Fatal(err)
	}
	if err := sa.SettleTimeline(ctx, id, cases.Standing{State: cases.StateAccepted, Level: "县"}); err == nil {
		t.Fatal("a settled case was settled again")
	}
	receive(t, b, send(t, a, b))
	for _, s := range []*cases.Service{sa, sb} {
		if list, err := s.TimelineClashes(ctx); err != nil || len(list) != 0 {
			t.Fatalf("after the settlement: %+v %v", list, err)
		}
		got, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != cases.StateAccepted || got.Level != "县" || got.Events[len(got.Events)-1].Action != cases.ActReconcile {
			t.Fatalf("the case after the settlement: %+v %v", got, err)
		}
	}
	// The merge also recorded the state and level as conflicting fields: the decision settled them, at
	// a where it was made and at b where it arrived.
	for _, o := range []*office{a, b} {
		if open, err := o.db.Conflicts(ctx, false); err != nil || len(open) != 0 {
			t.Fatalf("%s: open conflicts after the settlement: %+v %v", o.name, open, err)
		}
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ after the settlement")
	}
}
