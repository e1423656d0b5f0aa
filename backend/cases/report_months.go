package cases

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
)

// The 统计 figures of a period are counted from two sources that agree: the months it covers whole
// from the tables case_month_kinds and case_month_villages (migration 0023, kept by triggers), and
// the days of a month it covers in part from the cases themselves. A county's year is then a few
// thousand rows of month counts and a few days of cases, instead of every case of the year sorted
// three times. One village's period is counted from its cases alone: a few hundred.

// kindCount is the cases of one state, category and source, and how they ended.
type kindCount struct {
	state, category, source                                   string
	cases, resolved, inVillage, onTime, followedUp, satisfied int
}

// placeCount is the cases of one month (2026-03) and village, and how many were resolved, inside it.
type placeCount struct {
	month, village             string
	cases, resolved, inVillage int
}

// days is a period of registration, ISO days, both included; "" for no bound.
type days struct{ from, to string }

// periodParts splits the period p (valid days, or "": count checks them) into the months it covers
// whole (months, with "2026-01" bounds, "" for no bound; nil for none) and the periods of the months
// it covers in part.
func periodParts(p days) (months *days, parts []days) {
	if p.from != "" && p.to != "" && p.from > p.to {
		return nil, []days{p} // empty: the cases say so
	}
	lo, hi := "", ""
	if p.from != "" {
		lo = p.from[:7]
		if p.from[8:] != "01" {
			end := lastOfMonth(p.from)
			if p.to != "" && p.to <= end {
				return nil, []days{p}
			}
			parts = append(parts, days{p.from, end})
			lo = addMonths(lo, 1)
		}
	}
	if p.to != "" {
		hi = p.to[:7]
		if p.to != lastOfMonth(p.to) {
			parts = append(parts, days{p.to[:8] + "01", p.to})
			hi = addMonths(hi, -1)
		}
	}
	if lo != "" && hi != "" && lo > hi {
		return nil, parts
	}
	return &days{lo, hi}, parts
}

// lastOfMonth is the last day of the month of the ISO day d.
func lastOfMonth(d string) string {
	t, _ := time.Parse(dateLayout, d[:8]+"01")
	return t.AddDate(0, 1, -1).Format(dateLayout)
}

// addMonths is the month (2026-03) n months after month.
func addMonths(month string, n int) string {
	t, _ := time.Parse("2006-01", month)
	return t.AddDate(0, n, 0).Format("2006-01")
}

// monthWhere is the condition on the column month of the months m, with its arguments.
func monthWhere(m days) (string, []any) {
	conds, args := []string{"cases <> 0"}, []any{}
	if m.from != "" {
		conds, args = append(conds, "month >= ?"), append(args, m.from)
	}
	if m.to != "" {
		conds, args = append(conds, "month <= ?"), append(args, m.to)
	}
	return strings.Join(conds, " AND "), args
}

// ended are the sums, over cases, of how they ended, in the order of kindCount's.
const ended = `count(*), coalesce(sum(resolved_on <> ''), 0),
	coalesce(sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), 0),
	coalesce(sum(resolved_on <> '' AND resolved_on <= deadline), 0),
	coalesce(sum(satisfaction <> ''), 0), coalesce(sum(satisfaction IN ('满意', '基本满意')), 0)`

// kindCounts counts the cases registered in the period p (valid) of one village or all ("") by
// state, category and source. A kind may come more than once (from the months and from the days).
func (s *Service) kindCounts(ctx context.Context, p days, villageID string) ([]kindCount, error) {
	var out []kindCount
	err := s.count(ctx, p, villageID,
		func(where string) string {
			return `SELECT state, category, source, sum(cases), sum(resolved), sum(in_village), sum(on_time),
				sum(followed_up), sum(satisfied) FROM case_month_kinds WHERE ` + where + ` GROUP BY 1, 2, 3`
		},
		func(from, where string) string {
			return `SELECT state, category, source, ` + ended + ` FROM ` + from + ` WHERE ` + where + ` GROUP BY 1, 2, 3`
		},
		func(rows *sql.Rows) error {
			var k kindCount
			if err := rows.Scan(&k.state, &k.category, &k.source, &k.cases, &k.resolved, &k.inVillage, &k.onTime,
				&k.followedUp, &k.satisfied); err != nil {
				return err
			}
			out = append(out, k)
			return nil
		})
	return out, err
}

// placeCounts counts the cases registered in the period p (valid) of one village or all ("") by month
// and village, the months in order.
func (s *Service) placeCounts(ctx context.Context, p days, villageID string) ([]placeCount, error) {
	var out []placeCount
	err := s.count(ctx, p, villageID,
		func(where string) string {
			return `SELECT month, village_id, cases, resolved, in_village FROM case_month_villages WHERE ` + where
		},
		func(from, where string) string {
			return `SELECT substr(registered_on, 1, 7), village_id, count(*), coalesce(sum(resolved_on <> ''), 0),
				coalesce(sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), 0)
				FROM ` + from + ` WHERE ` + where + ` GROUP BY 1, 2`
		},
		func(rows *sql.Rows) error {
			var c placeCount
			if err := rows.Scan(&c.month, &c.village, &c.cases, &c.resolved, &c.inVillage); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	sort.SliceStable(out, func(i, j int) bool { return out[i].month < out[j].month })
	return out, err
}

// count reads the counts of the period p (valid) of one village or all (""): those of the months it
// covers whole from the month table (the query monthly gives for a condition on month), and those of
// its other days from the cases (the query daily gives for the table to read and a condition on
// registered_on); for one village, all of p from its cases. Each row goes to scan.
func (s *Service) count(ctx context.Context, p days, villageID string, monthly func(where string) string,
	daily func(from, where string) string, scan func(*sql.Rows) error) error {
	if _, _, err := periodConds(p.from, p.to); err != nil { // periodParts reads valid days only
		return err
	}
	months, parts := periodParts(p)
	if villageID != "" {
		months, parts = nil, []days{p}
	}
	type query struct {
		sql  string
		args []any
	}
	var queries []query
	if months != nil {
		where, args := monthWhere(*months)
		queries = append(queries, query{monthly(where), args})
	}
	for _, d := range parts {
		where, args, err := periodWhere(d.from, d.to, villageID)
		if err != nil {
			return err
		}
		queries = append(queries, query{daily(byDay(villageID), where), args})
	}
	for _, q := range queries {
		rows, err := s.db.SQL().QueryContext(ctx, q.sql, q.args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := closeRows(rows); err != nil {
			return err
		}
	}
	return nil
}

// addKinds adds the kinds up into the headline figures, every state's tally (in the order of
// States, those without cases too), and the categories and sources, most cases first.
func addKinds(st *Stats, kinds []kindCount) (states, categories, sources []Tally) {
	counted := map[string]Tally{}
	var byCategory, bySource tallies
	for _, k := range kinds {
		c := counted[k.state]
		c.Cases, c.Resolved = c.Cases+k.cases, c.Resolved+k.resolved
		counted[k.state] = c
		st.Registered += k.cases
		st.Resolved += k.resolved
		st.InVillage += k.inVillage
		st.OnTime += k.onTime
		st.FollowedUp += k.followedUp
		st.Satisfied += k.satisfied
		switch k.state { // turned away: 不予受理, or archived without being resolved
		case StateRejected:
			st.Rejected += k.cases
		case StateArchived:
			st.Rejected += k.cases - k.resolved
		}
		byCategory.add(k.category, k.cases, k.resolved)
		bySource.add(k.source, k.cases, k.resolved)
	}
	rate := func(n, of int) float64 {
		if of == 0 {
			return 0
		}
		return float64(n) / float64(of)
	}
	st.ResolvedRate = rate(st.Resolved, st.Registered-st.Rejected)
	st.VillageRate = rate(st.InVillage, st.Resolved)
	st.OnTimeRate = rate(st.OnTime, st.Resolved)
	st.SatisfyRate = rate(st.Satisfied, st.FollowedUp)
	states = make([]Tally, len(States))
	for i, name := range States {
		states[i] = counted[name]
		states[i].Name = name
	}
	return states, byCategory.mostFirst(), bySource.mostFirst()
}

// addPlaces adds the counts up by month (in order: the counts come so) and by village (unnamed, in
// no order yet).
func addPlaces(places []placeCount) ([]Tally, []VillageTally) {
	var months tallies
	villages := []VillageTally{}
	at := map[string]int{}
	for _, c := range places {
		months.add(c.month, c.cases, c.resolved)
		i, ok := at[c.village]
		if !ok {
			i = len(villages)
			at[c.village] = i
			villages = append(villages, VillageTally{VillageID: c.village})
		}
		v := &villages[i]
		v.Cases, v.Resolved, v.InVillage = v.Cases+c.cases, v.Resolved+c.resolved, v.InVillage+c.inVillage
	}
	if months.list == nil {
		months.list = []Tally{}
	}
	return months.list, villages
}
