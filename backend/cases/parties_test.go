package cases_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
)

// The other people a case concerns: registered residents (the name from the registry, the phone only
// as given: the registry's stays there, where a look at it is audited) and
// people outside it, added at registration or later, taken off and put back; bad input and a person
// already on the case are refused on their field and change nothing; an archived case's people stay
// as they are; a dispute's 对方当事人 become the other side of its 人民调解协议书.
func TestParties(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	g, village, hh, long := household(t, db, "一组3号")
	yang, err := g.AddResident(ctx, grid.ResidentInput{HouseholdID: hh, Name: "杨秀英", Relation: "妻", IDNumber: validID("19700301", 42),
		Ethnicity: "苗族"})
	if err != nil {
		t.Fatal(err)
	}
	rows := func() int {
		t.Helper()
		var n int
		if err := db.SQL().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_parties)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Registered with the other side (a resident, with a phone given here) and someone outside the registry.
	in := cases.Input{Source: "来访", Category: cases.CategoryDispute, Summary: "宅基地界址纠纷", VillageID: village, HouseholdID: hh,
		ResidentID: long, PersonName: "龙大海", Parties: []cases.PartyInput{
			{Role: cases.RoleOtherSide, ResidentID: yang, Phone: "13800001111"},
			{Role: cases.RoleInvolved, Name: " 吴长生 ", Phone: "0855-1234567", Note: "邻居，见证人"}}}
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Parties) != 2 {
		t.Fatalf("parties %+v", c.Parties)
	}
	if p := c.Parties[0]; p.Role != cases.RoleOtherSide || p.ResidentID != yang || p.HouseholdID != hh || p.Name != "杨秀英" || p.Phone != "13800001111" {
		t.Errorf("resident party %+v", p)
	}
	if p := c.Parties[1]; p.Role != cases.RoleInvolved || p.ResidentID != "" || p.Name != "吴长生" || p.Phone != "0855-1234567" || p.Note != "邻居，见证人" {
		t.Errorf("outsider party %+v", p)
	}
	// Found by the name of either.
	for _, w := range []string{"杨秀英", "长生", "吴"} {
		if p, err := s.List(ctx, cases.Query{Text: w}); err != nil || p.Total != 1 || p.Items[0].ID != id {
			t.Errorf("search %q: %+v %v", w, p, err)
		}
	}

	t.Run("ErrRefusedChangesNothing", func(t *testing.T) {
		before := rows()
		for _, tc := range []struct {
			in          cases.PartyInput
			code, field string
		}{
			{cases.PartyInput{Role: "证人", Name: "石花"}, errs.Invalid, "role"},
			{cases.PartyInput{Name: "  "}, errs.Invalid, "name"},
			{cases.PartyInput{Name: strings.Repeat("石", 31)}, errs.Invalid, "name"},
			{cases.PartyInput{Name: "石花", Phone: "12345"}, errs.Invalid, "phone"},
			{cases.PartyInput{Name: "石花", Note: strings.Repeat("说", 201)}, errs.Invalid, "note"},
			{cases.PartyInput{ResidentID: "no-such-resident"}, errs.NotFound, "residentId"},
			{cases.PartyInput{ResidentID: yang}, errs.Conflict, "residentId"},             // already a party
			{cases.PartyInput{ResidentID: long}, errs.Invalid, "residentId"},              // the reporter
			{cases.PartyInput{Name: "吴长生", Phone: "0855-1234567"}, errs.Conflict, "name"}, // the same outsider
		} {
			_, err := s.AddParty(ctx, id, tc.in)
			wantErr(t, err, tc.code, tc.field)
		}
		if _, err := s.AddParty(ctx, "no-such-case", cases.PartyInput{Name: "石花"}); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("no case: %v", err)
		}
		// A registration with a bad party writes neither the case nor its other parties.
		bad := in
		bad.Parties = []cases.PartyInput{{Name: "石花"}, {Role: "证人", Name: "欧阳明"}}
		_, _, err := s.Register(ctx, bad)
		if e := errs.As(err); e == nil || e.Field != "parties" || !strings.Contains(e.Message, "第 2 位当事人") {
			t.Fatalf("register with a bad party: %v", err)
		}
		if after := rows(); after != before {
			t.Fatalf("refused writes left %d rows, were %d", after, before)
		}
	})

	// Taken off, put back; not put back once the same person was added again meanwhile.
	wu := c.Parties[1].ID
	if err := s.RemoveParty(ctx, id, wu); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.List(ctx, cases.Query{Text: "吴长生"}); p.Total != 0 {
		t.Errorf("a person taken off still finds the case")
	}
	if err := s.RestoreParty(ctx, id, wu); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Get(ctx, id); len(c.Parties) != 2 {
		t.Errorf("after restore: %+v", c.Parties)
	}
	if err := s.RemoveParty(ctx, id, wu); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddParty(ctx, id, cases.PartyInput{Role: cases.RoleInvolved, Name: "吴长生", Phone: "0855-1234567"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreParty(ctx, id, wu); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("restore of a person on the case again: %v", err)
	}
	other, _, err := s.Register(ctx, input())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveParty(ctx, other, c.Parties[0].ID); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("a party of another case removed: %v", err)
	}
	if _, err := s.AddParty(ctx, other, cases.PartyInput{Role: cases.RoleCoReport, ResidentID: long}); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Get(ctx, other); len(o.Parties) != 1 || o.Parties[0].Name != "龙大海" || o.Parties[0].Phone != "" {
		t.Errorf("a resident added without a phone: %+v", o.Parties)
	}

	// The 人民调解协议书 of the dispute names the other side from the registry.
	for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActAssign, Handler: "蓝建国"}, {Action: cases.ActStart, Handler: "蓝建国"},
		{Action: cases.ActResolve, Mediation: cases.MediationAgreed, Note: "杨秀英拆除超出界址的围墙"}} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.AgreementDraft(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Parties) != 2 || a.Parties[0].Name != "龙大海" || a.Parties[1] != (docs.AgreementParty{Name: "杨秀英", Gender: "女",
		Ethnicity: "苗族", Birth: "1970-03-01", Phone: "13800001111", Address: "桃林村一组3号"}) {
		t.Fatalf("agreement parties %+v", a.Parties)
	}

	// An archived case's people stay as they are.
	for _, st := range []cases.Step{{Action: cases.ActFollowUp, Satisfaction: "满意"}, {Action: cases.ActArchive}} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddParty(ctx, id, cases.PartyInput{Name: "石花"}); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("a party added to an archived case: %v", err)
	}
	if err := s.RemoveParty(ctx, id, c.Parties[0].ID); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("a party taken off an archived case: %v", err)
	}
}
