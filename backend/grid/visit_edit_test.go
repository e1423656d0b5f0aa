package grid_test

import (
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// A recorded visit can be corrected with the checks of recording one, and withdrawn with a reason: it
// leaves the list and the cadence (the key household it cleared is overdue again), and the reason
// stays with the record and in the audit log.
func TestCorrectAndWithdrawVisit(t *testing.T) {
	clock := storetest.NewClock(d("2026-12-02").Add(10 * time.Hour))
	db := storetest.Open(t, store.Options{Clock: clock.Now})
	s := grid.NewService(db, nil)
	tr := mustTree(t, s, "丹口村")
	clock.Set(d("2026-12-02").Add(10 * time.Hour))
	h := mustHousehold(t, s, tr.nb, "1号", "低保户")
	clock.Set(d("2027-01-05").Add(9 * time.Hour)) // a month on: the key household is overdue
	if rep, _ := s.Cadence(ctx, "", 0); rep.Overdue != 1 {
		t.Fatalf("before the visit: %d overdue", rep.Overdue)
	}
	id, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, VisitorName: "杨明", Findings: "房屋漏雨"})
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := s.Cadence(ctx, "", 0); rep.Overdue != 0 {
		t.Fatalf("after the visit: %d overdue", rep.Overdue)
	}

	// Corrected: a visit made the day before, by phone, by someone else.
	if err := s.UpdateVisit(ctx, id, grid.VisitInput{VisitorName: "王丽", Date: "2027-01-04", Form: "电话", Findings: "房屋漏雨，已报村委"}); err != nil {
		t.Fatal(err)
	}
	vs, _ := s.Visits(ctx, h)
	if len(vs) != 1 || vs[0].Date != "2027-01-04" || vs[0].Form != "电话" || vs[0].VisitorName != "王丽" || vs[0].Findings != "房屋漏雨，已报村委" {
		t.Errorf("corrected visit %+v", vs)
	}
	for name, c := range map[string]struct {
		in    grid.VisitInput
		field string
	}{
		"empty":  {grid.VisitInput{VisitorName: "王丽"}, "findings"},
		"future": {grid.VisitInput{VisitorName: "王丽", Findings: "x", Date: "2027-01-06"}, "date"},
		"form":   {grid.VisitInput{VisitorName: "王丽", Findings: "x", Form: "微信"}, "form"},
	} {
		t.Run(name, func(t *testing.T) {
			wantErr(t, s.UpdateVisit(ctx, id, c.in), errs.Invalid, c.field)
		})
	}
	if err := s.UpdateVisit(ctx, "no-such-visit", grid.VisitInput{VisitorName: "王丽", Findings: "x"}); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("correcting a missing visit: %v", err)
	}

	for _, empty := range []string{"", " \u200b "} {
		wantErr(t, s.WithdrawVisit(ctx, id, empty), errs.Invalid, "reason")
	}
	if err := s.WithdrawVisit(ctx, id, "记错了户，实际走访的是2号"); err != nil {
		t.Fatal(err)
	}
	if vs, _ := s.Visits(ctx, h); len(vs) != 0 {
		t.Errorf("a withdrawn visit is listed: %+v", vs)
	}
	if rep, _ := s.Cadence(ctx, "", 0); rep.Overdue != 1 {
		t.Errorf("after the visit was withdrawn: %d overdue, want 1", rep.Overdue)
	}
	var reason string
	if err := db.SQL().QueryRow(`SELECT withdraw_reason FROM visits WHERE id = ? AND deleted_at IS NOT NULL`, id).Scan(&reason); err != nil || reason != "记错了户，实际走访的是2号" {
		t.Errorf("the reason kept: %q %v", reason, err)
	}
	var actions string
	db.SQL().QueryRow(`SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log WHERE tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'visits') ORDER BY seq)`).Scan(&actions)
	if actions != "insert,update,update,delete" {
		t.Errorf("audit of the visit: %s", actions)
	}
	if err := s.WithdrawVisit(ctx, id, "再撤回一次"); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("withdrawing twice: %v", err)
	}
	if err := s.UpdateVisit(ctx, id, grid.VisitInput{VisitorName: "王丽", Findings: "x"}); errs.CodeOf(err) != errs.NotFound {
		t.Errorf("correcting a withdrawn visit: %v", err)
	}
}
