package demo

import (
	"slices"
	"time"
)

// visitPlan is one visit to be recorded.
type visitPlan struct{ date, form, findings, followUp, id string }

// periodStarts returns the first days of the months (step 1) or quarters (step 3) from the one
// holding from to the one holding to.
func periodStarts(from, to time.Time, step int) []time.Time {
	m := (int(from.Month())-1)/step*step + 1
	t := time.Date(from.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	var out []time.Time
	for ; !t.After(to); t = t.AddDate(0, step, 0) {
		out = append(out, t)
	}
	return out
}

var (
	keyForms      = newWeighted("入户:75", "电话:20", "集中:5")
	ordinaryForms = newWeighted("入户:65", "电话:20", "集中:15")
)

// planVisits plans a year of visits up to today by each neighbourhood's leader. Each leader makes
// a round of the key households every month and of all households every quarter, early in the
// period; a careful leader misses a household now and then, a neglectful one (15%) half the time.
// A few households have never been visited.
func (pl *planner) planVisits(v *villagePlan) {
	r := pl.r
	from := pl.today.AddDate(-1, 0, 0)
	months := periodStarts(from, pl.today, 1)
	quarters := periodStarts(from, pl.today, 3)
	for _, p := range v.pieces {
		for _, g := range p.groups {
			for _, nb := range g.nbs {
				monthRound := make([]int, len(months))
				for i := range monthRound {
					monthRound[i] = r.IntN(16)
				}
				quarterRound := make([]int, len(quarters))
				for i := range quarterRound {
					quarterRound[i] = r.IntN(40)
				}
				keyRate, rate := 0.9, 0.8
				if nb.neglectful {
					keyRate, rate = 0.5, 0.45
				}
				for _, h := range nb.households {
					if r.Float64() < 0.02 {
						continue // never visited
					}
					key := len(h.tags) > 0
					var dates []time.Time
					add := func(start time.Time, day int, months int) {
						d := start.AddDate(0, 0, day)
						if end := start.AddDate(0, months, -1); d.After(end) {
							d = end
						}
						if !d.Before(from) && !d.After(pl.today) {
							dates = append(dates, d)
						}
					}
					if key {
						for i, m := range months {
							if r.Float64() < keyRate {
								add(m, monthRound[i]+r.IntN(7), 1)
							}
						}
					} else {
						for i, q := range quarters {
							if r.Float64() < rate {
								add(q, quarterRound[i]+r.IntN(10), 3)
							}
						}
					}
					if r.Float64() < 0.1 { // met by chance, or called about something
						add(from, r.IntN(366), 13)
					}
					slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
					dates = slices.Compact(dates)
					h.visits = h.visits[:0]
					for _, d := range dates {
						h.visits = append(h.visits, pl.visit(h, d, key))
					}
				}
			}
		}
	}
}

// visit makes what a visit on date found.
func (pl *planner) visit(h *householdPlan, date time.Time, key bool) visitPlan {
	r := pl.r
	v := visitPlan{date: date.Format(time.DateOnly)}
	var f finding
	if key {
		v.form = keyForms.pick(r)
		if list := tagFindings[pick(r, h.tags)]; len(list) > 0 && r.Float64() < 0.6 {
			f = pickFinding(r, list)
		} else {
			f = pickFinding(r, generalFindings)
		}
	} else {
		v.form = ordinaryForms.pick(r)
		f = pickFinding(r, generalFindings)
	}
	v.findings = f.text
	if len(f.followUps) > 0 && r.Float64() < 0.6 {
		v.followUp = pick(r, f.followUps)
	}
	return v
}
