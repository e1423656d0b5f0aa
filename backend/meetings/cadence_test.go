package meetings_test

import (
	"fmt"
	"testing"

	"xiangzhi/backend/meetings"
)

// dueList writes the due list as kind/status/period lines, for comparing.
func dueList(t *testing.T, w *world) []string {
	t.Helper()
	list, err := w.s.Due(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, d := range list {
		out = append(out, fmt.Sprintf("%s %s %s %d", d.Kind, d.Status, d.Period, d.MissedYear))
	}
	return out
}

func sameList(t *testing.T, got []string, want ...string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("due list\n got %q\nwant %q", got, want)
	}
}

// The monthly 民情分析会 and the quarterly 恳谈会: due until held in the period, missed once the period
// ends without one, at month and quarter boundaries; a planned meeting is not held, nor one called off.
func TestCadenceAtMonthAndQuarterEnds(t *testing.T) {
	w := open(t, day("2026-09-30"))
	// Held every month of the year but August, a talk meeting in Q1 and Q2 only.
	for _, d := range []string{"2026-01-20", "2026-02-20", "2026-03-20", "2026-04-20", "2026-05-20", "2026-06-20", "2026-07-20", "2026-09-01"} {
		w.held(t, meetings.KindAnalysis, d)
	}
	w.held(t, meetings.KindTalk, "2026-03-25")
	w.held(t, meetings.KindTalk, "2026-06-30") // the last day of Q2
	// 30 September: August missed (1 missed this year), September held; Q3's talk still due, Q2 held.
	sameList(t, dueList(t, w), "民情分析会 missed 2026年8月 1", "村(居)民恳谈会 due 2026年第三季度 0")

	// 1 October: September was held, so nothing missed monthly; October is due. Q3 ended without a talk.
	w.clock.Set(day("2026-10-01"))
	sameList(t, dueList(t, w), "村(居)民恳谈会 missed 2026年第三季度 1", "民情分析会 due 2026年10月 1", "村(居)民恳谈会 due 2026年第四季度 1")

	// A talk planned for 15 October is planned, not held; one called off counts for nothing.
	planned := w.meeting(t, meetings.KindTalk, "2026-10-15")
	off := w.meeting(t, meetings.KindAnalysis, "2026-10-08")
	if err := w.s.Cancel(ctx, off, "村支书到县里开会"); err != nil {
		t.Fatal(err)
	}
	list, err := w.s.Due(ctx, w.village)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[2].Status != meetings.DuePlanned || list[2].MeetingID != planned || list[2].PlannedOn != "2026-10-15" {
		t.Fatalf("planned talk: %+v", list)
	}
	if list[1].Kind != meetings.KindAnalysis || list[1].Status != meetings.DueOpen {
		t.Fatalf("analysis still due after a cancelled one: %+v", list[1])
	}

	// 31 October, the October analysis held on its last day; 1 November: nothing missed monthly.
	w.clock.Set(day("2026-10-31"))
	w.held(t, meetings.KindAnalysis, "2026-10-31")
	w.clock.Set(day("2026-11-01"))
	sameList(t, dueList(t, w), "村(居)民恳谈会 missed 2026年第三季度 1", "民情分析会 due 2026年11月 1", "村(居)民恳谈会 planned 2026年第四季度 1")

	// 1 January: December and Q4 missed (the talk was planned but never held); the new year's are due
	// and its count of missed periods starts again.
	w.clock.Set(day("2027-01-01"))
	sameList(t, dueList(t, w), "民情分析会 missed 2026年12月 0", "村(居)民恳谈会 missed 2026年第四季度 0",
		"民情分析会 due 2027年1月 0", "村(居)民恳谈会 due 2027年第一季度 0")

	// Another village's list is its own.
	if other, err := w.s.Due(ctx, "no-such-village"); err != nil || len(other) != 0 {
		t.Fatalf("unknown village: %v %v", other, err)
	}
}
