package grid

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

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
