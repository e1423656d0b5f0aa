// Package workday counts working days on the mainland China calendar:
// weekends are rest days except the Saturdays and Sundays made working
// days by the State Council's holiday arrangement, and the official
// holidays (from lunar-go's holiday table, which covers the years the
// State Council has announced) are rest days.
package workday

import (
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Is reports whether day (its calendar date) is a working day.
func Is(day time.Time) bool {
	if h := HolidayUtil.GetHolidayByYmd(day.Year(), int(day.Month()), day.Day()); h != nil {
		return h.IsWork()
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Period returns the first and last day of a period of n working days
// beginning on start: the first is start itself when it is a working day,
// else the next working day. n < 1 counts as 1.
func Period(start time.Time, n int) (first, last time.Time) {
	d := date(start)
	for !Is(d) {
		d = d.AddDate(0, 0, 1)
	}
	first = d
	for n--; n > 0; n-- {
		d = d.AddDate(0, 0, 1)
		for !Is(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	return first, d
}

// Add returns the day n working days after day (n ≥ 0): the deadline of
// a matter taken on day with n working days to finish it.
func Add(day time.Time, n int) time.Time {
	d := date(day)
	for ; n > 0; n-- {
		d = d.AddDate(0, 0, 1)
		for !Is(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	return d
}

// Between counts the working days after from up to and including to (0
// when to is not after from).
func Between(from, to time.Time) int {
	n := 0
	for d, end := date(from).AddDate(0, 0, 1), date(to); !d.After(end); d = d.AddDate(0, 0, 1) {
		if Is(d) {
			n++
		}
	}
	return n
}

func date(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}
