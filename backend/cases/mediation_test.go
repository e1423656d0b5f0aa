package cases_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
)

// dispute is a valid 矛盾纠纷 case.
func dispute() cases.Input {
	return cases.Input{Source: "来访", Category: cases.CategoryDispute, Summary: "宅基地界址纠纷", PersonName: "龙大海", PersonPhone: "13907391234"}
}

// A dispute resolved (办结) records how its mediation ended; the refusals name the field and change
// nothing; a case of another category is not asked and refuses an outcome.
func TestDisputeRecordsTheMediation(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	handling := func(in cases.Input) string {
		t.Helper()
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range paths[cases.StateHandling] {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	id := handling(dispute())
	refused := []struct {
		name, field, says string
		step              cases.Step
	}{
		{"ErrMediationRequired", "mediation", "请选择调解结果", cases.Step{Note: "双方和好"}},
		{"ErrMediationUnknown", "mediation", "“和解”不对", cases.Step{Mediation: "和解", Note: "双方和好"}},
		{"ErrTransferNeedsBody", "to", "转交单位", cases.Step{Mediation: cases.MediationTransferred, Note: "移交处理"}},
		{"ErrBodyWithoutTransfer", "to", "只有转交", cases.Step{Mediation: cases.MediationAgreed, To: "司法所", Note: "双方和好"}},
		{"ErrNoteOfAdvice", "note", "给当事人的建议", cases.Step{Mediation: cases.MediationFailed}},
	}
	before, _ := s.Get(ctx, id)
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			c.step.Action = cases.ActResolve
			err := s.Act(ctx, id, c.step)
			if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != c.field || !strings.Contains(e.Message, c.says) {
				t.Fatalf("want invalid on %s saying %q, got %v", c.field, c.says, err)
			}
			if after, _ := s.Get(ctx, id); !reflect.DeepEqual(before, after) {
				t.Errorf("refused, but the case changed:\n%+v\n%+v", before, after)
			}
		})
	}

	t.Run("Agreed", func(t *testing.T) {
		if err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Mediation: cases.MediationAgreed, Note: "以原宅基地证为界，双方签字认可"}); err != nil {
			t.Fatal(err)
		}
		c, _ := s.Get(ctx, id)
		last := c.Events[len(c.Events)-1]
		if c.State != cases.StateResolved || c.Mediation != cases.MediationAgreed || c.MediationTo != "" ||
			last.Note != "调解成功：以原宅基地证为界，双方签字认可" {
			t.Fatalf("%s %q %q, last entry %q", c.State, c.Mediation, c.MediationTo, last.Note)
		}
		// 不满意 reopens it and clears the outcome, which the next 办结 asks for again.
		if err := s.Act(ctx, id, cases.Step{Action: cases.ActFollowUp, Satisfaction: "不满意", Note: "对方未按协议拆墙"}); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Get(ctx, id); c.State != cases.StateHandling || c.Mediation != "" {
			t.Fatalf("reopened: %s %q", c.State, c.Mediation)
		}
		err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Note: "再次调解未果"})
		if e := errs.As(err); e == nil || e.Field != "mediation" {
			t.Fatalf("the second 办结 without an outcome: %v", err)
		}
		if err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Mediation: cases.MediationFailed, Note: "已告知双方可向人民法院起诉"}); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Get(ctx, id); c.Mediation != cases.MediationFailed || c.Events[len(c.Events)-1].Note != "调解不成：已告知双方可向人民法院起诉" {
			t.Fatalf("failed: %q %q", c.Mediation, c.Events[len(c.Events)-1].Note)
		}
	})
	t.Run("Transferred", func(t *testing.T) {
		id := handling(dispute())
		if err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Mediation: " 转交 ", To: " 乡司法所 ", Note: "涉及林权，已移交材料"}); err != nil {
			t.Fatal(err)
		}
		c, _ := s.Get(ctx, id)
		if c.Mediation != cases.MediationTransferred || c.MediationTo != "乡司法所" || c.Events[len(c.Events)-1].Note != "转交乡司法所：涉及林权，已移交材料" {
			t.Fatalf("%q %q %q", c.Mediation, c.MediationTo, c.Events[len(c.Events)-1].Note)
		}
	})
	t.Run("OtherCategoriesAreNotAsked", func(t *testing.T) {
		id := handling(input())
		err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Mediation: cases.MediationAgreed, Note: "已修复"})
		if e := errs.As(err); e == nil || e.Field != "mediation" || !strings.Contains(e.Message, "民生诉求") {
			t.Fatalf("an outcome on a 民生诉求: %v", err)
		}
		if err := s.Act(ctx, id, cases.Step{Action: cases.ActResolve, Note: "已修复"}); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Get(ctx, id); c.Mediation != "" || c.Events[len(c.Events)-1].Note != "已修复" {
			t.Fatalf("%q %q", c.Mediation, c.Events[len(c.Events)-1].Note)
		}
	})
}

// ActionNeeds says which action asks a dispute for its outcome: that one is refused without it (on the
// field mediation), every other goes through without it, and on a case of another category none asks.
func TestActionNeedsMediationAgreesWithTheChecks(t *testing.T) {
	s, _, _ := open(t, day("2026-11-27"))
	asking := 0
	for _, n := range cases.ActionNeeds {
		if n.Mediation {
			asking++
		}
		state := ""
		for _, st := range cases.States {
			if slices.Contains(cases.Allowed(st), n.Action) {
				state = st
				break
			}
		}
		for _, in := range []cases.Input{dispute(), input()} {
			in.RegisteredOn = "2026-10-20" // past its deadline: a 催办 is allowed
			id, _, err := s.Register(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range paths[state] {
				if st.Action == cases.ActResolve && in.Category == cases.CategoryDispute {
					st.Mediation = cases.MediationAgreed
				}
				if err := s.Act(ctx, id, st); err != nil {
					t.Fatal(err)
				}
			}
			err = s.Act(ctx, id, steps[n.Action].step) // a valid step, with no outcome
			name := fmt.Sprintf("%s of a %s", n.Action, in.Category)
			asked := n.Mediation && in.Category == cases.CategoryDispute
			if asked && (errs.CodeOf(err) != errs.Invalid || errs.As(err).Field != "mediation") {
				t.Errorf("%s without an outcome: %v", name, err)
			}
			if !asked && err != nil {
				t.Errorf("%s without an outcome: %v", name, err)
			}
		}
	}
	if asking != 1 {
		t.Errorf("%d actions ask for the outcome of mediation, want 1 (办结)", asking)
	}
}

// The 民情台账 carries 调解结果: read in its forms (words for the outcomes, 转交 with its body), refused
// where it cannot be (no dispute, not resolved, 转交 without a body, another word), empty when the sheet
// has none.
func TestLedgerReadsTheMediation(t *testing.T) {
	r := newRegistry(t)
	b := newBook(t, "Sheet1")
	b.row(1, "登记日期", "问题类别", "反映事项", "反映人", "所属村", "办结日期", "调解结果")
	b.row(2, "2026-04-01", "矛盾纠纷", "宅基地界址纠纷", "龙大海", "儒林村", "2026-04-03", "达成协议")
	b.row(3, "2026-04-02", "纠纷", "山林权属争议", "龙大海", "儒林村", "2026-04-05", "转交（乡司法所）")
	b.row(4, "2026-04-03", "矛盾纠纷", "排水纠纷", "龙大海", "儒林村", "2026-04-05", "转交")
	b.row(5, "2026-04-04", "民生诉求", "路灯不亮", "龙大海", "儒林村", "2026-04-05", "调解成功")
	b.row(6, "2026-04-05", "矛盾纠纷", "赡养纠纷", "龙大海", "儒林村", nil, "调解成功")
	b.row(7, "2026-04-06", "矛盾纠纷", "租金纠纷", "龙大海", "儒林村", "2026-04-07", "和好了")
	b.row(8, "2026-04-07", "矛盾纠纷", "用水纠纷", "龙大海", "儒林村", "2026-04-08", nil)
	p, err := r.s.CheckLedger(ctx, b.save("mediation.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"4 mediation": "写明转交的单位", "5 mediation": "“民生诉求”", "6 mediation": "未办结", "7 mediation": "“和好了”不对"}
	if p.Valid != 3 || len(p.Problems) != len(want) {
		t.Fatalf("valid %d, problems %+v", p.Valid, p.Problems)
	}
	for _, pr := range p.Problems {
		if part, ok := want[fmt.Sprintf("%d %s", pr.Row, pr.Key)]; !ok || !strings.Contains(pr.Message, part) {
			t.Errorf("problem %d %s: %s (want %q)", pr.Row, pr.Key, pr.Message, part)
		}
	}
	if _, err := r.s.ImportLedger(ctx, p, cases.LedgerOptions{ValidOnly: true}, nil); err != nil {
		t.Fatal(err)
	}
	got := bySummary(t, r.s)
	for summary, w := range map[string][2]string{"宅基地界址纠纷": {"调解成功", ""}, "山林权属争议": {"转交", "乡司法所"}, "用水纠纷": {"", ""}} {
		if c := got[summary]; c.Mediation != w[0] || c.MediationTo != w[1] {
			t.Errorf("%s: %q %q, want %q", summary, c.Mediation, c.MediationTo, w)
		}
	}
}
