package grid

import (
	"context"
	"sort"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// The visit cadence (DESIGN.md §1): every household is visited at least once per calendar quarter,
// a key household at least once per calendar month. A visit in a period covers that period; the next
// is due by the end of the following one. A household never visited is due by the end of the period
// it was registered in. Past its deadline it is overdue by the days since.

// Cadence statuses.
const (
	StatusOK      = "ok"      // visited in the current period
	StatusDue     = "due"     // not yet visited this period; the deadline is this period's end
	StatusOverdue = "overdue" // the deadline has passed
)

// period returns the first and last day of the month (monthly) or quarter holding d.
func period(d time.Time, monthly bool) (time.Time, time.Time) {
	m := d.Month()
	if !monthly {
		m = time.Month((int(m)-1)/3*3 + 1)
	}
	start := time.Date(d.Year(), m, 1, 0, 0, 0, 0, time.Local)
	months := 3
	if monthly {
		months = 1
	}
	return start, start.AddDate(0, months, -1)
}

// Deadline returns by when the next visit is due and the status on today. last is the date of the
// last visit, or the zero time when there is none; registered is the date the household was added.
func Deadline(last, registered, today time.Time, monthly bool) (deadline time.Time, status string, overdueDays int) {
	if last.IsZero() {
		_, deadline = period(registered, monthly)
	} else {
		_, end := period(last, monthly)
		if curStart, _ := period(today, monthly); !last.Before(curStart) {
			_, curEnd := period(today, monthly)
			return curEnd, StatusOK, 0
		}
		_, deadline = period(end.AddDate(0, 0, 1), monthly)
	}
	if !today.After(deadline) {
		return deadline, StatusDue, 0
	}
	return deadline, StatusOverdue, int(today.Sub(deadline).Hours()/24 + 0.5)
}

// CadenceItem is one household's visit status.
type CadenceItem struct {
	HouseholdID     string `json:"householdId"`
	Code            string `json:"code"`
	Address         string `json:"address"`
	HeadName        string `json:"headName"`
	IsKey           bool   `json:"isKey"`
	VillageID       string `json:"villageId"`
	Village         string `json:"village"`
	Group           string `json:"group"`
	NeighbourhoodID string `json:"neighbourhoodId"`
	Neighbourhood   string `json:"neighbourhood"`
	Leader          string `json:"leader"` // the neighbourhood leader in office
	LastVisit       string `json:"lastVisit"`
	Deadline        string `json:"deadline"`
	Status          string `json:"status"`
	OverdueDays     int    `json:"overdueDays"`
}

// CadenceSummary counts one village's or one leader's households by status.
type CadenceSummary struct {
	Name           string `json:"name"`
	Village        string `json:"village,omitempty"`
	Households     int    `json:"households"`
	Due            int    `json:"due"`
	Overdue        int    `json:"overdue"`
	MaxOverdueDays int    `json:"maxOverdueDays"`
}

// CadenceReport is the tracker: totals, per village, per neighbourhood leader, and the overdue
// households, longest overdue first.
type CadenceReport struct {
	Today      string           `json:"today"`
	Households int              `json:"households"`
	Due        int              `json:"due"`
	Overdue    int              `json:"overdue"`
	ByVillage  []CadenceSummary `json:"byVillage"`
	ByLeader   []CadenceSummary `json:"byLeader"`
	Items      []CadenceItem    `json:"items"`    // overdue households, longest overdue first
	DueItems   []CadenceItem    `json:"dueItems"` // households still to visit this period, earliest deadline first
}

// Cadence computes the tracker on today for every live household (of one village when villageID is
// given). Items holds the overdue households and DueItems those due this period, at most limit of
// each (0: all).
//
// It reads household_cadence, the local table the store's triggers keep (each live household's place,
// key flag, registration and last visit): one grouped pass counts the households per neighbourhood
// and only the households not yet visited this period come back one by one; the rows of the report
// are made only for the households it lists.
func (s *Service) Cadence(ctx context.Context, villageID string, limit int) (CadenceReport, error) {
	today := s.today()
	rep := CadenceReport{Today: today.Format(dateLayout), ByVillage: []CadenceSummary{}, ByLeader: []CadenceSummary{},
		Items: []CadenceItem{}, DueItems: []CadenceItem{}}
	leaders, err := s.neighbourhoodLeaders(ctx, today)
	if err != nil {
		return rep, err
	}
	names, err := s.placeNames(ctx)
	if err != nil {
		return rep, err
	}
	type counts struct {
		village                       string
		households, due, overdue, max int
	}
	// The periods: a household visited in the current one (month for key households, quarter for the
	// others) is ok; one visited in the previous period, or never visited and registered in the
	// current one, is due by the period's end; every other is overdue (Deadline says the same for
	// each household; the tests hold the two together).
	monthStart, _ := period(today, true)
	quarterStart, _ := period(today, false)
	prevMonth, _ := period(monthStart.AddDate(0, 0, -1), true)
	prevQuarter, _ := period(quarterStart.AddDate(0, 0, -1), false)
	utc := func(t time.Time) string { return t.UTC().Format(storedTime) } // registered_at is stored in UTC
	args := []any{villageID, monthStart.Format(dateLayout), quarterStart.Format(dateLayout),
		prevMonth.Format(dateLayout), prevQuarter.Format(dateLayout), utc(monthStart), utc(quarterStart)}
	const (
		notOK = `last_visit < CASE is_key WHEN 0 THEN ?3 ELSE ?2 END`
		due   = notOK + ` AND (last_visit >= CASE is_key WHEN 0 THEN ?5 ELSE ?4 END
			OR (last_visit = '' AND created_at >= CASE is_key WHEN 0 THEN ?7 ELSE ?6 END))`
		overdue = notOK + ` AND NOT (` + due + `)`
		inPlace = `(?1 = '' OR village_id = ?1)`
		columns = `household_id, is_key, neighbourhood_id, last_visit, CASE last_visit WHEN '' THEN created_at ELSE '' END`
	)
	perNb := map[string]*counts{}
	// One grouped pass: the households and those due, per neighbourhood. (A neighbourhood's households
	// are all in its village: village_id is kept with the neighbourhood.)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT neighbourhood_id, village_id, count(*), coalesce(sum(`+due+`), 0)
		FROM household_cadence WHERE `+inPlace+` GROUP BY neighbourhood_id`, args...)
	if err != nil {
		return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
	}
	for rows.Next() {
		var nb string
		c := &counts{}
		if err := rows.Scan(&nb, &c.village, &c.households, &c.due); err != nil {
			rows.Close()
			return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
		}
		perNb[nb] = c
		rep.Households += c.households
		rep.Due += c.due
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
	}

	// Then household by household only those listed: every overdue one (they are sorted by days
	// overdue, and each neighbourhood's longest is counted), and of the due ones the key households
	// first, each in the order the tracker has always listed them (by neighbourhood, then household).
	type pending struct {
		id, vid, nbid, last, village string
		isKey                        bool
		v                            verdict
	}
	memo := map[string]verdict{} // deadlines repeat: one per visit date or registration hour
	read := func(q string, extra ...any) ([]pending, error) {
		rows, err := s.db.SQL().QueryContext(ctx, q, append(args, extra...)...)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取走访情况失败")
		}
		defer rows.Close()
		var out []pending
		var id, created, nbid, last string
		var isKey bool
		for rows.Next() {
			if err := rows.Scan(&id, &isKey, &nbid, &last, &created); err != nil {
				return nil, errs.Wrap(err, errs.Internal, "读取走访情况失败")
			}
			key := "V" + last
			if last == "" && len(created) >= 13 {
				key = "R" + created[:13] // the local date of a UTC time depends on its date and hour
			}
			if isKey {
				key += "k"
			}
			v, ok := memo[key]
			if !ok {
				d, st, days := Deadline(localDate(last), registeredDate(created), today, isKey)
				v = verdict{d.Format(dateLayout), st, days}
				memo[key] = v
			}
			c := perNb[nbid]
			if c == nil { // cannot be: the counts and the rows are read from one table
				continue
			}
			out = append(out, pending{id: id, vid: c.village, nbid: nbid, last: last, village: names[c.village].name, isKey: isKey, v: v})
		}
		if err := rows.Err(); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取走访情况失败")
		}
		return out, nil
	}
	overdueRows, err := read(`SELECT ` + columns + ` FROM household_cadence WHERE ` + inPlace + ` AND ` + overdue +
		` ORDER BY neighbourhood_id, household_id`)
	if err != nil {
		return rep, err
	}
	for _, p := range overdueRows {
		c := perNb[p.nbid]
		c.overdue++
		c.max = max(c.max, p.v.days)
		rep.Overdue++
	}
	take := -1 // all
	if limit > 0 {
		take = limit
	}
	dueRows, err := read(`SELECT `+columns+` FROM household_cadence WHERE `+inPlace+` AND `+due+` AND is_key = 1
		ORDER BY neighbourhood_id, household_id LIMIT ?8`, take)
	if err != nil {
		return rep, err
	}
	if limit <= 0 || len(dueRows) < limit {
		more, err := read(`SELECT `+columns+` FROM household_cadence WHERE `+inPlace+` AND `+due+` AND is_key = 0
			ORDER BY neighbourhood_id, household_id LIMIT ?8`, take)
		if err != nil {
			return rep, err
		}
		dueRows = append(dueRows, more...)
	}
	byVillage := map[string]*CadenceSummary{}
	byLeader := map[string]*CadenceSummary{}
	var villageOrder, leaderOrder []string
	nbIDs := make([]string, 0, len(perNb))
	for nb := range perNb {
		nbIDs = append(nbIDs, nb)
	}
	sort.Strings(nbIDs) // a stable order for leaders with equal counts
	for _, nb := range nbIDs {
		c := perNb[nb]
		village := names[c.village].name
		leader := leaders[nb]
		for _, sum := range []*CadenceSummary{
			summary(byVillage, &villageOrder, c.village, village, ""),
			summary(byLeader, &leaderOrder, c.village+"/"+leader, leaderName(leader), village),
		} {
			sum.Households += c.households
			sum.Due += c.due
			sum.Overdue += c.overdue
			sum.MaxOverdueDays = max(sum.MaxOverdueDays, c.max)
		}
	}
	sort.Slice(villageOrder, func(i, j int) bool {
		a, b := names[villageOrder[i]], names[villageOrder[j]]
		return a.sortKey < b.sortKey || (a.sortKey == b.sortKey && a.name < b.name)
	})
	for _, k := range villageOrder {
		rep.ByVillage = append(rep.ByVillage, *byVillage[k])
	}
	for _, k := range leaderOrder {
		rep.ByLeader = append(rep.ByLeader, *byLeader[k])
	}
	sort.SliceStable(rep.ByLeader, func(i, j int) bool { return rep.ByLeader[i].Overdue > rep.ByLeader[j].Overdue })
	// Longest overdue first; then by village (pinyin), then by neighbourhood and household id.
	sort.SliceStable(overdueRows, func(i, j int) bool {
		a, b := &overdueRows[i], &overdueRows[j]
		if a.v.days != b.v.days {
			return a.v.days > b.v.days
		}
		if a.village != b.village {
			return names[a.vid].sortKey < names[b.vid].sortKey
		}
		if len(a.nbid) == len(b.nbid) {
			return a.nbid < b.nbid || (a.nbid == b.nbid && a.id < b.id)
		}
		return a.nbid+a.id < b.nbid+b.id
	})
	item := func(p pending) CadenceItem {
		nb := names[p.nbid]
		return CadenceItem{HouseholdID: p.id, IsKey: p.isKey, VillageID: p.vid, Village: p.village, Group: nb.group,
			NeighbourhoodID: p.nbid, Neighbourhood: nb.name, Leader: leaders[p.nbid], LastVisit: p.last,
			Deadline: p.v.deadline, Status: p.v.status, OverdueDays: p.v.days}
	}
	for i, p := range overdueRows {
		if limit > 0 && i == limit {
			break
		}
		rep.Items = append(rep.Items, item(p))
	}
	for i, p := range dueRows {
		if limit > 0 && i == limit {
			break
		}
		rep.DueItems = append(rep.DueItems, item(p))
	}
	if err := s.fillDetails(ctx, rep.Items); err != nil {
		return rep, err
	}
	return rep, s.fillDetails(ctx, rep.DueItems)
}

func leaderName(n string) string {
	if n == "" {
		return "（未设邻长）"
	}
	return n
}

func summary(m map[string]*CadenceSummary, order *[]string, key, name, village string) *CadenceSummary {
	s, ok := m[key]
	if !ok {
		s = &CadenceSummary{Name: name, Village: village}
		m[key] = s
		*order = append(*order, key)
	}
	return s
}

// neighbourhoodLeaders maps each neighbourhood to its leader in office on day.
func (s *Service) neighbourhoodLeaders(ctx context.Context, day time.Time) (map[string]string, error) {
	d := day.Format(dateLayout)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT scope_id, person_name FROM leaders
		WHERE role = 'neighbourhood_leader' AND deleted_at IS NULL AND term_start <= ?1 AND (term_end = '' OR term_end >= ?1)
		ORDER BY term_start`, d)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
		}
		out[id] = name
	}
	return out, rows.Err()
}

// fillDetails sets the code, address and head's name of the listed households.
func (s *Service) fillDetails(ctx context.Context, items []CadenceItem) error {
	st, err := s.db.SQL().PrepareContext(ctx, `SELECT h.code, h.address, coalesce((SELECT name FROM residents
		WHERE household_id = h.id AND deleted_at IS NULL ORDER BY relation <> '户主' LIMIT 1), '')
		FROM households h WHERE h.id = ?`)
	if err != nil {
		return errs.Wrap(err, errs.Internal, "读取户信息失败")
	}
	defer st.Close()
	for i := range items {
		it := &items[i]
		if err := st.QueryRowContext(ctx, it.HouseholdID).Scan(&it.Code, &it.Address, &it.HeadName); err != nil {
			return errs.Wrap(err, errs.Internal, "读取户信息失败")
		}
	}
	return nil
}

// localDate reads an ISO date ("2026-11-27") as local midnight; the zero time for "".
func localDate(s string) time.Time {
	if len(s) < 10 {
		return time.Time{}
	}
	return time.Date(atoi(s[0:4]), time.Month(atoi(s[5:7])), atoi(s[8:10]), 0, 0, 0, 0, time.Local)
}

// registeredDate is the local date of a stored UTC timestamp.
func registeredDate(s string) time.Time {
	t, err := store.ParseTime(s)
	if err != nil {
		return time.Time{}
	}
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// storedTime is the layout of the UTC times the store writes (created_at).
const storedTime = "2006-01-02T15:04:05.000Z"

// verdict is a household's deadline, status and days overdue.
type verdict struct {
	deadline, status string
	days             int
}

// place is the name of a village or neighbourhood (with its group) for the tracker's rows.
type place struct{ name, group, sortKey string }

// placeNames maps the ids of the live villages and neighbourhoods to their names.
func (s *Service) placeNames(ctx context.Context) (map[string]place, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `
		SELECT id, name, '', sort_key FROM villages WHERE deleted_at IS NULL
		UNION ALL
		SELECT n.id, n.name, g.name, '' FROM neighbourhoods n JOIN groups g ON g.id = n.group_id WHERE n.deleted_at IS NULL`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	defer rows.Close()
	out := map[string]place{}
	for rows.Next() {
		var id string
		var p place
		if err := rows.Scan(&id, &p.name, &p.group, &p.sortKey); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
		}
		out[id] = p
	}
	return out, rows.Err()
}
