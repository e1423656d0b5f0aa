package grid

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"xiangzhi/backend/errs"
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
	verdictOf := func(k kind) verdict { return judgeOn(k, today) }
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
	for _, p := range overdueRows {
		rep.Items = append(rep.Items, cadenceItem(p, names, villages, leaders, details))
	}
	for _, p := range dueRows {
		rep.DueItems = append(rep.DueItems, cadenceItem(p, names, villages, leaders, details))
	}
	return rep, nil
}

// judgeOn is the verdict on today for the households of a kind.
func judgeOn(k kind, today time.Time) verdict {
	d, st, days := Deadline(k.last(), k.registered(), today, k.isKey)
	return verdict{d.Format(dateLayout), st, days}
}

// cadenceItem is a household of the tracker's lists, with its names and leader.
func cadenceItem(p pending, names, villages places, leaders map[string]string, details map[string]details) CadenceItem {
	nb, d := names[p.nbid], details[p.id]
	return CadenceItem{HouseholdID: p.id, Code: d.code, Address: d.address, HeadName: d.head, IsKey: p.isKey,
		VillageID: p.vid, Village: villages[p.vid].name, Group: nb.group, NeighbourhoodID: p.nbid, Neighbourhood: nb.name,
		Leader: leaders[p.nbid], LastVisit: p.last, Deadline: p.v.deadline, Status: p.v.status, OverdueDays: p.v.days}
}
