package cases_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/calendar"
	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
	"xiangzhi/backend/workday"
)

// Deadlines are counted in working days from the day after registration, over the Spring Festival
// and National Day holidays and their make-up working days; an extension adds working days to the
// deadline and stays in the limit.
func TestDeadlinesInWorkingDays(t *testing.T) {
	for _, c := range []struct {
		registered, category, deadline string
		limit                          int
	}{
		// 2026 Spring Festival: 2月15日–23日 off, Saturday 2月14日 and 2月28日 worked.
		{"2026-02-13", "政策咨询", "2026-02-25", 0}, // 14 (Sat, worked), 24, 25
		{"2026-02-13", "民生诉求", "2026-03-02", 0}, // 14, 24, 25, 26, 27, 28 (Sat, worked), 3月2日
		// National Day 2026: 10月1日–7日 off, Saturday 10月10日 worked.
		{"2026-09-30", "政策咨询", "2026-10-10", 0},
		// 2027 Spring Festival: Sunday 1月31日 worked, 2月5日–13日 off, Sunday 2月14日 worked.
		{"2027-01-29", "政策咨询", "2027-02-02", 0},
		{"2027-02-04", "", "2027-02-15", 2}, // 14 (Sun, worked), 15; an office's own category with its limit
	} {
		s, _, _ := open(t, day("2027-03-01"))
		in := input()
		in.RegisteredOn, in.LimitDays = c.registered, c.limit
		if c.category != "" {
			in.Category = c.category
		} else {
			in.Category = "农田灌溉"
		}
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.Get(ctx, id)
		if got.Deadline != c.deadline {
			t.Errorf("registered %s (%s): deadline %s, want %s", c.registered, in.Category, got.Deadline, c.deadline)
		}
	}

	s, _, _ := open(t, day("2026-09-28"))
	in := input()
	in.Category, in.RegisteredOn = "政策咨询", "2026-09-25" // Fri: 9月28日, 29日, 30日
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Act(ctx, id, cases.Step{Action: cases.ActExtend, Days: 2, Note: "需国庆后现场查看"}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Get(ctx, id)
	if c.Deadline != "2026-10-09" || c.LimitDays != 5 {
		t.Fatalf("extended: deadline %s, limit %d; want 2026-10-09 and 5", c.Deadline, c.LimitDays)
	}
	if e := c.Events[len(c.Events)-1]; e.Action != "延期" || e.Deadline != "2026-10-09" || e.Note != "需国庆后现场查看" {
		t.Fatalf("the extension's entry: %+v", e)
	}
}

// A year the office entered counts for the deadlines of cases registered from then on: a case
// registered on the last working day of 2027 runs into 2028, which the built-in calendar does not
// know.
func TestDeadlineInAYearTheOfficeEntered(t *testing.T) {
	s, db, _ := open(t, day("2027-12-31"))
	t.Cleanup(func() { workday.Use(nil) })
	in := input()
	in.Category, in.RegisteredOn = "政策咨询", "2027-12-31"
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Get(ctx, id); c.Deadline != "2028-01-05" { // 1月3日 (Mon), 4日, 5日
		t.Fatalf("2028 not entered: deadline %s", c.Deadline)
	}
	if err := calendar.SetYear(ctx, db, 2028, []calendar.Holiday{{Name: "元旦", First: "2028-01-01", Last: "2028-01-03"}}); err != nil {
		t.Fatal(err)
	}
	id, _, err = s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Get(ctx, id); c.Deadline != "2028-01-06" { // 1月4日, 5日, 6日
		t.Fatalf("2028 entered: deadline %s", c.Deadline)
	}
}

// Supervision: an open case with a working day or less left has a yellow card, one past its deadline
// a red card with its working days overdue (the holiday not counted); a resolved case has none.
func TestCards(t *testing.T) {
	s, _, clock := open(t, day("2026-09-25"))
	in := input()
	in.Category = "政策咨询" // deadline 9月30日
	id, _, err := s.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		today, card string
		overdue     int
	}{
		{"2026-09-25", "", 0},
		{"2026-09-28", "", 0},
		{"2026-09-29", cases.CardYellow, 0},
		{"2026-09-30", cases.CardYellow, 0},
		{"2026-10-05", cases.CardRed, 0}, // past the deadline, in the holiday: no working day overdue yet
		{"2026-10-09", cases.CardRed, 2}, // 8日, 9日
	} {
		clock.Set(day(c.today))
		got, _ := s.Get(ctx, id)
		if got.Card != c.card || got.OverdueDays != c.overdue {
			t.Errorf("%s: card %q, %d days overdue; want %q, %d", c.today, got.Card, got.OverdueDays, c.card, c.overdue)
		}
	}
	for _, st := range []cases.Step{{Action: cases.ActAccept}, {Action: cases.ActStart, Handler: "蓝建国"}, {Action: cases.ActResolve, Note: "已答复"}} {
		if err := s.Act(ctx, id, st); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := s.Get(ctx, id); got.Card != "" {
		t.Fatalf("a resolved case has a card: %+v", got)
	}
}

// Numbers carry the office's short name and the year of registration, in sequence; an office
// without a short name gets none and is told where to set it.
func TestNumbers(t *testing.T) {
	s, _, _ := open(t, day("2027-01-04"))
	var got []string
	for _, reg := range []string{"2026-12-30", "2027-01-02", "2026-12-31", "2027-01-04"} {
		in := input()
		in.RegisteredOn = reg
		_, n, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	want := []string{"丹口-2026-0001", "丹口-2027-0001", "丹口-2026-0002", "丹口-2027-0002"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("numbers %v, want %v", got, want)
		}
	}
	bare := cases.NewService(storetest.Open(t, store.Options{}), nil)
	if _, _, err := bare.Register(ctx, input()); errs.As(err) == nil || errs.As(err).Field != "shortName" {
		t.Fatalf("no short name: %v", err)
	}
}

// Bad input is refused on its field, in Chinese, and writes nothing.
func TestRegisterRefusesBadInput(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	count := func() (n int) {
		if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_events) + (SELECT count(*) FROM audit_log)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	for _, c := range []struct {
		change func(*cases.Input)
		field  string
	}{
		{func(in *cases.Input) { in.Source = "微信" }, "source"},
		{func(in *cases.Input) { in.Category = "" }, "category"},
		{func(in *cases.Input) { in.Category = "自定类别" }, "limitDays"},
		{func(in *cases.Input) { in.Urgency = "很急" }, "urgency"},
		{func(in *cases.Input) { in.Summary = " " }, "summary"},
		{func(in *cases.Input) { in.Summary = string(make([]rune, 61)) }, "summary"},
		{func(in *cases.Input) { in.Summary = "停水\u202e" }, "summary"},
		{func(in *cases.Input) { in.PersonName = "" }, "personName"},
		{func(in *cases.Input) { in.PersonPhone = "1390739" + "abcd" }, "personPhone"},
		{func(in *cases.Input) { in.Level = "省" }, "level"},
		{func(in *cases.Input) { in.RegisteredOn = "2026-11-28" }, "registeredOn"},
		{func(in *cases.Input) { in.RegisteredOn = "11/27" }, "registeredOn"},
		{func(in *cases.Input) { in.LimitDays = 400 }, "limitDays"},
	} {
		in := input()
		c.change(&in)
		_, _, err := s.Register(ctx, in)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != c.field {
			t.Errorf("%+v: want invalid on %q, got %v", in, c.field, err)
		}
	}
	if count() != before {
		t.Fatal("a refused case left rows behind")
	}
	// A form saved with several fields wrong says all of them at once, the first on the error and
	// the others in its Also, one each, in the form's order.
	in := cases.Input{Source: "走访", Category: "民生诉求", PersonPhone: "12345", RegisteredOn: "2026-12-01"}
	_, _, err := s.Register(ctx, in)
	e := errs.As(err)
	got := []string{e.Field}
	for _, o := range e.Also {
		got = append(got, o.Field)
	}
	if want := "summary personName personPhone registeredOn"; strings.Join(got, " ") != want {
		t.Errorf("fields %q, want %q (%v)", got, want, err)
	}
	if !strings.Contains(e.Messages(), "反映事项") || !strings.Contains(e.Messages(), "晚于今天") {
		t.Errorf("messages: %s", e.Messages())
	}
	if count() != before {
		t.Fatal("a refused case left rows behind")
	}
	// A case handed down from above needs no resident.
	in = input()
	in.Source, in.PersonName, in.PersonPhone = "上级交办", "", ""
	if _, _, err := s.Register(ctx, in); err != nil {
		t.Fatal(err)
	}
}
