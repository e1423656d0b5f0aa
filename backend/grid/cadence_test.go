package grid_test

import (
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

func d(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDeadlineAtBoundaries(t *testing.T) {
	cases := []struct {
		name             string
		last, reg, today string
		monthly          bool
		deadline, status string
		days             int
	}{
		{"KeyVisitedThisMonth", "2026-11-01", "2025-01-01", "2026-11-30", true, "2026-11-30", grid.StatusOK, 0},
		{"KeyVisitedLastMonthDueToday", "2026-10-31", "2025-01-01", "2026-11-30", true, "2026-11-30", grid.StatusDue, 0},
		{"KeyVisitedLastMonthOverdueNextDay", "2026-10-31", "2025-01-01", "2026-12-01", true, "2026-11-30", grid.StatusOverdue, 1},
		{"KeyVisitedTwoMonthsAgo", "2026-09-15", "2025-01-01", "2026-11-27", true, "2026-10-31", grid.StatusOverdue, 27},
		{"QuarterVisitedLastDayOfQ3", "2026-09-30", "2025-01-01", "2026-12-31", false, "2026-12-31", grid.StatusDue, 0},
		{"QuarterOverdueFirstDayOfQ1", "2026-09-30", "2025-01-01", "2027-01-01", false, "2026-12-31", grid.StatusOverdue, 1},
		{"QuarterVisitedFirstDayOfQ4", "2026-10-01", "2025-01-01", "2026-12-31", false, "2026-12-31", grid.StatusOK, 0},
		{"QuarterSkippedOne", "2026-03-31", "2025-01-01", "2026-11-27", false, "2026-06-30", grid.StatusOverdue, 150},
		{"NeverVisitedRegisteredThisQuarter", "", "2026-10-02", "2026-11-27", false, "2026-12-31", grid.StatusDue, 0},
		{"NeverVisitedRegisteredLastQuarter", "", "2026-09-30", "2026-11-27", false, "2026-09-30", grid.StatusOverdue, 58},
		{"NeverVisitedKeyRegisteredLastMonth", "", "2026-10-31", "2026-11-01", true, "2026-10-31", grid.StatusOverdue, 1},
		{"LeapFebruary", "2028-01-10", "2025-01-01", "2028-02-29", true, "2028-02-29", grid.StatusDue, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var last time.Time
			if c.last != "" {
				last = d(c.last)
			}
			deadline, status, days := grid.Deadline(last, d(c.reg), d(c.today), c.monthly)
			if deadline.Format("2006-01-02") != c.deadline || status != c.status || days != c.days {
				t.Errorf("got %s %s %d, want %s %s %d", deadline.Format("2006-01-02"), status, days, c.deadline, c.status, c.days)
			}
		})
	}
}

func TestVisitsAndCadence(t *testing.T) {
	// The dates matter here (a key household registered on 27 November is overdue on 2 December):
	// the clock is pinned and moved by the test.
	clock := storetest.NewClock(d("2026-11-27").Add(10 * time.Hour))
	s := grid.NewService(storetest.Open(t, store.Options{Clock: clock.Now}), nil)
	tr := mustTree(t, s, "丹口村")
	h := mustHousehold(t, s, tr.nb, "1号", "低保户")
	plain := mustHousehold(t, s, tr.nb, "2号")
	res, _ := s.AddResident(ctx, grid.ResidentInput{HouseholdID: h, Name: "杨明", Relation: "户主"})
	if _, err := s.AssignLeader(ctx, grid.LeaderInput{Role: grid.RoleNeighbourhoodLeader, ScopeID: tr.nb, ResidentID: res, TermStart: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	// Registered today: both are due, none overdue. A month on, the key household is overdue.
	rep, _ := s.Cadence(ctx, "", 0)
	if rep.Households != 2 || rep.Overdue != 0 || rep.Due != 2 {
		t.Fatalf("on the day of registration: %+v", rep)
	}
	clock.Set(d("2026-12-02").Add(9 * time.Hour))
	rep, _ = s.Cadence(ctx, tr.village, 0)
	if rep.Overdue != 1 || rep.Items[0].HouseholdID != h || rep.Items[0].OverdueDays != 2 || rep.Items[0].Leader != "杨明" ||
		rep.Items[0].HeadName != "杨明" || rep.ByVillage[0].Overdue != 1 || rep.ByLeader[0].Name != "杨明" {
		t.Fatalf("a month later: %+v", rep)
	}

	t.Run("ErrFutureVisit", func(t *testing.T) {
		_, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", Date: "2026-12-03"})
		wantErr(t, err, errs.Invalid, "date")
	})
	t.Run("ErrForm", func(t *testing.T) {
		_, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", Form: "微信"})
		wantErr(t, err, errs.Invalid, "form")
	})
	t.Run("ErrEveryField", func(t *testing.T) {
		_, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Date: "2026-12-03", Form: "微信"})
		e := wantErr(t, err, errs.Invalid, "date")
		if len(e.Also) != 2 || e.Also[0].Field != "form" || e.Also[1].Field != "findings" {
			t.Errorf("also %+v, want form and findings", e.Also)
		}
	})
	// An empty visit (or one of spaces and invisible characters only) is refused: it would clear the
	// overdue household with nothing learned.
	for _, empty := range []string{"", "  \n\u200b "} {
		_, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: empty})
		wantErr(t, err, errs.Invalid, "findings")
	}
	if rep, _ := s.Cadence(ctx, "", 0); rep.Overdue != 1 {
		t.Errorf("after refused visits %d overdue, want 1", rep.Overdue)
	}

	if _, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Form: "入户", Findings: "房屋漏雨"}); err != nil {
		t.Fatal(err)
	}
	rep, _ = s.Cadence(ctx, "", 0)
	if rep.Overdue != 0 {
		t.Errorf("after the visit %d overdue", rep.Overdue)
	}
	vs, _ := s.Visits(ctx, h)
	if len(vs) != 1 || vs[0].VisitorName != "杨明" || vs[0].Date != "2026-12-02" {
		t.Errorf("visits %+v", vs)
	}
	_ = plain
}
