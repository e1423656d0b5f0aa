package calendar_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/calendar"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
	"xiangzhi/backend/workday"
)

var ctx = context.Background()

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

// open opens a database on a clock standing at on, and gives the package's calendar back to the
// built-in one when the test ends.
func open(t *testing.T, on string) (*store.DB, *storetest.Clock) {
	t.Helper()
	clock := storetest.NewClock(day(on).Add(10 * time.Hour))
	db := storetest.Open(t, store.Options{Clock: clock.Now})
	if err := calendar.Apply(ctx, db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { workday.Use(nil) })
	return db, clock
}

// An arrangement for 2028 as the State Council might announce it (the built-in table ends in 2027):
// 元旦 from Saturday 2028年1月1日 to Monday 1月3日; 春节 from Tuesday 1月25日 to Wednesday 2月2日, with
// Saturdays 1月22日 and 2月5日 worked.
var arrangement2028 = []calendar.Holiday{
	{Name: "春节", First: "2028-01-25", Last: "2028年2月2日", WorkDays: []string{"2028/2/5", "2028-01-22"}},
	{Name: " 元旦 ", First: "2028-01-01", Last: "2028-01-03"},
}

func TestEnteredYearCountsForDeadlines(t *testing.T) {
	db, _ := open(t, "2027-12-01")
	if w := calendar.Missing(db.Today()); w.Year != 2028 || !strings.Contains(w.Message, "2028年的节假日安排尚未录入") {
		t.Fatalf("December 2027 without 2028: %+v", w)
	}
	// Before it is entered, 2028 counts weekends alone: 3 working days after Thursday 1月20日 end on
	// Tuesday 1月25日 (Friday, Monday, Tuesday).
	if got := workday.Add(day("2028-01-20"), 3); !got.Equal(day("2028-01-25")) {
		t.Fatalf("before: %s", got.Format(time.DateOnly))
	}
	if err := calendar.SetYear(ctx, db, 2028, arrangement2028); err != nil {
		t.Fatal(err)
	}
	for d, want := range map[string]bool{
		"2028-01-03": false, // 元旦, a Monday
		"2028-01-04": true,
		"2028-01-22": true,  // a Saturday worked for 春节
		"2028-01-23": false, // the Sunday after it
		"2028-01-26": false, // 春节
		"2028-02-02": false,
		"2028-02-03": true,
		"2028-02-05": true, // a Saturday worked
		"2028-02-06": false,
		"2028-10-02": true,  // 国庆 not entered: a Monday like any other
		"2027-10-04": false, // 2027 stays built in (国庆节)
	} {
		if got := workday.Is(day(d)); got != want {
			t.Errorf("%s: working day %v, want %v", d, got, want)
		}
	}
	// Now Friday, Saturday (worked), Monday.
	if got := workday.Add(day("2028-01-20"), 3); !got.Equal(day("2028-01-24")) {
		t.Fatalf("after: %s", got.Format(time.DateOnly))
	}
	if w := calendar.Missing(db.Today()); w.Year != 0 {
		t.Fatalf("2028 entered, still warned: %+v", w)
	}
	years, err := calendar.Years(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var y2028 *calendar.YearInfo
	for i := range years {
		if years[i].Year == 2028 {
			y2028 = &years[i]
		}
	}
	if y2028 == nil || !y2028.Entered || y2028.BuiltIn || len(y2028.Holidays) != 2 || y2028.Holidays[0].Name != "元旦" ||
		y2028.Holidays[1].Last != "2028-02-02" || strings.Join(y2028.Holidays[1].WorkDays, " ") != "2028-01-22 2028-02-05" {
		t.Fatalf("2028 as listed: %+v", y2028)
	}
}

func TestReopenedDatabaseKeepsTheYear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	clock := storetest.NewClock(day("2027-12-15").Add(10 * time.Hour))
	db := storetest.OpenFile(t, path, store.Options{Clock: clock.Now})
	t.Cleanup(func() { workday.Use(nil) })
	if err := calendar.SetYear(ctx, db, 2028, arrangement2028); err != nil {
		t.Fatal(err)
	}
	db.Close()
	workday.Use(nil)
	db = storetest.OpenFile(t, path, store.Options{Clock: clock.Now})
	if err := calendar.Apply(ctx, db); err != nil {
		t.Fatal(err)
	}
	if !workday.Is(day("2028-01-22")) || workday.Is(day("2028-01-03")) {
		t.Fatal("the reopened database does not count 2028 as entered")
	}
}

func TestAnEnteredYearReplacesTheBuiltInOne(t *testing.T) {
	db, _ := open(t, "2027-03-01")
	// 2027 built in: 春节 from 2月6日 to 2月13日, 2月14日 (Sunday) worked.
	if workday.Is(day("2027-02-08")) || !workday.Is(day("2027-02-14")) {
		t.Fatal("the built-in 2027 is not as expected")
	}
	// Corrected by the office to one holiday only: every other day of 2027 follows the weekends.
	if err := calendar.SetYear(ctx, db, 2027, []calendar.Holiday{{Name: "春节", First: "2027-02-08", Last: "2027-02-10"}}); err != nil {
		t.Fatal(err)
	}
	if workday.Is(day("2027-02-09")) || !workday.Is(day("2027-02-11")) || workday.Is(day("2027-02-14")) || !workday.Is(day("2027-10-04")) {
		t.Fatal("the entered 2027 does not replace the built-in one")
	}
	// Entered again, the new entry replaces the old one whole.
	if err := calendar.SetYear(ctx, db, 2027, []calendar.Holiday{{Name: "国庆节", First: "2027-10-01", Last: "2027-10-07"}}); err != nil {
		t.Fatal(err)
	}
	if !workday.Is(day("2027-02-09")) || workday.Is(day("2027-10-04")) {
		t.Fatal("the second entry does not replace the first")
	}
	// Removed, the built-in year counts again.
	if err := calendar.ClearYear(ctx, db, 2027); err != nil {
		t.Fatal(err)
	}
	if workday.Is(day("2027-02-08")) || !workday.Is(day("2027-02-14")) {
		t.Fatal("after removal, 2027 is not the built-in one")
	}
	if w := calendar.Missing(db.Today()); w.Year != 0 {
		t.Fatalf("March 2027: %+v", w)
	}
}

// A holiday beginning in the December before (元旦 of 2024 began on 2023年12月30日) counts on its days,
// and the year before keeps its other days.
func TestDaysInTheDecemberBefore(t *testing.T) {
	db, _ := open(t, "2027-12-20")
	err := calendar.SetYear(ctx, db, 2028, []calendar.Holiday{
		{Name: "元旦", First: "2027-12-31", Last: "2028-01-02", WorkDays: []string{"2027-12-25"}}})
	if err != nil {
		t.Fatal(err)
	}
	if workday.Is(day("2027-12-31")) || !workday.Is(day("2027-12-25")) || !workday.Is(day("2027-12-30")) || workday.Is(day("2027-10-04")) {
		t.Fatal("the December before")
	}
}

func TestMissingYears(t *testing.T) {
	db, clock := open(t, "2027-11-30")
	if w := calendar.Missing(db.Today()); w.Year != 0 {
		t.Fatalf("November: %+v", w)
	}
	clock.Set(day("2027-12-01").Add(time.Hour))
	if w := calendar.Missing(db.Today()); w.Year != 2028 {
		t.Fatalf("1 December: %+v", w)
	}
	clock.Set(day("2028-03-01").Add(time.Hour))
	if w := calendar.Missing(db.Today()); w.Year != 2028 || !strings.Contains(w.Message, "只把周六、周日算作休息日") {
		t.Fatalf("March of a year not known: %+v", w)
	}
	clock.Set(day("2026-12-01").Add(time.Hour)) // 2027 is built in
	if w := calendar.Missing(db.Today()); w.Year != 0 {
		t.Fatalf("December 2026: %+v", w)
	}
}

// Every bad entry is refused on its field, and nothing of it is written or counted.
func TestBadEntriesChangeNothing(t *testing.T) {
	db, _ := open(t, "2027-12-01")
	if err := calendar.SetYear(ctx, db, 2028, arrangement2028); err != nil {
		t.Fatal(err)
	}
	good := func() []calendar.Holiday { return append([]calendar.Holiday(nil), arrangement2028...) }
	with := func(i int, f func(h *calendar.Holiday)) []calendar.Holiday {
		hs := good()
		f(&hs[i])
		return hs
	}
	for _, c := range []struct {
		year  int
		hs    []calendar.Holiday
		field string
		says  string
	}{
		{1999, good(), "year", "年度应在"},
		{2028, nil, "holidays", "至少要有一个节日"},
		{2028, with(0, func(h *calendar.Holiday) { h.Name = " " }), "holidays[0].name", "名称"},
		{2028, with(0, func(h *calendar.Holiday) { h.First = "2月30日" }), "holidays[0].first", ""},
		{2028, with(0, func(h *calendar.Holiday) { h.First = "" }), "holidays[0].first", "不能为空"},
		{2028, with(0, func(h *calendar.Holiday) { h.Last = "2029-01-01" }), "holidays[0].last", "不在2028年的安排之内"},
		{2028, with(0, func(h *calendar.Holiday) { h.First = "2027-11-30" }), "holidays[0].first", "不在2028年的安排之内"},
		{2028, with(0, func(h *calendar.Holiday) { h.Last = "2028-01-20" }), "holidays[0].last", "早于起始日"},
		{2028, with(0, func(h *calendar.Holiday) { h.Last = "2028-02-15" }), "holidays[0].last", "超过了15天"},
		{2028, with(0, func(h *calendar.Holiday) { h.WorkDays = []string{"2028-01-24"} }), "holidays[0].workDays", "不是周六或周日"},
		{2028, with(0, func(h *calendar.Holiday) { h.WorkDays = []string{"2028-01-29"} }), "holidays[0].workDays", "已经是春节的日子"},
		{2028, with(1, func(h *calendar.Holiday) { h.First, h.Last = "2028-01-24", "2028-01-26" }), "holidays[1].first", "已经是春节的日子"},
	} {
		err := calendar.SetYear(ctx, db, c.year, c.hs)
		if e := errs.As(err); errs.CodeOf(err) != errs.Invalid || e.Field != c.field || !strings.Contains(e.Message, c.says) {
			t.Errorf("%s %q: %v (field %q)", c.field, c.says, err, errs.As(err).Field)
		}
	}
	// Still the first entry, whole.
	if !workday.Is(day("2028-01-22")) || workday.Is(day("2028-01-03")) {
		t.Fatal("a refused entry changed the calendar")
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM holidays WHERE deleted_at IS NULL`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("rows: %d (%v)", n, err)
	}
}

// The built-in holidays of a year, grouped as the notice states them: entered again unchanged, they
// count as the built-in calendar does on every day of the year.
func TestBuiltInHolidaysRoundTrip(t *testing.T) {
	db, _ := open(t, "2026-11-27")
	years, err := calendar.Years(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var y2026 calendar.YearInfo
	for _, y := range years {
		if y.Year == 2026 {
			y2026 = y
		}
	}
	if !y2026.BuiltIn || y2026.Entered || len(y2026.BuiltIns) != 7 || y2026.BuiltIns[1].Name != "春节" ||
		y2026.BuiltIns[1].First != "2026-02-15" || y2026.BuiltIns[1].Last != "2026-02-23" {
		t.Fatalf("2026 built in: %+v", y2026)
	}
	builtIn := map[string]bool{}
	for d := day("2026-01-01"); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		builtIn[d.Format(time.DateOnly)] = workday.Is(d)
	}
	if err := calendar.SetYear(ctx, db, 2026, y2026.BuiltIns); err != nil {
		t.Fatal(err)
	}
	for d := day("2026-01-01"); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		if iso := d.Format(time.DateOnly); workday.Is(d) != builtIn[iso] {
			t.Errorf("%s: entered %v, built in %v", iso, workday.Is(d), builtIn[iso])
		}
	}
}
