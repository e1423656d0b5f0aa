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
	// One pass over the households alone; names come from the maps, not from joins per row.
	rows, err := s.DB.SQL().QueryContext(ctx, `
		SELECT h.id, h.is_key, h.created_at, h.village_id, h.neighbourhood_id,
		  coalesce((SELECT max(visit_date) FROM visits WHERE household_id = h.id AND deleted_at IS NULL), '')
		FROM households h WHERE h.deleted_at IS NULL AND (?1 = '' OR h.village_id = ?1)`, villageID)
	if err != nil {
		return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
	}
	defer rows.Close()
	// Counts per neighbourhood first (a map lookup per household), then per village and leader.
	type counts struct {
		village                       string
		households, due, overdue, max int
	}
	perNb := map[string]*counts{}
	memo := map[string]verdict{} // deadlines repeat: one per visit date or registration hour
	var id, created, vid, nbid, last string
	var isKey bool
	for rows.Next() {
		if err := rows.Scan(&id, &isKey, &created, &vid, &nbid, &last); err != nil {
			return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
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
		if c == nil {
			c = &counts{village: vid}
			perNb[nbid] = c
		}
		c.households++
		rep.Households++
		if v.status == StatusOK {
			continue
		}
		nb := names[nbid]
		it := CadenceItem{HouseholdID: id, IsKey: isKey, VillageID: vid, Village: names[vid].name, Group: nb.group,
			NeighbourhoodID: nbid, Neighbourhood: nb.name, Leader: leaders[nbid], LastVisit: last,
			Deadline: v.deadline, Status: v.status, OverdueDays: v.days}
		if v.status == StatusDue {
			c.due++
			rep.Due++
			rep.DueItems = append(rep.DueItems, it)
		} else {
			c.overdue++
			c.max = max(c.max, v.days)
			rep.Overdue++
			rep.Items = append(rep.Items, it)
		}
	}
	if err := rows.Err(); err != nil {
		return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
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
	sort.SliceStable(rep.Items, func(i, j int) bool {
		a, b := rep.Items[i], rep.Items[j]
		if a.OverdueDays != b.OverdueDays {
			return a.OverdueDays > b.OverdueDays
		}
		if a.Village != b.Village {
			return names[a.VillageID].sortKey < names[b.VillageID].sortKey
		}
		return a.NeighbourhoodID+a.HouseholdID < b.NeighbourhoodID+b.HouseholdID
	})
	sort.SliceStable(rep.DueItems, func(i, j int) bool { return rep.DueItems[i].IsKey && !rep.DueItems[j].IsKey })
	if limit > 0 && len(rep.Items) > limit {
		rep.Items = rep.Items[:limit]
	}
	if limit > 0 && len(rep.DueItems) > limit {
		rep.DueItems = rep.DueItems[:limit]
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
	rows, err := s.DB.SQL().QueryContext(ctx, `SELECT scope_id, person_name FROM leaders
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
	st, err := s.DB.SQL().PrepareContext(ctx, `SELECT h.code, h.address, coalesce((SELECT name FROM residents
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

// verdict is a household's deadline, status and days overdue.
type verdict struct {
	deadline, status string
	days             int
}

// place is the name of a village or neighbourhood (with its group) for the tracker's rows.
type place struct{ name, group, sortKey string }

// placeNames maps the ids of the live villages and neighbourhoods to their names.
func (s *Service) placeNames(ctx context.Context) (map[string]place, error) {
	rows, err := s.DB.SQL().QueryContext(ctx, `
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
