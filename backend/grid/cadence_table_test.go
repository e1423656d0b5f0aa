package grid_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// household_cadence (the tracker's table, kept by triggers) must equal what the base tables say
// after every kind of change: households made, re-tagged, moved, deleted; visits recorded, moved to
// another household, re-dated and tombstoned.
func TestCadenceTableFollowsChanges(t *testing.T) {
	s := MustService(t)
	a, b := mustTree(t, s, "丹口村"), mustTree(t, s, "桃林村")
	check := func(when string) { t.Helper(); checkCadence(t, s, when) }
	h1 := mustHousehold(t, s, a.nb, "1号")
	h2 := mustHousehold(t, s, a.nb, "2号", "低保户")
	h3 := mustHousehold(t, s, b.nb, "3号")
	check("households made")
	visit := func(h, date string) string {
		t.Helper()
		id, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", VisitorName: "杨明", Date: date})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	v1 := visit(h1, today.AddDate(0, -2, 0).Format("2006-01-02"))
	visit(h1, today.AddDate(0, -5, 0).Format("2006-01-02")) // earlier: the last stays
	v3 := visit(h2, today.AddDate(0, 0, -3).Format("2006-01-02"))
	check("visits recorded")
	if err := s.UpdateHousehold(ctx, h1, grid.HouseholdInput{NeighbourhoodID: a.nb, Address: "1号", Tags: []string{"五保户"}}); err != nil {
		t.Fatal(err)
	}
	check("tagged")
	if _, err := s.MoveHousehold(ctx, h1, b.nb); err != nil {
		t.Fatal(err)
	}
	check("moved to another village")
	err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Update("visits", v1, store.Values{"visit_date": today.AddDate(0, -8, 0).Format("2006-01-02")}); err != nil {
			return err
		}
		if _, err := tx.Update("visits", v3, store.Values{"household_id": h3}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("visits re-dated and moved")
	if err := grid.DBOf(s).Write(ctx, func(tx *store.Tx) error { return tx.Delete("visits", v3) }); err != nil {
		t.Fatal(err)
	}
	check("visit tombstoned")
	if err := s.DeleteHousehold(ctx, h2); err != nil {
		t.Fatal(err)
	}
	check("household deleted")
}

// The tracker agrees, household by household, with Deadline applied to each household's last visit,
// over registrations and visits spread across two years and on days around period boundaries.
func TestCadenceAgreesWithDeadline(t *testing.T) {
	clock := storetest.NewClock(time.Date(2025, 1, 15, 9, 30, 0, 0, time.Local))
	s := grid.NewService(storetest.Open(t, store.Options{Clock: clock.Now}), nil)
	tr := mustTree(t, s, "丹口村")
	r := rand.New(rand.NewPCG(3, 4))
	var households []string
	for day := 0; day < 700; day += 7 {
		clock.Set(time.Date(2025, 1, 15, 9, 30, 0, 0, time.Local).AddDate(0, 0, day).Add(time.Duration(r.IntN(14)) * time.Hour))
		var tags []string
		if r.IntN(3) == 0 {
			tags = []string{"低保户"}
		}
		households = append(households, mustHousehold(t, s, tr.nb, fmt.Sprintf("%d号", day), tags...))
		for _, h := range households {
			if r.IntN(12) == 0 {
				if _, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", VisitorName: "杨明"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if day%21 != 0 {
			continue
		}
		rep, err := s.Cadence(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, it := range rep.Items {
			got[it.HouseholdID] = fmt.Sprintf("%s %s %d %s", it.Status, it.Deadline, it.OverdueDays, it.LastVisit)
		}
		for _, it := range rep.DueItems {
			got[it.HouseholdID] = fmt.Sprintf("listed due: %s %s %d %s", it.Status, it.Deadline, it.OverdueDays, it.LastVisit)
		}
		counts := map[string]int{}
		now := grid.DBOf(s).Today()
		for _, h := range households {
			hh, _ := s.GetHousehold(ctx, h)
			visits, _ := s.Visits(ctx, h)
			last := ""
			if len(visits) > 0 {
				last = visits[0].Date
			}
			row, _ := grid.DBOf(s).Get(ctx, "households", h)
			created, _ := store.ParseTime(row["created_at"].(string))
			c := created.Local()
			lastDate := time.Time{}
			if last != "" {
				lastDate, _ = time.ParseInLocation("2006-01-02", last, time.Local)
			}
			d, st, days := grid.Deadline(lastDate, time.Date(c.Year(), c.Month(), c.Day(), 0, 0, 0, 0, time.Local), now, hh.IsKey)
			want := ""
			if st != grid.StatusOK {
				want = fmt.Sprintf("%s %s %d %s", st, d.Format("2006-01-02"), days, last)
			}
			if st == grid.StatusDue {
				want = "listed due: " + want
			}
			counts[st]++
			if got[h] != want {
				t.Fatalf("%s, household %s (key %v, last %q): tracker %q, Deadline %q", now.Format("2006-01-02"), hh.Address, hh.IsKey, last, got[h], want)
			}
		}
		if rep.Households != len(households) || rep.Due != counts[grid.StatusDue] || rep.Overdue != counts[grid.StatusOverdue] ||
			len(rep.ByVillage) != 1 || rep.ByVillage[0].Due != rep.Due || rep.ByVillage[0].Overdue != rep.Overdue {
			t.Fatalf("%s: tracker counts %d households, %d due, %d overdue (%+v); Deadline %d, %v",
				now.Format("2006-01-02"), rep.Households, rep.Due, rep.Overdue, rep.ByVillage, len(households), counts)
		}
	}
}

// checkCadence compares household_cadence (kept by triggers) with the households and their visits,
// and cadence_buckets with household_cadence.
func checkCadence(t *testing.T, s *grid.Service, when string) {
	t.Helper()
	var diff int
	err := grid.DBOf(s).SQL().QueryRow(`SELECT (SELECT count(*) FROM (
		SELECT h.id, h.neighbourhood_id, h.village_id, h.is_key, h.created_at,
		  coalesce((SELECT max(visit_date) FROM visits WHERE household_id = h.id AND deleted_at IS NULL), '')
		FROM households h WHERE h.deleted_at IS NULL
		EXCEPT SELECT household_id, neighbourhood_id, village_id, is_key, created_at, last_visit FROM household_cadence))
		+ (SELECT count(*) FROM household_cadence) - (SELECT count(*) FROM households WHERE deleted_at IS NULL)`).Scan(&diff)
	if err != nil || diff != 0 {
		t.Fatalf("%s: household_cadence is off by %d rows (%v)", when, diff, err)
	}
	checkBuckets(t, s, when)
}

// checkBuckets compares cadence_buckets (the counts kept by triggers) with household_cadence counted
// afresh: the same rows, both ways.
func checkBuckets(t *testing.T, s *grid.Service, when string) {
	t.Helper()
	const counted = `SELECT neighbourhood_id, is_key, CASE WHEN last_visit = '' THEN 'R' || substr(created_at, 1, 13)
		WHEN is_key THEN substr(last_visit, 1, 7)
		ELSE substr(last_visit, 1, 5) || 'Q' || ((CAST(substr(last_visit, 6, 2) AS INTEGER) + 2) / 3) END,
		village_id, count(*) FROM household_cadence GROUP BY 1, 2, 3`
	const kept = `SELECT neighbourhood_id, is_key, bucket, village_id, households FROM cadence_buckets`
	var diff int
	err := grid.DBOf(s).SQL().QueryRow(`SELECT (SELECT count(*) FROM (` + counted + ` EXCEPT ` + kept + `))
		+ (SELECT count(*) FROM (` + kept + ` EXCEPT ` + counted + `))`).Scan(&diff)
	if err != nil || diff != 0 {
		t.Fatalf("%s: cadence_buckets differs from household_cadence in %d rows (%v)", when, diff, err)
	}
}

// A limited report is the start of the whole one: the same totals and villages, the first limit
// overdue and due households, and the first limit neighbourhoods of those with overdue households
// (found from the counts by kind alone). And each neighbourhood's row counts what the listed
// households say of it.
func TestCadenceLimitedIsTheStartOfTheWhole(t *testing.T) {
	clock := storetest.NewClock(time.Date(2025, 3, 3, 9, 0, 0, 0, time.Local))
	s := grid.NewService(storetest.Open(t, store.Options{Clock: clock.Now}), nil)
	r := rand.New(rand.NewPCG(5, 6))
	var nbs, villages []string
	for _, name := range []string{"丹口村", "桃林村", "白毛坪村"} {
		tr := mustTree(t, s, name)
		villages = append(villages, tr.village)
		nbs = append(nbs, tr.nb)
		for i := 2; i <= 8; i++ {
			nb, err := s.CreateNode(ctx, grid.NodeInput{Level: grid.LevelNeighbourhood, ParentID: tr.group, Name: fmt.Sprintf("第%d邻", i)})
			if err != nil {
				t.Fatal(err)
			}
			nbs = append(nbs, nb)
		}
	}
	var households []string
	for day := 0; day < 400; day += 5 {
		clock.Set(time.Date(2025, 3, 3, 9, 0, 0, 0, time.Local).AddDate(0, 0, day).Add(time.Duration(r.IntN(20)) * time.Hour))
		for n := r.IntN(4); n > 0; n-- {
			var tags []string
			if r.IntN(4) == 0 {
				tags = []string{"低保户"}
			}
			households = append(households, mustHousehold(t, s, nbs[r.IntN(len(nbs))], fmt.Sprintf("%d-%d号", day, n), tags...))
		}
		for _, h := range households {
			if r.IntN(25) == 0 {
				if _, err := s.RecordVisit(ctx, grid.VisitInput{HouseholdID: h, Findings: "入户了解情况", VisitorName: "杨明"}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	checkBuckets(t, s, "after a year of registrations and visits")
	for _, village := range []string{"", villages[1]} {
		whole, err := s.Cadence(ctx, village, 0)
		if err != nil {
			t.Fatal(err)
		}
		if whole.Overdue == 0 || whole.Due == 0 || len(whole.ByLeader) < 4 {
			t.Fatalf("the data should have overdue and due households in several neighbourhoods: %+v", whole)
		}
		// Each neighbourhood's row against the households listed in full.
		perNb := map[string][2]int{}
		for _, it := range whole.Items {
			c := perNb[it.NeighbourhoodID]
			c[1]++
			perNb[it.NeighbourhoodID] = c
		}
		for _, it := range whole.DueItems {
			c := perNb[it.NeighbourhoodID]
			c[0]++
			perNb[it.NeighbourhoodID] = c
		}
		var withOverdue []grid.CadenceSummary
		households := 0
		for _, nb := range whole.ByLeader {
			if c := perNb[nb.ID]; nb.Due != c[0] || nb.Overdue != c[1] {
				t.Errorf("neighbourhood %s counts %d due and %d overdue; the lists hold %d and %d", nb.Neighbourhood, nb.Due, nb.Overdue, c[0], c[1])
			}
			households += nb.Households
			if nb.Overdue > 0 {
				withOverdue = append(withOverdue, nb)
			}
		}
		if households != whole.Households || whole.LeadersOverdue != len(withOverdue) {
			t.Errorf("the neighbourhoods hold %d households of %d; %d of %d with overdue ones", households, whole.Households,
				whole.LeadersOverdue, len(withOverdue))
		}
		// One leader's overdue households: that neighbourhood's part of the whole list, in its order.
		for _, nb := range whole.ByLeader {
			var want []grid.CadenceItem
			for _, it := range whole.Items {
				if it.NeighbourhoodID == nb.ID {
					want = append(want, it)
				}
			}
			got, err := s.OverdueIn(ctx, nb.ID)
			if err != nil || len(got) != nb.Overdue || len(want) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("overdue in %s: %v\n got %+v\nwant %+v", nb.Neighbourhood, err, got, want)
			}
		}
		for _, limit := range []int{1, 3, 7, 1000} {
			part, err := s.Cadence(ctx, village, limit)
			if err != nil {
				t.Fatal(err)
			}
			first := func(n int) int { return min(n, limit) }
			want := whole
			want.Items = whole.Items[:first(len(whole.Items))]
			want.DueItems = whole.DueItems[:first(len(whole.DueItems))]
			want.ByLeader = withOverdue[:first(len(withOverdue))]
			if !reflect.DeepEqual(part, want) {
				t.Errorf("village %q, limit %d: the report is not the start of the whole one\n got %+v\nwant %+v", village, limit, part, want)
			}
		}
	}
}
