package grid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
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

// CadenceSummary counts one village's or one neighbourhood's households by status. For a
// neighbourhood, Name is its leader in office and Group and Neighbourhood say which 邻 it is.
type CadenceSummary struct {
	ID             string `json:"id"` // the village's or the neighbourhood's
	Name           string `json:"name"`
	Village        string `json:"village,omitempty"`
	Group          string `json:"group,omitempty"`
	Neighbourhood  string `json:"neighbourhood,omitempty"`
	Households     int    `json:"households"`
	Due            int    `json:"due"`
	Overdue        int    `json:"overdue"`
	MaxOverdueDays int    `json:"maxOverdueDays"`
}

// CadenceReport is the tracker: totals, per village, per neighbourhood (with its leader), and the
// overdue households, longest overdue first.
type CadenceReport struct {
	Today      string           `json:"today"`
	Households int              `json:"households"`
	Due        int              `json:"due"`
	Overdue    int              `json:"overdue"`
	ByVillage  []CadenceSummary `json:"byVillage"`
	// ByLeader has the neighbourhoods, most overdue households first (then the longest overdue, then
	// by village and neighbourhood). With a limit it lists only those with overdue households, at most
	// limit of them; LeadersOverdue counts them all.
	ByLeader       []CadenceSummary `json:"byLeader"`
	LeadersOverdue int              `json:"leadersOverdue"`
	Items          []CadenceItem    `json:"items"`    // overdue households, longest overdue first
	DueItems       []CadenceItem    `json:"dueItems"` // households still to visit this period, earliest deadline first
}

// Cadence computes the tracker on today for every live household (of one village when villageID is
// given). Items holds the overdue households and DueItems those due this period, at most limit of
// each (0: all); ByLeader is limited as its comment says.
//
// It reads cadence_buckets, the counts the store's triggers keep of each neighbourhood's households
// by kind (key or not, and the period of the last visit or of registration): a household's status
// follows from its kind, so each kind is judged once, and only the households the report lists are
// read one by one (from household_cadence, through its index by kind).
func (s *Service) Cadence(ctx context.Context, villageID string, limit int) (CadenceReport, error) {
	today := s.today()
	rep := CadenceReport{Today: today.Format(dateLayout), ByVillage: []CadenceSummary{}, ByLeader: []CadenceSummary{},
		Items: []CadenceItem{}, DueItems: []CadenceItem{}}
	fail := func(err error) (CadenceReport, error) {
		return rep, errs.Wrap(err, errs.Internal, "读取走访情况失败")
	}
	villages, err := s.villageNames(ctx)
	if err != nil {
		return rep, err
	}

	// Every kind present, counted per village: the totals and the villages' rows.
	// Each kind present is judged once, here; the reads that follow run side by side and only look
	// kinds up (one written since, which they may meet, is judged on the spot).
	judged := map[kind]verdict{}
	verdictOf := func(k kind) verdict {
		d, st, days := Deadline(k.last(), k.registered(), today, k.isKey)
		return verdict{d.Format(dateLayout), st, days}
	}
	judge := func(k kind) verdict {
		if v, ok := judged[k]; ok {
			return v
		}
		return verdictOf(k)
	}
	byVillage := map[string]*CadenceSummary{}
	var villageOrder []string
	var total CadenceSummary
	// (Read in the order of the index by village and kind, which SQLite then need not sort.)
	lo, hi := villageRange(villageID)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT village_id, is_key, bucket, sum(households)
		FROM cadence_buckets INDEXED BY cadence_buckets_village WHERE village_id >= ?1 AND village_id <= ?2
		GROUP BY village_id, is_key, bucket`, lo, hi)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var vid string
		var k kind
		var n int
		if err := rows.Scan(&vid, &k.isKey, &k.bucket, &n); err != nil {
			rows.Close()
			return fail(err)
		}
		sum := byVillage[vid]
		if sum == nil {
			sum = &CadenceSummary{ID: vid, Name: villages[vid].name}
			byVillage[vid] = sum
			villageOrder = append(villageOrder, vid)
		}
		v, ok := judged[k]
		if !ok {
			v = verdictOf(k)
			judged[k] = v
		}
		sum.add(v, n)
		total.add(v, n)
	}
	rep.Households, rep.Due, rep.Overdue = total.Households, total.Due, total.Overdue
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fail(err)
	}
	sort.Slice(villageOrder, func(i, j int) bool { return villages.less(villageOrder[i], villageOrder[j]) })
	for _, k := range villageOrder {
		rep.ByVillage = append(rep.ByVillage, *byVillage[k])
	}
	var overdueKinds, dueKinds []kind
	for k, v := range judged {
		switch v.status {
		case StatusOverdue:
			overdueKinds = append(overdueKinds, k)
		case StatusDue:
			dueKinds = append(dueKinds, k)
		}
	}
	// Longest overdue first (the same days: key households first, then by bucket, for a fixed order).
	sort.Slice(overdueKinds, func(i, j int) bool {
		a, b := overdueKinds[i], overdueKinds[j]
		if da, db := judged[a].days, judged[b].days; da != db {
			return da > db
		}
		return a.isKey && !b.isKey || a.isKey == b.isKey && a.bucket < b.bucket
	})

	// The neighbourhoods' rows, the overdue households and the due ones: three reads, side by side.
	var nbs []nbCount
	var overdueRows, dueRows []pending
	var errNbs, errOverdue, errDue error
	var wg sync.WaitGroup
	wg.Go(func() {
		nbs, rep.LeadersOverdue, errNbs = s.neighbourhoodCounts(ctx, villageID, limit, overdueKinds, judge, villages)
	})
	wg.Go(func() { overdueRows, errOverdue = s.householdsOfKinds(ctx, villageID, overdueKinds, limit, judge) })
	wg.Go(func() { dueRows, errDue = s.dueHouseholds(ctx, villageID, today, limit, judge) })
	wg.Wait()
	if err := errors.Join(errNbs, errOverdue, errDue); err != nil {
		return fail(err)
	}

	// The names and leaders of the neighbourhoods listed.
	var listed []string
	for _, nb := range nbs {
		listed = append(listed, nb.id)
	}
	for _, rows := range [][]pending{overdueRows, dueRows} {
		for _, p := range rows {
			listed = append(listed, p.nbid)
		}
	}
	var names places
	var leaders map[string]string
	var errNames, errDetails error
	wg.Go(func() { names, leaders, errNames = s.neighbourhoodsOf(ctx, listed, today) })
	details, errDetails := s.householdDetails(ctx, overdueRows, dueRows)
	wg.Wait()
	if err := errors.Join(errNames, errDetails); err != nil {
		return rep, err
	}
	for _, nb := range nbs {
		sum := nb.CadenceSummary
		sum.ID = nb.id
		sum.Name, sum.Village = leaderName(leaders[nb.id]), villages[nb.villageID].name
		sum.Group, sum.Neighbourhood = names[nb.id].group, names[nb.id].name
		rep.ByLeader = append(rep.ByLeader, sum)
	}
	item := func(p pending) CadenceItem {
		nb, d := names[p.nbid], details[p.id]
		return CadenceItem{HouseholdID: p.id, Code: d.code, Address: d.address, HeadName: d.head, IsKey: p.isKey,
			VillageID: p.vid, Village: villages[p.vid].name, Group: nb.group, NeighbourhoodID: p.nbid, Neighbourhood: nb.name,
			Leader: leaders[p.nbid], LastVisit: p.last, Deadline: p.v.deadline, Status: p.v.status, OverdueDays: p.v.days}
	}
	for _, p := range overdueRows {
		rep.Items = append(rep.Items, item(p))
	}
	for _, p := range dueRows {
		rep.DueItems = append(rep.DueItems, item(p))
	}
	return rep, nil
}

// kind is what a household's status follows from: whether it is a key household, and its bucket in
// cadence_buckets ("2026-11", "2026-Q4", or "R" and the UTC hour it was registered).
type kind struct {
	isKey  bool
	bucket string
}

// last is the first day of the period of the last visit; the zero time for a household never visited.
func (k kind) last() time.Time {
	b := k.bucket
	switch {
	case strings.HasPrefix(b, "R") || len(b) < 7:
		return time.Time{}
	case b[5] == 'Q':
		return localDate(fmt.Sprintf("%s-%02d-01", b[:4], (atoi(b[6:7])-1)*3+1))
	}
	return localDate(b + "-01")
}

// registered is the local date a household never visited was registered.
func (k kind) registered() time.Time {
	if !strings.HasPrefix(k.bucket, "R") {
		return time.Time{}
	}
	return registeredDate(k.bucket[1:] + ":00:00.000Z") // the local date of a UTC hour is that of its start
}

// where is the condition on household_cadence (as hc) selecting the households of the kind (from the index
// by kind), with its arguments.
func (k kind) where() (string, []any) {
	if strings.HasPrefix(k.bucket, "R") {
		return `hc.is_key = ? AND hc.last_visit = '' AND hc.created_at >= ? AND hc.created_at < ?`, []any{k.isKey, k.bucket[1:], k.bucket[1:] + "~"}
	}
	first := k.last()
	months := 1
	if !k.isKey {
		months = 3
	}
	return `hc.is_key = ? AND hc.last_visit >= ? AND hc.last_visit < ?`,
		[]any{k.isKey, first.Format(dateLayout), first.AddDate(0, months, 0).Format(dateLayout)}
}

// nbCount is one neighbourhood's row of the tracker before its names are read.
type nbCount struct {
	CadenceSummary
	id, villageID string
}

func (c *CadenceSummary) add(v verdict, n int) {
	c.Households += n
	switch v.status {
	case StatusDue:
		c.Due += n
	case StatusOverdue:
		c.Overdue += n
		c.MaxOverdueDays = max(c.MaxOverdueDays, v.days)
	}
}

// neighbourhoodCounts counts the households of each neighbourhood by status, in the order of
// ByLeader, and says how many neighbourhoods have overdue households. With a limit only the first
// limit neighbourhoods with overdue households are counted: their places in the order follow from
// the overdue kinds alone, so only those kinds are read for all of them, and the whole counts only
// for the ones listed.
func (s *Service) neighbourhoodCounts(ctx context.Context, villageID string, limit int, overdueKinds []kind,
	judge func(kind) verdict, villages places) ([]nbCount, int, error) {
	const columns = `SELECT neighbourhood_id, village_id, is_key, bucket, households FROM cadence_buckets `
	order := func(nbs []nbCount) {
		sort.Slice(nbs, func(i, j int) bool {
			a, b := nbs[i], nbs[j]
			if a.Overdue != b.Overdue {
				return a.Overdue > b.Overdue
			}
			if a.MaxOverdueDays != b.MaxOverdueDays {
				return a.MaxOverdueDays > b.MaxOverdueDays
			}
			if a.villageID != b.villageID {
				return villages.less(a.villageID, b.villageID)
			}
			return a.id < b.id
		})
	}
	if limit <= 0 {
		lo, hi := villageRange(villageID)
		nbs, err := s.countNeighbourhoods(ctx, judge, columns+`WHERE village_id >= ?1 AND village_id <= ?2`, lo, hi)
		order(nbs)
		overdue := 0
		for _, nb := range nbs {
			if nb.Overdue > 0 {
				overdue++
			}
		}
		return nbs, overdue, err
	}
	// The neighbourhoods with overdue households, ranked in SQL on their overdue counts and longest
	// days (the kinds with their days given as a list), and the first limit of them.
	if len(overdueKinds) == 0 {
		return []nbCount{}, 0, nil
	}
	var list []any
	for _, k := range overdueKinds {
		list = append(list, []any{k.isKey, k.bucket, judge(k).days})
	}
	kinds, _ := json.Marshal(list) // plain values always marshal
	lo, hi := villageRange(villageID)
	rows, err := s.db.SQL().QueryContext(ctx, `WITH k AS (SELECT value ->> 0 AS is_key, value ->> 1 AS bucket, value ->> 2 AS days
			FROM json_each(?1))
		SELECT b.neighbourhood_id, b.village_id, sum(b.households) AS overdue, max(k.days) AS days, count(*) OVER ()
		FROM k JOIN cadence_buckets b ON b.is_key = k.is_key AND b.bucket = k.bucket
		JOIN villages v ON v.id = b.village_id
		WHERE b.village_id >= ?2 AND b.village_id <= ?3
		GROUP BY b.neighbourhood_id
		ORDER BY overdue DESC, days DESC, v.sort_key, v.name, v.id, b.neighbourhood_id LIMIT ?4`, string(kinds), lo, hi, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var found []nbCount
	total := 0
	for rows.Next() {
		var nb nbCount
		if err := rows.Scan(&nb.id, &nb.villageID, &nb.Overdue, &nb.MaxOverdueDays, &total); err != nil {
			return nil, 0, err
		}
		found = append(found, nb)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	ids := make([]string, len(found))
	for i, nb := range found {
		ids[i] = nb.id
	}
	nbs, err := s.countNeighbourhoods(ctx, judge, columns+`WHERE neighbourhood_id IN (SELECT value FROM json_each(?1))`, jsonList(ids))
	order(nbs)
	return nbs, total, err
}

func (s *Service) countNeighbourhoods(ctx context.Context, judge func(kind) verdict, q string, args ...any) ([]nbCount, error) {
	rows, err := s.db.SQL().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []nbCount
	at := map[string]int{}
	for rows.Next() {
		var nb, vid string
		var k kind
		var n int
		if err := rows.Scan(&nb, &vid, &k.isKey, &k.bucket, &n); err != nil {
			return nil, err
		}
		i, ok := at[nb]
		if !ok {
			i = len(out)
			at[nb] = i
			out = append(out, nbCount{id: nb, villageID: vid})
		}
		out[i].add(judge(k), n)
	}
	return out, rows.Err()
}

// pending is a household the report lists, before its names are read.
type pending struct {
	id, vid, nbid, last string
	isKey               bool
	v                   verdict
}

const pendingColumns = `SELECT household_id, village_id, neighbourhood_id, last_visit, is_key, created_at FROM household_cadence `

func (s *Service) readPending(ctx context.Context, v func(isKey bool, last string, created string) verdict, q string, args ...any) ([]pending, error) {
	rows, err := s.db.SQL().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []pending
	for rows.Next() {
		var p pending
		var created string
		if err := rows.Scan(&p.id, &p.vid, &p.nbid, &p.last, &p.isKey, &created); err != nil {
			return nil, err
		}
		p.v = v(p.isKey, p.last, created)
		out = append(out, p)
	}
	return out, rows.Err()
}

// bucketOf is the kind of a household_cadence row (what the triggers of migration 0009 compute).
func bucketOf(isKey bool, last, created string) kind {
	switch {
	case last == "" && len(created) >= 13:
		return kind{isKey, "R" + created[:13]}
	case len(last) < 7:
		return kind{isKey, ""}
	case isKey:
		return kind{isKey, last[:7]}
	}
	return kind{isKey, fmt.Sprintf("%s-Q%d", last[:4], (atoi(last[5:7])+2)/3)}
}

// householdsOfKinds lists the overdue households, longest overdue first, then by village, neighbourhood
// and household: run by run of kinds with the same days (in the order given), each run sorted and cut
// in SQL, stopping once limit are listed (0: all).
func (s *Service) householdsOfKinds(ctx context.Context, villageID string, kinds []kind, limit int, judge func(kind) verdict) ([]pending, error) {
	var out []pending
	verdictOf := func(isKey bool, last, created string) verdict { return judge(bucketOf(isKey, last, created)) }
	lo, hi := villageRange(villageID)
	for i := 0; i < len(kinds) && (limit <= 0 || len(out) < limit); {
		var conds []string
		args := []any{lo, hi}
		j := i
		for ; j < len(kinds) && judge(kinds[j]).days == judge(kinds[i]).days; j++ {
			cond, more := kinds[j].where()
			conds = append(conds, "("+cond+")")
			args = append(args, more...)
		}
		take := -1
		if limit > 0 {
			take = limit - len(out)
		}
		run, err := s.readPending(ctx, verdictOf, `SELECT hc.household_id, hc.village_id, hc.neighbourhood_id, hc.last_visit, hc.is_key, hc.created_at
			FROM household_cadence hc JOIN villages v ON v.id = hc.village_id
			WHERE hc.village_id >= ? AND hc.village_id <= ? AND (`+strings.Join(conds, " OR ")+`)
			ORDER BY v.sort_key, v.name, v.id, hc.neighbourhood_id, hc.household_id LIMIT `+fmt.Sprint(take), args...)
		if err != nil {
			return nil, err
		}
		out = append(out, run...)
		i = j
	}
	return out, nil
}

// villageRange is the range of village ids a query covers: the one village, or all of them.
func villageRange(villageID string) (string, string) {
	if villageID == "" {
		return "", "\U0010FFFF"
	}
	return villageID, villageID
}

// dueHouseholds lists the households due this period: the key households first, each by neighbourhood
// and household, at most limit (0: all).
func (s *Service) dueHouseholds(ctx context.Context, villageID string, today time.Time, limit int, judge func(kind) verdict) ([]pending, error) {
	monthStart, _ := period(today, true)
	quarterStart, _ := period(today, false)
	prevMonth, _ := period(monthStart.AddDate(0, 0, -1), true)
	prevQuarter, _ := period(quarterStart.AddDate(0, 0, -1), false)
	utc := func(t time.Time) string { return t.UTC().Format(storedTime) } // created_at is stored in UTC
	take := -1                                                            // all
	if limit > 0 {
		take = limit
	}
	verdictOf := func(isKey bool, last, created string) verdict { return judge(bucketOf(isKey, last, created)) }
	// Visited in the previous period, or never visited and registered in this one.
	const due = ` AND (?1 = '' OR village_id = ?1) AND (last_visit >= ?2 AND last_visit < ?3 OR last_visit = '' AND created_at >= ?4)
		ORDER BY neighbourhood_id, household_id LIMIT ?5`
	out, err := s.readPending(ctx, verdictOf, pendingColumns+`INDEXED BY household_cadence_place WHERE is_key = 1`+due,
		villageID, prevMonth.Format(dateLayout), monthStart.Format(dateLayout), utc(monthStart), take)
	if err != nil || (limit > 0 && len(out) >= limit) {
		return out, err
	}
	if limit > 0 {
		take = limit - len(out)
	}
	more, err := s.readPending(ctx, verdictOf, pendingColumns+`INDEXED BY household_cadence_place WHERE is_key = 0`+due,
		villageID, prevQuarter.Format(dateLayout), quarterStart.Format(dateLayout), utc(quarterStart), take)
	return append(out, more...), err
}

func leaderName(n string) string {
	if n == "" {
		return "（未设邻长）"
	}
	return n
}

// neighbourhoodsOf returns the names of the given neighbourhoods (with their groups) and their
// leaders in office on day.
func (s *Service) neighbourhoodsOf(ctx context.Context, ids []string, day time.Time) (places, map[string]string, error) {
	names, leaders := places{}, map[string]string{}
	if len(ids) == 0 {
		return names, leaders, nil
	}
	list := jsonList(ids)
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT n.id, n.name, g.name FROM neighbourhoods n JOIN groups g ON g.id = n.group_id
		WHERE n.id IN (SELECT value FROM json_each(?))`, list)
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var p place
		if err := rows.Scan(&id, &p.name, &p.group); err != nil {
			return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
		}
		names[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	rows.Close()
	// The leader whose term began last, when terms overlap.
	lrows, err := s.db.SQL().QueryContext(ctx, `SELECT scope_id, person_name FROM leaders
		WHERE role = 'neighbourhood_leader' AND deleted_at IS NULL AND scope_id IN (SELECT value FROM json_each(?1))
		  AND term_start <= ?2 AND (term_end = '' OR term_end >= ?2)
		ORDER BY term_start`, list, day.Format(dateLayout))
	if err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
	}
	defer lrows.Close()
	for lrows.Next() {
		var id, name string
		if err := lrows.Scan(&id, &name); err != nil {
			return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
		}
		leaders[id] = name
	}
	if err := lrows.Err(); err != nil {
		return nil, nil, errs.Wrap(err, errs.Internal, "读取邻长失败")
	}
	return names, leaders, nil
}

// jsonList is ids as a JSON array, for json_each.
func jsonList(ids []string) string {
	b, _ := json.Marshal(ids) // strings always marshal
	return string(b)
}

// details are a household's code, address and head's name.
type details struct{ code, address, head string }

// householdDetails reads the details of the listed households in one query.
func (s *Service) householdDetails(ctx context.Context, lists ...[]pending) (map[string]details, error) {
	var ids []string
	for _, list := range lists {
		for _, p := range list {
			ids = append(ids, p.id)
		}
	}
	got := map[string]details{}
	if len(ids) == 0 {
		return got, nil
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT h.id, h.code, h.address, coalesce((SELECT name FROM residents
		WHERE household_id = h.id AND deleted_at IS NULL ORDER BY relation <> '户主' LIMIT 1), '')
		FROM households h WHERE h.id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var d details
		if err := rows.Scan(&id, &d.code, &d.address, &d.head); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
		}
		got[id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取户信息失败")
	}
	return got, nil
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

// places maps ids to names.
type places map[string]place

// less orders villages as everywhere: by their sort key (pinyin), then name, then id.
func (p places) less(a, b string) bool {
	x, y := p[a], p[b]
	if x.sortKey != y.sortKey {
		return x.sortKey < y.sortKey
	}
	if x.name != y.name {
		return x.name < y.name
	}
	return a < b
}

// villageNames maps the ids of the villages to their names and sort keys (deleted ones too: a
// report never shows an id for a name).
func (s *Service) villageNames(ctx context.Context) (places, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, name, sort_key FROM villages`)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	defer rows.Close()
	out := places{}
	for rows.Next() {
		var id string
		var p place
		if err := rows.Scan(&id, &p.name, &p.sortKey); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
		}
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取村组名称失败")
	}
	return out, nil
}
