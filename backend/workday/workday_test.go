package workday_test

import (
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"xiangzhi/backend/workday"
)

func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		panic(err)
	}
	return t
}

func TestIs(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-11-27": true,  // Friday
		"2026-11-28": false, // Saturday
		"2026-10-01": false, // National Day
		"2026-10-07": false, // National Day holiday
		"2026-02-17": false, // Spring Festival
		"2026-01-04": true,  // Sunday made a working day (adjusted for New Year)
	} {
		if got := workday.Is(day(s)); got != want {
			t.Errorf("Is(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestPeriod(t *testing.T) {
	cases := []struct {
		start      string
		n          int
		first, end string
	}{
		{"2026-11-27", 5, "2026-11-27", "2026-12-03"}, // Fri + Mon–Thu
		{"2026-11-28", 5, "2026-11-30", "2026-12-04"}, // a Saturday start moves to Monday
		{"2026-09-28", 7, "2026-09-28", "2026-10-12"}, // across the National Day week
		{"2026-12-31", 1, "2026-12-31", "2026-12-31"},
	}
	for _, c := range cases {
		f, e := workday.Period(day(c.start), c.n)
		if f.Format("2006-01-02") != c.first || e.Format("2006-01-02") != c.end {
			t.Errorf("Period(%s, %d) = %s..%s, want %s..%s", c.start, c.n, f.Format("2006-01-02"), e.Format("2006-01-02"), c.first, c.end)
		}
	}
	if got := workday.Add(day("2026-11-27"), 3).Format("2006-01-02"); got != "2026-12-02" {
		t.Errorf("Add = %s", got)
	}
	if got := workday.Between(day("2026-11-27"), day("2026-12-04")); got != 5 {
		t.Errorf("Between = %d", got)
	}
}

// Every day of the years lunar-go's table covers, and of some it does not, is as its own day-by-day
// lookup says (the package reads each year of the table once).
func TestBuiltInAsTheTableSays(t *testing.T) {
	for d := day("2000-01-01"); d.Year() <= 2031; d = d.AddDate(0, 0, 1) {
		want := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		if h := HolidayUtil.GetHolidayByYmd(d.Year(), int(d.Month()), d.Day()); h != nil {
			want = h.IsWork()
		}
		if got := workday.Is(d); got != want {
			t.Fatalf("%s: working day %v, the table says %v", d.Format(time.DateOnly), got, want)
		}
	}
}
