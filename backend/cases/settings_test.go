package cases_test

import (
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
)

// The office's settings: its own category with its limit and a built-in limit changed are used when
// a case is registered; a yellow card two working days ahead picks more cases; bad settings are
// refused on their field and change nothing.
func TestOfficeSettings(t *testing.T) {
	s, _, clock := open(t, day("2026-11-02")) // a Monday
	st, err := s.Settings(ctx)
	if err != nil || st.YellowDays != 1 || len(st.Categories) != len(cases.Categories) {
		t.Fatalf("defaults %+v %v", st, err)
	}
	st.Categories = append(st.Categories, cases.Category{Name: "移风易俗", LimitDays: 4})
	for i := range st.Categories {
		if st.Categories[i].Name == "政策咨询" {
			st.Categories[i].LimitDays = 2
		}
	}
	st.YellowDays = 2
	if err := s.SetSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	reg := func(category string) cases.Case {
		t.Helper()
		in := input()
		in.Category = category
		id, _, err := s.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := s.Get(ctx, id)
		return c
	}
	// From 11月2日: 2 working days is 11月4日, 4 is 11月6日, 7 (民生诉求, unchanged) 11月11日.
	if c := reg("政策咨询"); c.LimitDays != 2 || c.Deadline != "2026-11-04" {
		t.Fatalf("政策咨询 %d %s", c.LimitDays, c.Deadline)
	}
	if c := reg("移风易俗"); c.LimitDays != 4 || c.Deadline != "2026-11-06" {
		t.Fatalf("移风易俗 %d %s", c.LimitDays, c.Deadline)
	}
	reg("民生诉求")
	clock.Set(day("2026-11-04"))
	// 11月4日 is due today, 11月6日 in two working days: both yellow with two days' notice; not 11月11日.
	if c, err := s.Supervision(ctx); err != nil || c != (cases.Counts{Open: 3, Yellow: 2}) {
		t.Fatalf("supervision %+v %v", c, err)
	}
	if p, _ := s.List(ctx, cases.Query{Card: cases.CardYellow}); p.Total != 2 || p.Items[0].Card != cases.CardYellow || p.Items[1].Card != cases.CardYellow {
		t.Fatalf("yellow list %+v", p)
	}
	if _, _, err := s.Register(ctx, cases.Input{Source: "来访", Category: "不存在的类别", Summary: "事项", PersonName: "杨秀英"}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("a category the office does not have, without a limit: %v", err)
	}

	for _, bad := range []struct {
		field string
		st    cases.Settings
	}{
		{"categories", cases.Settings{Categories: append(cases.DefaultSettings().Categories, cases.Category{Name: "矛盾纠纷", LimitDays: 3}), YellowDays: 1}},
		{"categories", cases.Settings{Categories: cases.DefaultSettings().Categories[1:], YellowDays: 1}},
		{"categories", cases.Settings{Categories: append(cases.DefaultSettings().Categories, cases.Category{Name: "新类别", LimitDays: 0}), YellowDays: 1}},
		{"categories", cases.Settings{Categories: append(cases.DefaultSettings().Categories, cases.Category{Name: "  ", LimitDays: 3}), YellowDays: 1}},
		{"yellowDays", cases.Settings{Categories: cases.DefaultSettings().Categories, YellowDays: 9}},
	} {
		wantErr(t, s.SetSettings(ctx, bad.st), errs.Invalid, bad.field)
	}
	if after, _ := s.Settings(ctx); after.YellowDays != 2 || len(after.Categories) != len(cases.Categories)+1 {
		t.Fatalf("a refused setting changed something: %+v", after)
	}
}
