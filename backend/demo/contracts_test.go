package demo_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/demo"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/meetings"
)

// checkContracts checks the township demo's year of contract reviews (TestTownship): every village
// has its legal adviser, with a profile and the registry's post; the requests stand in every state,
// some past their deadline, each opinion's conclusion given, some signed on a second version, some
// against the opinion or without the vote with the reason; every major contract signed names a
// 村民代表会议 decision that passed, or why none is needed, or was signed with a reason; every
// timeline is a chain of states ending in the request's own, dated within the year; every opinion is
// issued as its 合同审查意见书; 首页 has alerts; and everything reads through backend/contracts.
func checkContracts(t *testing.T, s *grid.Service, stats demo.Stats) {
	db := dbOf(s)
	cs := contracts.NewService(db, nil)
	today := db.Today().Format(time.DateOnly)
	yearAgo := db.Today().AddDate(-1, 0, 0).Format(time.DateOnly)

	t.Run("Advisers", func(t *testing.T) {
		list, err := cs.Advisers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		villages, licences := 0, map[string]bool{}
		for _, a := range list {
			if len(a.Villages) < 3 || len(a.Villages) > 4 || a.Firm == "" || !strings.HasSuffix(a.Firm, "律师事务所") || a.Phone == "" ||
				len(a.LicenceNo) != 17 || !strings.HasPrefix(a.LicenceNo, "14305") || licences[a.LicenceNo] {
				t.Errorf("adviser %+v", a.AdviserInput)
			}
			licences[a.LicenceNo] = true
			villages += len(a.Villages)
			if a.Attendance.Invited == 0 || a.Attendance.Present == 0 {
				t.Errorf("%s attended %d of %d 两委会议", a.Name, a.Attendance.Present, a.Attendance.Invited)
			}
		}
		if villages != stats.Villages {
			t.Errorf("%d advisers serve %d villages of %d", len(list), villages, stats.Villages)
		}
		// one 法律顾问 post per village, the adviser's (not a second one made beside it)
		if n := count(t, s, `SELECT count(*) FROM villages v WHERE (SELECT count(*) FROM leaders l WHERE l.scope_id = v.id
			AND l.role = 'legal_adviser' AND l.deleted_at IS NULL) <> 1 OR NOT EXISTS (SELECT 1 FROM adviser_villages a
			JOIN leaders l ON l.id = a.leader_id WHERE a.village_id = v.id AND l.scope_id = v.id)`); n > 0 {
			t.Errorf("%d villages without exactly one adviser's post", n)
		}
	})

	var all []contracts.Summary
	for q := (contracts.Query{Limit: 500}); ; q.Offset = len(all) {
		p, err := cs.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Items...)
		if len(p.Items) == 0 || len(all) >= p.Total {
			break
		}
	}

	t.Run("States", func(t *testing.T) {
		if len(all) != stats.Contracts || stats.Contracts < stats.Villages*6 || stats.Contracts > stats.Villages*12 {
			t.Fatalf("%d requests listed, Generate says %d for %d villages", len(all), stats.Contracts, stats.Villages)
		}
		by := map[string]int{}
		overdue, overrides, secondSigned, majorSigned := 0, 0, 0, 0
		for _, r := range all {
			by[r.State]++
			if r.Overdue {
				overdue++
				if r.State != contracts.StateWaiting && r.State != contracts.StateReviewing || r.Deadline >= today || r.DaysOver < 1 {
					t.Errorf("%s overdue: %+v", r.Number, r)
				}
			}
			if r.Override {
				overrides++
			}
			if r.State == contracts.StateSigned && r.Version > 1 {
				secondSigned++
			}
			if r.State == contracts.StateSigned && r.Major {
				majorSigned++
			}
			if r.SubmittedOn < yearAgo || r.SubmittedOn > today || r.AdviserName == "" || r.Counterparty == "" || r.AmountFen <= 0 {
				t.Errorf("%s: %+v", r.Number, r)
			}
		}
		t.Logf("%d requests: %v; %d overdue, %d signed against the opinion or without the vote, %d signed on a later version, %d major signed",
			len(all), by, overdue, overrides, secondSigned, majorSigned)
		for _, st := range contracts.States {
			if by[st] == 0 {
				t.Errorf("no request is %s", st)
			}
		}
		if overdue == 0 || overrides < 2 || secondSigned == 0 || majorSigned == 0 {
			t.Errorf("%d overdue, %d overrides, %d signed on a later version, %d major signed", overdue, overrides, secondSigned, majorSigned)
		}
		p, err := cs.List(ctx, contracts.Query{Overdue: true, Limit: 500})
		if err != nil || p.Total != overdue {
			t.Errorf("the overdue list has %d, the list says %d overdue: %v", p.Total, overdue, err)
		}
		for _, c := range contracts.Conclusions {
			if n := count(t, s, `SELECT count(*) FROM contract_reviews WHERE conclusion = ?`, c); n == 0 {
				t.Errorf("no opinion %s", c)
			}
		}
		// numbered in the order they came in: a later number is never sent earlier in its year
		if n := count(t, s, `SELECT count(*) FROM contract_requests a JOIN contract_requests b ON substr(a.number, 1, length(a.number) - 4)
			= substr(b.number, 1, length(b.number) - 4) AND a.number < b.number AND a.submitted_on > b.submitted_on`); n > 0 {
			t.Errorf("%d pairs of requests numbered against the order they came in", n)
		}
	})

	// Each request read whole: its timeline a chain of states from 送审 to its own, on days in order
	// within the year; its versions one more at each 重新送审; an opinion for each 出具意见, issued as its
	// 合同审查意见书; a signing against the opinion or without the vote only with the reason, and a
	// major contract's decision one of its village's 村民代表会议 that passed.
	t.Run("Requests", func(t *testing.T) {
		archive := &docs.Archive{DB: db}
		reasons, decisions, procedureLater := 0, 0, 0
		kinds := map[string]bool{}
		for _, sum := range all {
			r, err := cs.Get(ctx, sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Events) == 0 || r.Events[0].Action != "送审" {
				t.Fatalf("%s: timeline %+v", r.Number, r.Events)
			}
			state, on, opinions, resubmits := "", "", 0, 0
			for _, e := range r.Events {
				if e.To != "" {
					if e.From != state {
						t.Errorf("%s: %s from %q after %q", r.Number, e.Action, e.From, state)
					}
					state = e.To
				}
				if e.On < on || e.On > today || e.On < yearAgo {
					t.Errorf("%s: %s on %s after %s", r.Number, e.Action, e.On, on)
				}
				on = e.On
				switch e.Action {
				case "出具意见":
					opinions++
				case "重新送审":
					resubmits++
				case "民主程序":
					procedureLater++
				}
			}
			if state != r.State || len(r.Reviews) != opinions || len(r.Versions) != resubmits+1 || r.Version != len(r.Versions) {
				t.Errorf("%s: ends %s, is %s; %d opinions of %d; %d versions after %d resubmissions", r.Number, state, r.State,
					len(r.Reviews), opinions, len(r.Versions), resubmits)
			}
			for _, v := range r.Versions {
				if code, err := idcard.ParseCreditCode("creditCode", v.CreditCode); err != nil || code != v.CreditCode || v.Counterparty == "" {
					t.Errorf("%s: %s %s: %v", r.Number, v.Counterparty, v.CreditCode, err)
				}
				kinds[v.CreditCode[:2]] = true
				var paid int64
				for _, p := range v.Payments {
					paid += p.AmountFen
				}
				if paid > v.AmountFen || len(v.Payments) == 0 || v.TermStart == "" || v.TermEnd < v.TermStart {
					t.Errorf("%s v%d: %s paid of %s, term %s–%s", r.Number, v.Version, docs.Yuan(paid), docs.Yuan(v.AmountFen), v.TermStart, v.TermEnd)
				}
			}
			for i, c := range r.Changes {
				if len(c.Changes) == 0 && r.Versions[i+1].ChangeNote == "" {
					t.Errorf("%s v%d: changed nothing and says nothing", r.Number, c.Version)
				}
			}
			issued, err := archive.BySource(ctx, contracts.Source(r.ID))
			if err != nil || len(issued) != len(r.Reviews) {
				t.Errorf("%s: %d 意见书 for %d opinions: %v", r.Number, len(issued), len(r.Reviews), err)
			}
			for i, d := range issued {
				if d.Kind != "review" || d.DocDate != r.Reviews[i].IssuedOn {
					t.Errorf("%s: %s dated %s for the opinion of %s", r.Number, d.Kind, d.DocDate, r.Reviews[i].IssuedOn)
				}
			}
			for _, rv := range r.Reviews {
				if len(rv.Checklist) != len(contracts.ChecklistItems) {
					t.Errorf("%s: checklist %+v", r.Number, rv.Checklist)
				}
			}
			if r.Override != (r.OverrideReason != "") || r.OverrideReason != "" && r.State != contracts.StateSigned {
				t.Errorf("%s: override %v %q", r.Number, r.Override, r.OverrideReason)
			}
			if r.State == contracts.StateSigned && r.OverrideReason == "" && (r.Conclusion == contracts.Disagree || r.NeedsProcedure) {
				t.Errorf("%s signed against %s, procedure needed %v, without a reason", r.Number, r.Conclusion, r.NeedsProcedure)
			}
			if r.NoResolution != "" {
				reasons++
			}
			if r.ResolutionID != "" {
				decisions++
				b := r.Resolution
				if b == nil || b.VillageID != r.VillageID || b.Kind != meetings.KindReps || !b.Voted || !b.Passed || b.HeldOn > r.SignedOn && r.SignedOn != "" {
					t.Errorf("%s: decision %+v", r.Number, b)
				}
			}
			if r.State == contracts.StateReturned && r.Missing == "" || r.State == contracts.StateAbandoned && r.ClosedReason == "" ||
				r.State == contracts.StateSigned && r.SignedOn == "" {
				t.Errorf("%s %s: missing %q, closed %q, signed %q", r.Number, r.State, r.Missing, r.ClosedReason, r.SignedOn)
			}
		}
		t.Logf("%d requests name a decision, %d a reason none is needed, %d named it after the opinion", decisions, reasons, procedureLater)
		if decisions == 0 || reasons == 0 {
			t.Errorf("%d requests name a decision, %d a reason none is needed, %d named it later", decisions, reasons, procedureLater)
		}
		for _, k := range []string{"91", "92", "93"} {
			if !kinds[k] {
				t.Errorf("no counterparty's code begins %s", k)
			}
		}
		// a company's name has one code
		if n := count(t, s, `SELECT count(*) FROM (SELECT counterparty FROM contract_versions GROUP BY counterparty
			HAVING count(DISTINCT credit_code) > 1)`); n > 0 {
			t.Errorf("%d companies with two codes", n)
		}
	})

	// 首页: reviews past their deadline, and payments and ends or renewal notices of signed contracts
	// in the days ahead.
	t.Run("Alerts", func(t *testing.T) {
		alerts, err := cs.Alerts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]int{}
		for _, a := range alerts {
			by[a.Kind]++
		}
		t.Logf("%d alerts: %v", len(alerts), by)
		if by[contracts.AlertOverdue] == 0 || by[contracts.AlertPayment] == 0 || by[contracts.AlertEnd]+by[contracts.AlertNotice] == 0 {
			t.Errorf("alerts %v", by)
		}
	})

	// The register of a village's year prints, and the 意见书 read back whole.
	t.Run("Register", func(t *testing.T) {
		villages, err := cs.Villages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, year := range []int{db.Today().Year() - 1, db.Today().Year()} {
			l, err := cs.Ledger(ctx, villages[1].ID, year)
			if err != nil {
				t.Fatalf("ledger %d: %v", year, err)
			}
			if len(l.Rows) == 0 {
				t.Errorf("ledger %d has no rows", year)
			}
		}
		overridden := false
		for _, year := range []int{db.Today().Year() - 1, db.Today().Year()} {
			tab, err := cs.Register(ctx, "", year)
			if err != nil {
				t.Fatal(err)
			}
			overridden = overridden || slices.ContainsFunc(tab.Rows, func(r []string) bool { return strings.Contains(r[12], "越过意见签订") })
		}
		if !overridden {
			t.Error("the register prints no signing against the opinion")
		}
		archive := &docs.Archive{DB: db}
		issued, err := archive.BySource(ctx, contracts.Source(all[0].ID))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range issued {
			_, pdf, err := archive.PDF(ctx, d.ID)
			if err != nil || docs.Pages(pdf) < 1 {
				t.Errorf("%s: %v", d.Number, err)
			}
		}
	})
}

// contractsQuery is what two runs of the demo must agree on of the contract reviews (TestTownship).
const contractsQuery = `SELECT q.number, q.title, q.state, q.submitted_on, q.deadline, q.override_reason, v.counterparty, v.credit_code,
	v.amount_fen, v.payments, (SELECT group_concat(e.on_date || e.action || e.note, ',' ORDER BY e.on_date, e.id) FROM contract_events e
	WHERE e.request_id = q.id), coalesce((SELECT group_concat(r.conclusion || r.checklist, ',' ORDER BY r.version) FROM contract_reviews r
	WHERE r.request_id = q.id), '') FROM contract_requests q JOIN contract_versions v ON v.request_id = q.id AND v.version = q.version
	ORDER BY 1`
