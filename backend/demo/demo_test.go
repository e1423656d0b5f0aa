package demo_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
)

func within(t *testing.T, what string, got, want int, tolerance float64) {
	t.Helper()
	if d := float64(got-want) / float64(want); d < -tolerance || d > tolerance {
		t.Errorf("%s: %d, want %d ± %.0f%%", what, got, want, tolerance*100)
	}
}

func TestTownship(t *testing.T) {
	s, stats, took := generate(t, 1)
	t.Logf("township in %.1f s: %+v", took.Seconds(), stats)

	t.Run("Counts", func(t *testing.T) {
		if stats.Villages != 12 {
			t.Errorf("%d villages", stats.Villages)
		}
		within(t, "households", stats.Households, 3000, 0.15)
		within(t, "residents", stats.Residents, 10000, 0.15)
		db := demo.Stats{
			Villages:       count(t, s, `SELECT count(*) FROM villages`),
			Pieces:         count(t, s, `SELECT count(*) FROM pieces`),
			Groups:         count(t, s, `SELECT count(*) FROM groups`),
			Neighbourhoods: count(t, s, `SELECT count(*) FROM neighbourhoods`),
			Households:     count(t, s, `SELECT count(*) FROM households`),
			Residents:      count(t, s, `SELECT count(*) FROM residents`),
			Leaders:        count(t, s, `SELECT count(*) FROM leaders`),
			Visits:         count(t, s, `SELECT count(*) FROM visits`),
			Cases:          count(t, s, `SELECT count(*) FROM cases`),
			Meetings:       count(t, s, `SELECT count(*) FROM meetings`),
			Contracts:      count(t, s, `SELECT count(*) FROM contract_requests`),
			PointEntries:   count(t, s, `SELECT count(*) FROM point_entries`),
			Campaigns:      count(t, s, `SELECT count(*) FROM selection_campaigns`),
		}
		if db != stats {
			t.Errorf("the database holds %+v, Generate says %+v", db, stats)
		}
		if n := count(t, s, `SELECT count(*) FROM villages WHERE kind = 'community'`); n != 1 {
			t.Errorf("%d communities, want the township seat", n)
		}
	})

	// A year of cases, one for about every six households: every timeline a chain of states ending
	// in the case's own, numbers never repeated, the cases from visits on the visit's household, most
	// settled inside the village, and some still open.
	t.Run("Cases", func(t *testing.T) {
		within(t, "cases", stats.Cases, stats.Households/6, 0.05)
		if n := count(t, s, `SELECT count(*) FROM (SELECT number FROM cases GROUP BY number HAVING count(*) > 1)`); n != 0 {
			t.Errorf("%d case numbers repeated", n)
		}
		broken := count(t, s, `SELECT count(*) FROM case_events e WHERE e.from_state <> coalesce((SELECT p.to_state FROM case_events p
			WHERE p.case_id = e.case_id AND (p.on_date, p.rowid) < (e.on_date, e.rowid) ORDER BY p.on_date DESC, p.rowid DESC LIMIT 1), '')`)
		ends := count(t, s, `SELECT count(*) FROM cases c WHERE c.state <> (SELECT e.to_state FROM case_events e WHERE e.case_id = c.id
			ORDER BY e.on_date DESC, e.rowid DESC LIMIT 1)`)
		if broken != 0 || ends != 0 {
			t.Errorf("%d timeline entries do not follow the one before, %d cases end elsewhere than their timeline", broken, ends)
		}
		if n := count(t, s, `SELECT count(*) FROM cases c JOIN visits v ON v.id = c.visit_id WHERE v.household_id <> c.household_id`); n != 0 {
			t.Errorf("%d cases from a visit to another household", n)
		}
		if n := count(t, s, `SELECT count(*) FROM cases WHERE visit_id <> ''`); n == 0 {
			t.Error("no case came from a visit")
		}
		resolved := count(t, s, `SELECT count(*) FROM cases WHERE resolved_level <> ''`)
		inVillage := count(t, s, `SELECT count(*) FROM cases WHERE resolved_level IN ('邻', '组', '片', '村')`)
		if resolved < stats.Cases/2 || inVillage*100 < resolved*80 || inVillage == resolved {
			t.Errorf("%d of %d cases resolved, %d of them inside the village", resolved, stats.Cases, inVillage)
		}
		if n := count(t, s, `SELECT count(*) FROM cases WHERE state IN ('登记', '受理', '办理中')`); n == 0 {
			t.Error("no case is open")
		}
	})

	t.Run("Meetings", func(t *testing.T) { checkMeetings(t, s, stats) })

	t.Run("Contracts", func(t *testing.T) { checkContracts(t, s, stats) })

	t.Run("Points", func(t *testing.T) { checkPoints(t, s, stats) })
	t.Run("Selections", func(t *testing.T) { checkSelections(t, s) })

	t.Run("IDNumbers", func(t *testing.T) {
		seen := map[string]bool{}
		missing := 0
		for _, r := range query(t, s, `SELECT name, id_number, sex, birth_date FROM residents`) {
			if r[1] == "" {
				missing++
				continue
			}
			id, err := idcard.Parse("idNumber", r[1], dbOf(s).Today())
			if err != nil || id.Region != "430529" || idcard.CheckAgainst("idNumber", id, r[2], r[3]) != nil {
				t.Errorf("%s: ID %s: %v", r[0], r[1], err)
			}
			if seen[r[1]] {
				t.Errorf("ID %s given twice", r[1])
			}
			seen[r[1]] = true
		}
		if share := float64(missing) / float64(stats.Residents); share < 0.01 || share > 0.06 {
			t.Errorf("%.1f%% without an ID number, want about 3%%", share*100)
		}
	})

	t.Run("Households", func(t *testing.T) {
		for _, r := range query(t, s, `SELECT relation, count(*) FROM residents GROUP BY relation`) {
			if !slices.Contains(grid.Relations, r[0]) {
				t.Errorf("relation %q (%s residents) is not one of grid.Relations", r[0], r[1])
			}
		}
		if n := count(t, s, `SELECT count(*) FROM households h WHERE (SELECT count(*) FROM residents r
			WHERE r.household_id = h.id AND r.relation = '户主' AND r.deleted_at IS NULL) <> 1`); n > 0 {
			t.Errorf("%d households without exactly one head", n)
		}
		if n := count(t, s, `SELECT count(*) FROM households h JOIN villages v ON v.id = h.village_id
			WHERE h.address NOT LIKE v.name || '%组%号'`); n > 0 {
			t.Errorf("%d addresses do not read village + group + number", n)
		}
		key := count(t, s, `SELECT count(*) FROM households WHERE is_key`)
		within(t, "key households", key, stats.Households*12/100, 0.3)
		adults := count(t, s, `SELECT count(*) FROM residents WHERE birth_date <= '2008-11-27'`)
		mobiles := count(t, s, `SELECT count(*) FROM residents WHERE birth_date <= '2008-11-27' AND phone LIKE '1%'`)
		party := count(t, s, `SELECT count(*) FROM residents WHERE birth_date <= '2008-11-27' AND party_member`)
		within(t, "adults with a mobile", mobiles, adults*70/100, 0.15)
		within(t, "party members", party, adults*8/100, 0.3)
		miao := count(t, s, `SELECT count(*) FROM residents WHERE ethnicity = '苗族'`)
		han := count(t, s, `SELECT count(*) FROM residents WHERE ethnicity = '汉族'`)
		if miao < han || miao+han < stats.Residents*8/10 {
			t.Errorf("苗族 %d, 汉族 %d of %d", miao, han, stats.Residents)
		}
		mean := float64(stats.Residents) / float64(stats.Households)
		if mean < 3.1 || mean > 3.7 {
			t.Errorf("%.2f members a household, want about 3.4", mean)
		}
	})

	t.Run("NeighbourhoodSizes", func(t *testing.T) {
		out := count(t, s, `SELECT count(*) FROM (SELECT count(*) AS n FROM households GROUP BY neighbourhood_id)
			WHERE n < ? OR n > ?`, grid.MinHouseholds, grid.MaxHouseholds)
		if out == 0 || out > stats.Neighbourhoods/10 {
			t.Errorf("%d of %d neighbourhoods outside %d–%d households: want a few", out, stats.Neighbourhoods,
				grid.MinHouseholds, grid.MaxHouseholds)
		}
	})

	t.Run("Leaders", func(t *testing.T) {
		const inOffice = ` AND deleted_at IS NULL AND term_start <= '2026-11-27' AND term_end = ''`
		if n := count(t, s, `SELECT count(*) FROM neighbourhoods n WHERE NOT EXISTS (SELECT 1 FROM leaders
			WHERE role = 'neighbourhood_leader' AND scope_id = n.id`+inOffice+`)`); n > 0 {
			t.Errorf("%d neighbourhoods without a leader in office", n)
		}
		if n := count(t, s, `SELECT count(*) FROM groups g WHERE NOT EXISTS (SELECT 1 FROM leaders
			WHERE role = 'group_leader' AND scope_id = g.id`+inOffice+`)`); n > 0 {
			t.Errorf("%d groups without a leader", n)
		}
		if n := count(t, s, `SELECT count(*) FROM pieces p WHERE NOT EXISTS (SELECT 1 FROM leaders l
			JOIN leaders c ON c.resident_id = l.resident_id AND c.role = 'committee_member' AND c.scope_id = p.village_id
			WHERE l.role = 'piece_leader' AND l.scope_id = p.id)`); n > 0 {
			t.Errorf("%d pieces without a committee member leading them", n)
		}
		for _, r := range query(t, s, `SELECT v.name, (SELECT count(*) FROM leaders WHERE scope_id = v.id AND role = 'committee_member'),
			(SELECT count(*) FROM leaders WHERE scope_id = v.id AND role = 'legal_adviser') FROM villages v`) {
			if n := atoi(t, r[1]); n < 5 || n > 7 || r[2] != "1" {
				t.Errorf("%s: %s committee members, %s legal advisers", r[0], r[1], r[2])
			}
		}
		for _, r := range query(t, s, `SELECT person_name, phone, count(*), count(resident_id) FROM leaders
			WHERE role = 'legal_adviser' GROUP BY person_name, phone`) {
			if n := atoi(t, r[2]); n < 3 || n > 4 || r[3] != "0" || !strings.HasPrefix(r[1], "0739-") {
				t.Errorf("legal adviser %s (%s) serves %s villages, %s as a resident", r[0], r[1], r[2], r[3])
			}
		}
	})

	t.Run("Cadence", func(t *testing.T) {
		rep, err := s.Cadence(ctx, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		ok := rep.Households - rep.Due - rep.Overdue
		t.Logf("cadence on %s: %d households, %d ok, %d due, %d overdue", rep.Today, rep.Households, ok, rep.Due, rep.Overdue)
		// How many are ok rather than due depends on the day in the period (on the first of a quarter
		// nearly every household is due again); overdue ones stay a minority on any day.
		if rep.Households != stats.Households || rep.Overdue == 0 || rep.Due == 0 || rep.Overdue > rep.Households/4 {
			t.Errorf("want some overdue, some due and mostly ok or due")
		}
		worst := rep.ByLeader[0]
		if worst.Overdue < 3 {
			t.Errorf("the most neglectful leader has only %d households overdue", worst.Overdue)
		}
		never := count(t, s, `SELECT count(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM visits WHERE household_id = h.id AND deleted_at IS NULL)`)
		if never == 0 || never > stats.Households/20 {
			t.Errorf("%d households never visited", never)
		}
		if n := count(t, s, `SELECT count(*) FROM visits WHERE visit_date > ? OR visit_date < ? OR leader_id IS NULL`,
			now.Format("2006-01-02"), now.AddDate(-1, 0, 0).Format("2006-01-02")); n > 0 {
			t.Errorf("%d visits outside the last year or without a leader", n)
		}
	})

	t.Run("RefusesAFullDatabase", func(t *testing.T) {
		_, err := demo.Generate(ctx, s, demo.Township, 1, nil)
		if errs.CodeOf(err) != errs.Conflict {
			t.Errorf("got %v", err)
		}
		_, err = demo.Generate(ctx, s, "province", 1, nil)
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != "scale" {
			t.Errorf("unknown scale: %v", err)
		}
	})

	t.Run("SameSeedSameData", func(t *testing.T) {
		again, _, _ := generate(t, 1)
		for _, q := range []string{residentsQuery, visitsQuery, meetingsQuery, contractsQuery, pointsQuery} {
			a, b := query(t, s, q), query(t, again, q)
			if !slices.EqualFunc(a, b, slices.Equal) {
				t.Errorf("two runs with seed 1 differ: %d and %d rows of %s", len(a), len(b), q)
			}
		}
	})
}

// The data two runs must agree on, in an order that does not depend on ids or insertion.
const (
	residentsQuery = `SELECT r.name, r.id_number, r.phone, h.address, h.tags FROM residents r
		JOIN households h ON h.id = r.household_id ORDER BY 1, 2, 3, 4, 5`
	visitsQuery = `SELECT v.name, h.code, coalesce(group_concat(x.visit_date, ',' ORDER BY x.visit_date), '')
		FROM households h JOIN villages v ON v.id = h.village_id LEFT JOIN visits x ON x.household_id = h.id AND x.deleted_at IS NULL
		GROUP BY h.id ORDER BY 1, 2`
	meetingsQuery = `SELECT m.title, m.held_on, m.state, m.record, m.issue_no, (SELECT group_concat(x.name || x.attendance, ',' ORDER BY x.position)
		FROM meeting_members x WHERE x.meeting_id = m.id), coalesce((SELECT group_concat(r.text || r.votes_for, ',' ORDER BY r.position)
		FROM meeting_resolutions r WHERE r.meeting_id = m.id), '') FROM meetings m ORDER BY 1, 2, 3, 4`
)

func TestParseScale(t *testing.T) {
	for _, name := range []string{"township", "county"} {
		if sc, err := demo.ParseScale(name); err != nil || string(sc) != name {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := demo.ParseScale("Township"); errs.As(err).Field != "scale" {
		t.Errorf("got %v", err)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
