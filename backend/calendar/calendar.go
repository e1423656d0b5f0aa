// Package calendar keeps the holiday arrangements an office enters itself — a year the built-in
// calendar does not know yet, or a year corrected — and makes the working-day calendar of the open
// database from them (workday.Use). It warns, from December on, when next year's arrangement is
// missing: until it is entered, deadlines running into that year count only weekends as days off.
package calendar

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
	"xiangzhi/backend/workday"
)

// Holiday is one holiday of a year's arrangement, as the State Council's notice states it: its days
// off, from First to Last, and the weekend days worked for it (调休上班).
type Holiday struct {
	Name     string   `json:"name"`
	First    string   `json:"first"`    // ISO date
	Last     string   `json:"last"`     // ISO date
	WorkDays []string `json:"workDays"` // ISO dates
}

// YearInfo is a year the calendar knows: built in, entered by the office, or both (the entered one
// counts).
type YearInfo struct {
	Year     int       `json:"year"`
	BuiltIn  bool      `json:"builtIn"`
	Entered  bool      `json:"entered"`
	Holidays []Holiday `json:"holidays"` // those entered, by first day
	BuiltIns []Holiday `json:"builtIns"` // those built in, by first day (to start a correction from)
}

// Warning is a year whose arrangement is missing while it is needed: next year from December on, or
// the current year. Year 0: none is missing.
type Warning struct {
	Year    int    `json:"year"`
	Message string `json:"message"`
}

// Limits of an entry.
const (
	MaxHolidays    = 12 // holidays in a year (the notice has 7)
	MaxHolidayDays = 15 // days off of one holiday
	MaxNameLength  = 10
	FirstYear      = 2000
	LastYear       = 2100
)

// Load reads the years the office entered and makes their calendar.
func Load(ctx context.Context, db *store.DB) (*workday.Calendar, error) {
	hs, err := entered(ctx, db, 0)
	if err != nil {
		return nil, err
	}
	byYear := map[int][]workday.Day{}
	var years []int
	for y, list := range hs {
		years = append(years, y)
		for _, h := range list {
			byYear[y] = append(byYear[y], days(h)...)
		}
	}
	sort.Ints(years)
	var out []workday.Year
	for _, y := range years {
		out = append(out, workday.Year{Year: y, Days: byYear[y]})
	}
	return workday.NewCalendar(out), nil
}

// Apply makes the calendar of db's entered years the one every deadline is counted on. The program
// calls it when it opens a database; SetYear and ClearYear call it after their write.
func Apply(ctx context.Context, db *store.DB) error {
	c, err := Load(ctx, db)
	if err != nil {
		return err
	}
	workday.Use(c)
	return nil
}

// Years lists the years the calendar knows, from the first built-in one to two years after today,
// with the holidays the office entered.
func Years(ctx context.Context, db *store.DB) ([]YearInfo, error) {
	hs, err := entered(ctx, db, 0)
	if err != nil {
		return nil, err
	}
	last := db.Today().Year() + 2
	var out []YearInfo
	for y := db.Today().Year() - 2; y <= last; y++ {
		out = append(out, YearInfo{Year: y, BuiltIn: workday.BuiltIn(y), Entered: hs[y] != nil, Holidays: orEmpty(hs[y]), BuiltIns: builtIns(y)})
	}
	for y, list := range hs { // entered years outside that span
		if y < db.Today().Year()-2 || y > last {
			out = append(out, YearInfo{Year: y, BuiltIn: workday.BuiltIn(y), Entered: true, Holidays: list, BuiltIns: builtIns(y)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}

func orEmpty(hs []Holiday) []Holiday {
	if hs == nil {
		return []Holiday{}
	}
	return hs
}

// builtIns are year's built-in holidays, grouped from the days the table names: each holiday's
// first and last day off and its working days.
func builtIns(year int) []Holiday {
	out := []Holiday{}
	at := map[string]int{}
	for _, d := range workday.BuiltInDays(year) {
		i, ok := at[d.Name]
		if !ok {
			i = len(out)
			at[d.Name] = i
			out = append(out, Holiday{Name: d.Name, WorkDays: []string{}})
		}
		h := &out[i]
		switch {
		case d.Work:
			h.WorkDays = append(h.WorkDays, d.Date)
		case h.First == "":
			h.First, h.Last = d.Date, d.Date
		default:
			h.First, h.Last = min(h.First, d.Date), max(h.Last, d.Date)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].First < out[j].First })
	return out
}

// Missing is the year whose arrangement is needed and not known, as of today: next year from
// December on, else this year; the calendar of workday (the open database's).
func Missing(today time.Time) Warning {
	c := workday.Current()
	for _, y := range []int{today.Year(), today.Year() + 1} {
		if y > today.Year() && today.Month() != time.December {
			break
		}
		if !c.Known(y) {
			return Warning{Year: y, Message: fmt.Sprintf(
				"%d年的节假日安排尚未录入：国务院办公厅公布后，请在“设置 → 节假日安排”中录入。录入之前，%d年的办理期限只把周六、周日算作休息日。", y, y)}
		}
	}
	return Warning{}
}

// SetYear makes hs the office's arrangement of year, replacing the one it entered before (if any),
// and applies it. Code invalid, naming the field, for a bad entry: nothing is written then.
func SetYear(ctx context.Context, db *store.DB, year int, hs []Holiday) error {
	clean, err := check(year, hs)
	if err != nil {
		return err
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		if err := clearIn(tx, year); err != nil {
			return err
		}
		for _, h := range clean {
			if _, err := tx.Insert("holidays", store.Values{"year": year, "name": h.Name, "first_day": h.First,
				"last_day": h.Last, "work_days": strings.Join(h.WorkDays, " ")}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return Apply(ctx, db)
}

// ClearYear removes the arrangement the office entered for year (the built-in one, if any, counts
// again) and applies the calendar.
func ClearYear(ctx context.Context, db *store.DB, year int) error {
	if err := db.Write(ctx, func(tx *store.Tx) error { return clearIn(tx, year) }); err != nil {
		return err
	}
	return Apply(ctx, db)
}

func clearIn(tx *store.Tx, year int) error {
	rows, err := tx.Query(`SELECT id FROM holidays WHERE year = ? AND deleted_at IS NULL`, year)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := tx.Delete("holidays", id); err != nil {
			return err
		}
	}
	return nil
}

// entered reads the holidays the office entered, by year (of one year, or all for 0), each year's
// by first day.
func entered(ctx context.Context, db *store.DB, year int) (map[int][]Holiday, error) {
	q := `SELECT year, name, first_day, last_day, work_days FROM holidays WHERE deleted_at IS NULL`
	var args []any
	if year != 0 {
		q += ` AND year = ?`
		args = append(args, year)
	}
	rows, err := db.SQL().QueryContext(ctx, q+` ORDER BY year, first_day`, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取节假日安排失败")
	}
	defer rows.Close()
	out := map[int][]Holiday{}
	for rows.Next() {
		var y int
		var h Holiday
		var work string
		if err := rows.Scan(&y, &h.Name, &h.First, &h.Last, &work); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取节假日安排失败")
		}
		h.WorkDays = strings.Fields(work)
		if h.WorkDays == nil {
			h.WorkDays = []string{}
		}
		out[y] = append(out[y], h)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取节假日安排失败")
	}
	return out, nil
}

// days are a holiday's days off and working days.
func days(h Holiday) []workday.Day {
	var out []workday.Day
	first, err1 := time.Parse(time.DateOnly, h.First)
	last, err2 := time.Parse(time.DateOnly, h.Last)
	if err1 == nil && err2 == nil {
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			out = append(out, workday.Day{Date: d.Format(time.DateOnly)})
		}
	}
	for _, w := range h.WorkDays {
		out = append(out, workday.Day{Date: w, Work: true})
	}
	return out
}

// check cleans and checks a year's holidays: a year in range; each holiday named, its days off a
// span of at most MaxHolidayDays inside the year (or the December before), its working days
// weekend days outside every span; no day named twice. Errors name the field: year, or
// holidays[i].name / .first / .last / .workDays.
func check(year int, hs []Holiday) ([]Holiday, error) {
	if year < FirstYear || year > LastYear {
		return nil, errs.Field("year", "年度应在%d年到%d年之间", FirstYear, LastYear)
	}
	if len(hs) == 0 {
		return nil, errs.Field("holidays", "%d年的安排里至少要有一个节日；要删除这一年录入的安排，请用“删除本年安排”", year)
	}
	if len(hs) > MaxHolidays {
		return nil, errs.Field("holidays", "一年最多录入%d个节日", MaxHolidays)
	}
	earliest := time.Date(year-1, time.December, 1, 0, 0, 0, 0, time.UTC)
	latest := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	inRange := func(field, label, s string) (time.Time, error) {
		iso, err := idcard.ParseDate(field, s)
		if err != nil {
			return time.Time{}, err
		}
		if iso == "" {
			return time.Time{}, errs.Field(field, "%s不能为空", label)
		}
		d, _ := time.Parse(time.DateOnly, iso)
		if d.Before(earliest) || d.After(latest) {
			return time.Time{}, errs.Field(field, "%s %s 不在%d年的安排之内（可从上一年12月起）", label, idcard.DateCN(d), year)
		}
		return d, nil
	}
	named := map[string]string{} // ISO day → the holiday naming it
	out := make([]Holiday, 0, len(hs))
	for i, h := range hs {
		f := func(name string) string { return fmt.Sprintf("holidays[%d].%s", i, name) }
		name, err := textrule.Name(f("name"), fmt.Sprintf("第%d个节日的名称", i+1), h.Name, MaxNameLength, true)
		if err != nil {
			return nil, err
		}
		first, err := inRange(f("first"), name+"的放假起始日", h.First)
		if err != nil {
			return nil, err
		}
		last, err := inRange(f("last"), name+"的放假截止日", h.Last)
		if err != nil {
			return nil, err
		}
		if last.Before(first) {
			return nil, errs.Field(f("last"), "%s的放假截止日早于起始日", name)
		}
		if n := int(last.Sub(first).Hours()/24) + 1; n > MaxHolidayDays {
			return nil, errs.Field(f("last"), "%s放假%d天，超过了%d天：请检查日期", name, n, MaxHolidayDays)
		}
		c := Holiday{Name: name, First: first.Format(time.DateOnly), Last: last.Format(time.DateOnly), WorkDays: []string{}}
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			iso := d.Format(time.DateOnly)
			if other, ok := named[iso]; ok {
				return nil, errs.Field(f("first"), "%s已经是%s的日子，不能再算作%s", idcard.DateCN(d), other, name)
			}
			named[iso] = name
		}
		for _, w := range h.WorkDays {
			if strings.TrimSpace(w) == "" {
				continue
			}
			d, err := inRange(f("workDays"), name+"的调休上班日", w)
			if err != nil {
				return nil, err
			}
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return nil, errs.Field(f("workDays"), "%s的调休上班日 %s 不是周六或周日（工作日本来就上班）", name, idcard.DateCN(d))
			}
			iso := d.Format(time.DateOnly)
			if other, ok := named[iso]; ok {
				return nil, errs.Field(f("workDays"), "%s已经是%s的日子，不能再算作%s的调休上班日", idcard.DateCN(d), other, name)
			}
			named[iso] = name
			c.WorkDays = append(c.WorkDays, iso)
		}
		sort.Strings(c.WorkDays)
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].First < out[j].First })
	return out, nil
}
