package cases_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// A dispute mediated to an agreement: its 人民调解协议书 is prefilled from the case (the registered
// resident as first party, the facts, the agreement as first term, the village's committee), issued
// under the case and recorded on its timeline in one write; a failed issue leaves neither; a dispute
// whose mediation failed, and a case of another category, have none.
func TestAgreementOfACase(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	if err := db.SetOperator(ctx, "王丽"); err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	archive := &docs.Archive{DB: db, Fonts: set}
	_, village, hh, long := household(t, db, "三组12号")
	resolved := func(in cases.Input, mediation string) string {
		t.Helper()
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActAssign, Handler: "蓝建国"}, {Action: cases.ActStart, Handler: "蓝建国"},
			{Action: cases.ActResolve, Mediation: mediation, Note: "杨秀英拆除超出界址的围墙，双方不再争执"}} {
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	in := cases.Input{Source: "来访", Category: cases.CategoryDispute, Summary: "宅基地界址纠纷", Description: "两家为围墙位置争执",
		VillageID: village, HouseholdID: hh, ResidentID: long}
	id := resolved(in, cases.MediationAgreed)

	a, err := s.AgreementDraft(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p := a.Parties[0]
	if len(a.Parties) != 2 || p.Name != "龙大海" || p.Gender != "男" || p.Ethnicity != "苗族" || p.Birth != "1968-05-12" ||
		p.Address != "桃林村三组12号" || p.Phone != "13907391234" || a.Parties[1] != (docs.AgreementParty{}) ||
		a.Committee != "桃林村人民调解委员会" || a.Facts != "宅基地界址纠纷。两家为围墙位置争执。" || a.Mediators != "蓝建国" ||
		a.Recorder != "王丽" || a.Date != "2026-11-27" || len(a.Terms) != 1 || a.Terms[0] != "杨秀英拆除超出界址的围墙，双方不再争执" {
		t.Fatalf("draft %+v", a)
	}
	// A case registered from the household by the member's name finds the member in the registry.
	byName := in
	byName.ResidentID, byName.PersonName = "", "龙大海"
	if b, err := s.AgreementDraft(ctx, resolved(byName, cases.MediationAgreed)); err != nil || b.Parties[0] != a.Parties[0] {
		t.Fatalf("by the household and name: %+v %v", b, err)
	}
	// The officer adds the other party and completes the terms.
	a.Parties[1] = docs.AgreementParty{Name: "杨秀英", Gender: "女", Birth: "61岁"}
	a.Terms = append(a.Terms, "费用由杨秀英承担。")
	a.Performance = "2026年12月10日前拆除。"

	t.Run("ErrInvalidLeavesNothing", func(t *testing.T) {
		bad := *a
		bad.Parties = bad.Parties[:1]
		before, _ := s.Get(ctx, id)
		_, err := s.IssueAgreement(ctx, archive, id, &bad)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != "parties" {
			t.Fatalf("one party: %v", err)
		}
		after, _ := s.Get(ctx, id)
		list, _ := archive.BySource(ctx, cases.Source(id))
		if len(after.Events) != len(before.Events) || len(list) != 0 {
			t.Fatalf("a failed issue left %d entries (was %d) and %d documents", len(after.Events), len(before.Events), len(list))
		}
	})
	rec, err := s.IssueAgreement(ctx, archive, id, a)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := s.Get(ctx, id)
	last := c.Events[len(c.Events)-1]
	if rec.Kind != "agreement" || rec.Source != cases.Source(id) || rec.Number != "丹口-2026-人民调解协议书-0001" ||
		last.Action != cases.ActAgreement || last.Note != "人民调解协议书 "+rec.Number || last.From != c.State || last.To != c.State {
		t.Fatalf("issued %+v, last entry %+v", rec, last)
	}
	if list, _ := archive.BySource(ctx, cases.Source(id)); len(list) != 1 || list[0].ID != rec.ID {
		t.Fatalf("the case's documents: %+v", list)
	}
	if !strings.Contains(rec.Input, "龙大海") || !strings.Contains(rec.Input, rec.Number) {
		t.Errorf("input %s", rec.Input)
	}

	t.Run("ErrNoAgreement", func(t *testing.T) {
		failed := resolved(in, cases.MediationFailed)
		if _, err := s.AgreementDraft(ctx, failed); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("draft of a failed mediation: %v", err)
		}
		if _, err := s.IssueAgreement(ctx, archive, failed, a); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("issue for a failed mediation: %v", err)
		}
		other := input()
		id, _, _ := s.Register(ctx, other)
		if _, err := s.AgreementDraft(ctx, id); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "不是矛盾纠纷") {
			t.Errorf("draft of a 民生诉求: %v", err)
		}
		if _, err := s.AgreementDraft(ctx, "nope"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("no case: %v", err)
		}
	})
}
