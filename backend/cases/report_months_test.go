package cases_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// monthTables reads the month tables (migration 0023), rows with cases only, as text to compare.
func monthTables(t *testing.T, db *store.DB, kinds, villages string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, q := range []string{kinds, villages} {
		rows, err := db.SQL().Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols))
			p := make([]any, len(cols))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprint(v...)] = true
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// checkMonthTables compares the month tables, kept by triggers, with the live cases counted afresh.
func checkMonthTables(t *testing.T, db *store.DB, when string) {
	t.Helper()
	got := monthTables(t, db,
		`SELECT 'k', month, state, category, source, cases, resolved, in_village, on_time, followed_up, satisfied
		 FROM case_month_kinds WHERE cases <> 0`,
		`SELECT 'v', month, village_id, cases, resolved, in_village FROM case_month_villages WHERE cases <> 0`)
	want := monthTables(t, db,
		`SELECT 'k', substr(registered_on, 1, 7), state, category, source, count(*), sum(resolved_on <> ''),
		   sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), sum(resolved_on <> '' AND resolved_on <= deadline),
		   sum(satisfaction <> ''), sum(satisfaction IN ('满意', '基本满意'))
		 FROM cases WHERE deleted_at IS NULL GROUP BY 2, 3, 4, 5`,
		`SELECT 'v', substr(registered_on, 1, 7), village_id, count(*), sum(resolved_on <> ''),
		   sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村'))
		 FROM cases WHERE deleted_at IS NULL GROUP BY 2, 3`)
	for k := range want {
		if !got[k] {
			t.Fatalf("%s: the month tables lack %q", when, k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Fatalf("%s: the month tables hold %q, the cases do not", when, k)
		}
	}
	var negative int
	if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM case_month_kinds WHERE min(cases, resolved, in_village, on_time,
		followed_up, satisfied) < 0) + (SELECT count(*) FROM case_month_villages WHERE min(cases, resolved, in_village) < 0)`).
		Scan(&negative); err != nil || negative != 0 {
		t.Fatalf("%s: %d rows below zero (%v)", when, negative, err)
	}
}

// The 统计 screen reads whole months from the month tables and the days of a month in part from the
// cases: for cases registered over fifteen months, taken round the loop, reopened, tombstoned and
// restored, moved to another village, month and category, the tables follow every change, and the
// county's figures for any period — whole months, parts of months, a single day, no bound, a period
// backwards — are those counted from the cases themselves.
func TestReportMonthsAgreeWithCases(t *testing.T) {
	s, db, _ := open(t, day("2026-11-27"))
	g := grid.NewService(db, nil)
	var villages []string
	for _, name := range []string{"丹口村", "白水村", "桃林村"} {
		vid, err := g.CreateNode(ctx, grid.NodeInput{Level: grid.LevelVillage, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		villages = append(villages, vid)
	}
	villages = append(villages, "") // a case of no village
	checkMonthTables(t, db, "none yet")

	rng := rand.New(rand.NewPCG(8, 23))
	categories := []string{"矛盾纠纷", "民生诉求", "政策咨询", "环境卫生"}
	sources := []string{"走访", "来访", "电话"}
	randomDay := func() string { // 2025-09-01 … 2026-11-27
		d := day("2025-09-01").AddDate(0, 0, rng.IntN(453))
		return d.Format("2006-01-02")
	}
	var ids []string
	for i := 0; i < 90; i++ {
		on := randomDay()
		id, _, err := s.Register(ctx, cases.Input{Source: sources[rng.IntN(len(sources))], Category: categories[rng.IntN(len(categories))],
			Summary: "事项", VillageID: villages[rng.IntN(len(villages))], RegisteredOn: on, PersonName: "杨秀英"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		// Round the loop as far as chance takes it, on the day of registration (never after today).
		steps := []cases.Step{{Action: cases.ActAccept, Date: on}}
		switch rng.IntN(6) {
		case 0:
			steps = []cases.Step{{Action: cases.ActReject, Note: "不属受理范围", Date: on}}
			if rng.IntN(2) == 0 {
				steps = append(steps, cases.Step{Action: cases.ActArchive, Date: on})
			}
		case 1: // stays 受理
		case 2:
			steps = append(steps, cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "需协调", Date: on},
				cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: on}, cases.Step{Action: cases.ActResolve, Note: "已办", Date: on})
		default:
			steps = append(steps, cases.Step{Action: cases.ActStart, Handler: "蓝建国", Date: on}, cases.Step{Action: cases.ActResolve, Note: "已办", Date: on})
			satisfaction := []string{"满意", "基本满意", "不满意"}[rng.IntN(3)]
			steps = append(steps, cases.Step{Action: cases.ActFollowUp, Satisfaction: satisfaction, Note: "已回访", Date: on})
			if satisfaction != "不满意" && rng.IntN(2) == 0 {
				steps = append(steps, cases.Step{Action: cases.ActArchive, Date: on})
			}
		}
		for _, st := range steps {
			c, _ := s.Get(ctx, id)
			if st.Action == cases.ActResolve && c.Category == cases.CategoryDispute {
				st.Mediation = []string{cases.MediationAgreed, cases.MediationFailed}[rng.IntN(2)]
			}
			if err := s.Act(ctx, id, st); err != nil {
				t.Fatalf("%s (%s): %v", st.Action, c.State, err)
			}
		}
	}
	checkMonthTables(t, db, "cases registered and acted on")

	// Changes the screens do not make but an exchange or a ledger import may: another village, month
	// or category; a tombstone, and a row restored.
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i, id := range ids[:30] {
			v := store.Values{}
			switch i % 5 {
			case 0:
				v["village_id"] = villages[(i/5)%len(villages)]
			case 1:
				v["registered_on"] = randomDay()
			case 2:
				v["category"] = "基础设施"
			case 3:
				if err := tx.Delete("cases", id); err != nil {
					return err
				}
				continue
			case 4:
				if err := tx.Delete("cases", id); err != nil {
					return err
				}
				if err := tx.Restore("cases", id); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.Update("cases", id, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkMonthTables(t, db, "cases changed, tombstoned and restored")

	periods := [][2]string{{"", ""}, {"2026-01-01", "2026-11-27"}, {"2025-12-04", "2026-11-27"}, {"2026-03-01", "2026-03-31"},
		{"2026-03-15", "2026-03-15"}, {"2026-02-10", "2026-05-20"}, {"2026-02-10", "2026-03-05"}, {"", "2026-02-14"},
		{"2026-02-14", ""}, {"2026-05-01", ""}, {"", "2026-04-30"}, {"2026-06-30", "2026-06-01"}, {"2025-09-01", "2025-09-30"}}
	for i := 0; i < 30; i++ {
		a, b := randomDay(), randomDay()
		if a > b && i%6 != 0 {
			a, b = b, a
		}
		periods = append(periods, [2]string{a, b})
	}
	for _, p := range periods {
		r, err := s.Report(ctx, p[0], p[1], "")
		if p[0] != "" && p[1] != "" && p[0] > p[1] { // a period reversed is refused (TestReversedPeriodRefused)
			if errs.CodeOf(err) != errs.Invalid {
				t.Errorf("%s…%s: %v", p[0], p[1], err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{"registered": r.Registered, "rejected": r.Rejected, "resolved": r.Resolved, "inVillage": r.InVillage,
			"onTime": r.OnTime, "followedUp": r.FollowedUp, "satisfied": r.Satisfied}
		for _, x := range r.ByState {
			if x.Cases != 0 {
				got["state "+x.Name] = x.Cases*1000 + x.Resolved
			}
		}
		for _, group := range []struct {
			name string
			list []cases.Tally
		}{{"category", r.ByCategory}, {"source", r.BySource}, {"month", r.ByMonth}} {
			for _, x := range group.list {
				got[group.name+" "+x.Name] = x.Cases*1000 + x.Resolved
			}
		}
		for i := 1; i < len(r.ByMonth); i++ {
			if r.ByMonth[i-1].Name >= r.ByMonth[i].Name {
				t.Fatalf("%v: months out of order: %+v", p, r.ByMonth)
			}
		}
		for _, x := range r.ByVillage {
			if x.Cases != 0 {
				got["village "+x.VillageID] = x.Cases*1000000 + x.Resolved*1000 + x.InVillage
			}
		}
		if st, err := s.Statistics(ctx, p[0], p[1], ""); err != nil || st != r.Stats {
			t.Fatalf("%v: Statistics %+v (%v), the report's %+v", p, st, err, r.Stats)
		}

		want := map[string]int{}
		where, args := "deleted_at IS NULL", []any{}
		if p[0] != "" {
			where, args = where+" AND registered_on >= ?", append(args, p[0])
		}
		if p[1] != "" {
			where, args = where+" AND registered_on <= ?", append(args, p[1])
		}
		rows, err := db.SQL().Query(`SELECT state, category, source, substr(registered_on, 1, 7), village_id,
			resolved_on <> '', resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村'), resolved_on <> '' AND resolved_on <= deadline,
			satisfaction <> '', satisfaction IN ('满意', '基本满意') FROM cases WHERE `+where, args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var state, category, source, month, village string
			var resolved, inside, onTime, followed, satisfied int
			if err := rows.Scan(&state, &category, &source, &month, &village, &resolved, &inside, &onTime, &followed, &satisfied); err != nil {
				t.Fatal(err)
			}
			want["registered"]++
			want["resolved"] += resolved
			want["inVillage"] += inside
			want["onTime"] += onTime
			want["followedUp"] += followed
			want["satisfied"] += satisfied
			if state == cases.StateRejected || state == cases.StateArchived && resolved == 0 {
				want["rejected"]++
			}
			for _, k := range []string{"state " + state, "category " + category, "source " + source, "month " + month} {
				want[k] += 1000 + resolved
			}
			want["village "+village] += 1000000 + resolved*1000 + inside
		}
		rows.Close()
		for _, k := range []string{"registered", "rejected", "resolved", "inVillage", "onTime", "followedUp", "satisfied"} {
			if _, ok := want[k]; !ok {
				want[k] = 0
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%v: the report %v, the cases %v", p, got, want)
		}
		for k, n := range want {
			if got[k] != n {
				t.Fatalf("%v: %s is %d in the report, %d from the cases\nreport %v\ncases %v", p, k, got[k], n, got, want)
			}
		}
	}
}
