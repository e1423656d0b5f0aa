// Package workday counts working days on the mainland China calendar:
// weekends are rest days except the Saturdays and Sundays made working
// days by the State Council's holiday arrangement, and the official
// holidays are rest days. The arrangements come from lunar-go's holiday
// table, which covers the years the State Council had announced when it
// was released, and from the years an office entered itself (a later
// year, or a correction): such a year replaces the built-in one whole.
package workday

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Year is a year's arrangement entered by an office (as the State Council announces it): its days
// off and its weekend days made working days. It replaces the built-in arrangement of that year
// whole. Its days may include the end of the year before (元旦 of 2024 began on 2023年12月30日).
type Year struct {
	Year int
	Days []Day
}

// Day is one day of an arrangement: a day off (weekends inside a holiday included) or a weekend day
// made a working day (调休上班).
type Day struct {
	Date string // ISO, 2028-01-01
	Work bool   // a working day; otherwise a day off
}

// Calendar is the arrangements of the years an office entered, over the built-in ones.
type Calendar struct {
	entered map[int]bool // the years the office entered
	days    map[int]bool // day (dayKey) → a working day, for the days those years name
}

// dayKey is a calendar date as one number, 20280101.
func dayKey(day time.Time) int {
	y, m, d := day.Date()
	return y*10000 + int(m)*100 + d
}

// NewCalendar makes the calendar of the years an office entered. Days whose date is not one are
// left out.
func NewCalendar(years []Year) *Calendar {
	c := &Calendar{entered: map[int]bool{}, days: map[int]bool{}}
	for _, y := range years {
		c.entered[y.Year] = true
		for _, d := range y.Days {
			if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
				c.days[dayKey(t)] = d.Work
			}
		}
	}
	return c
}

// Entered reports whether the office entered year's arrangement.
func (c *Calendar) Entered(year int) bool { return c != nil && c.entered[year] }

// Is reports whether day (its calendar date) is a working day on this calendar: a day an entered
// year names is as it says; another day of an entered year is a working day unless on a weekend;
// other years are as built in.
func (c *Calendar) Is(day time.Time) bool {
	key := dayKey(day)
	if c != nil && len(c.days) > 0 {
		if work, ok := c.days[key]; ok {
			return work
		}
	}
	if !c.Entered(day.Year()) {
		if work, ok := builtInYear(day.Year())[key]; ok {
			return work
		}
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Known reports whether year's arrangement is known: built in, or entered by the office. For a year
// not known, only weekends are days off.
func (c *Calendar) Known(year int) bool { return c.Entered(year) || BuiltIn(year) }

// builtInYear is the built-in arrangement of year: day (dayKey) → a working day. lunar-go finds a
// day by searching its whole table as text (about 30 µs); a list that counts the working days a
// case is overdue asks for every day since its deadline, so each year is read from it once.
func builtInYear(year int) map[int]bool {
	if m, ok := builtIn.Load(year); ok {
		return m.(map[int]bool)
	}
	m := map[int]bool{}
	for _, d := range BuiltInDays(year) {
		if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
			m[dayKey(t)] = d.Work
		}
	}
	v, _ := builtIn.LoadOrStore(year, m)
	return v.(map[int]bool)
}

var builtIn sync.Map // year → its built-in arrangement (builtInYear)

// BuiltIn reports whether the built-in table holds year's arrangement.
func BuiltIn(year int) bool { return HolidayUtil.GetHolidaysByYear(year).Len() > 0 }

// current is the calendar of the open database, which the functions of this package count on: the
// program sets it when it opens a database and when the office enters a year (Use). Until then, and
// after Use(nil), it is the built-in one.
var current atomic.Pointer[Calendar]

// Use makes c the calendar the package's functions count on (nil: the built-in one alone).
func Use(c *Calendar) { current.Store(c) }

// Current is the calendar the package's functions count on.
func Current() *Calendar { return current.Load() }

// Is reports whether day (its calendar date) is a working day.
func Is(day time.Time) bool { return current.Load().Is(day) }

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

// NamedDay is a day of the built-in arrangement, with the holiday it belongs to.
type NamedDay struct {
	Day
	Name string
}

// BuiltInDays are the days the built-in table names in year, in order.
func BuiltInDays(year int) []NamedDay {
	var out []NamedDay
	for e := HolidayUtil.GetHolidaysByYear(year).Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		out = append(out, NamedDay{Day: Day{Date: h.GetDay(), Work: h.IsWork()}, Name: h.GetName()})
	}
	return out
}
