package demo_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
)

// caseSearch is one search an officer makes on 民情: words and the filters beside them.
type caseSearch struct {
	q   cases.Query
	why string
}

// benchCountyCases measures, on the county's cases (over 200,000), the 民情 list searched by words of
// one to five characters with filters (the first page and the count of all it finds) beside the same
// searches done with LIKE '%…%' on every text column; filtered and sorted pages deep into a list; and
// the whole 统计 screen for a year.
func benchCountyCases(b *testing.B, s *grid.Service) {
	b.StopTimer()
	cs := cases.NewService(dbOf(s), nil)
	var total int
	if err := dbOf(s).SQL().QueryRow(`SELECT count(*) FROM cases WHERE deleted_at IS NULL`).Scan(&total); err != nil || total < 200000 {
		b.Fatalf("the county has %d cases (%v): the figures are for at least 200,000", total, err)
	}
	b.ReportMetric(float64(total), "county_cases@rows")
	searches := sampleCaseSearches(b, s, 120)
	var fast, like []float64
	for i, cq := range searches {
		start := time.Now()
		p, err := cs.List(ctx, cq.q)
		if err != nil {
			b.Fatalf("%s %+v: %v", cq.why, cq.q, err)
		}
		fast = append(fast, ms(time.Since(start)))
		if i%3 == 0 { // the LIKE scans are slow: one search in three
			start = time.Now()
			n := likeCases(b, s, cq.q)
			like = append(like, ms(time.Since(start)))
			if n != p.Total {
				b.Fatalf("%s %+v: the index finds %d, LIKE %d", cq.why, cq.q, p.Total, n)
			}
		}
	}
	p95, likeP95 := percentile(fast, 95), percentile(like, 95)
	b.ReportMetric(p95, "case_search_p95_ms@ms")
	b.ReportMetric(likeP95, "case_search_like_p95_ms@ms")
	b.ReportMetric(likeP95/p95, "case_search_like_vs_index_ratio@x")

	// Pages deep into filtered, sorted lists (the 民情 list paged to its 20th–100th page).
	rng := rand.New(rand.NewPCG(3, 4))
	villages := villageIDs(b, s)
	sorts := []string{"registeredOn", "deadline", "number", "summary", "handler", "category", "state"}
	var pages []float64
	for i := 0; i < 60; i++ {
		q := cases.Query{Sort: sorts[i%len(sorts)], Desc: i%2 == 0, Limit: 50, Offset: 50 * (20 + rng.IntN(80))}
		switch i % 4 {
		case 0:
			q.State = "open"
		case 1:
			q.Category = []string{"矛盾纠纷", "民生诉求", "政策咨询", "环境卫生"}[rng.IntN(4)]
		case 2:
			q.VillageID, q.Offset = villages[rng.IntN(len(villages))], 50*rng.IntN(10) // a village has a few hundred
		default:
			q.From, q.To = "2026-01-01", "2026-06-30"
		}
		start := time.Now()
		if _, err := cs.List(ctx, q); err != nil {
			b.Fatalf("%+v: %v", q, err)
		}
		pages = append(pages, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(pages, 95), "case_list_page_p95_ms@ms")

	// The 统计 screen for the last year, the whole county.
	today := dbOf(s).Today()
	from, to := today.AddDate(-1, 0, 1).Format(time.DateOnly), today.Format(time.DateOnly)
	var stats []float64
	for i := 0; i < 3; i++ {
		start := time.Now()
		r, err := cs.Report(ctx, from, to, "")
		if err != nil || r.Registered == 0 || len(r.ByVillage) < 300 {
			b.Fatalf("report: %v %d cases %d villages", err, r.Registered, len(r.ByVillage))
		}
		stats = append(stats, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(stats, 50), "stats_county_ms@ms")

	// The same screen's card of the meetings held that year: their members present of those due.
	meets := meetings.NewService(dbOf(s), nil)
	var held []float64
	for i := 0; i < 3; i++ {
		start := time.Now()
		h, err := meets.HeldIn(ctx, from, to, "")
		if err != nil || h.Total == 0 || h.Members == 0 {
			b.Fatalf("meetings held: %+v %v", h, err)
		}
		held = append(held, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(held, 50), "stats_meetings_held_county_ms@ms")
}

// sampleCaseSearches makes searches from the text of cases picked at random: a word of one to five
// characters from a summary or description, or a person's name, or part of a number, alone or with a
// filter of state, category, village, period or card.
func sampleCaseSearches(b *testing.B, s *grid.Service, n int) []caseSearch {
	rows, err := dbOf(s).SQL().Query(`SELECT summary, description, person_name, number, village_id, category
		FROM cases WHERE deleted_at IS NULL ORDER BY id LIMIT 5000`)
	if err != nil {
		b.Fatal(err)
	}
	var picked [][6]string
	for rows.Next() {
		var c [6]string
		rows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5])
		picked = append(picked, c)
	}
	rows.Close()
	rng := rand.New(rand.NewPCG(5, 6))
	word := func(text string, size int) string {
		r := []rune(text)
		if len(r) <= size {
			return text
		}
		i := rng.IntN(len(r) - size + 1)
		return string(r[i : i+size])
	}
	var out []caseSearch
	for i := 0; i < n; i++ {
		c := picked[rng.IntN(len(picked))]
		size := 1 + i%5
		cs := caseSearch{q: cases.Query{Text: word(c[rng.IntN(2)], size), Limit: 50}, why: fmt.Sprintf("%d characters", size)}
		switch i / 5 % 6 {
		case 0:
		case 1:
			cs.q.VillageID, cs.why = c[4], cs.why+" in a village"
		case 2:
			cs.q.State, cs.why = "open", cs.why+" open"
		case 3:
			cs.q.Category, cs.why = c[5], cs.why+" of a category"
		case 4:
			cs.q.From, cs.q.To, cs.why = "2026-03-01", "2026-09-30", cs.why+" in a period"
		default:
			cs.q.Text, cs.why = c[2]+" "+word(c[0], 2), "a name and a word"
			if i%2 == 0 {
				cs.q.Text, cs.why = c[3][len(c[3])-7:], "a number's year and sequence"
			}
		}
		out = append(out, cs)
	}
	return out
}

// likeCases counts the cases a query picks with LIKE '%…%' on every text column instead of the index.
func likeCases(b *testing.B, s *grid.Service, q cases.Query) int {
	conds := []string{"deleted_at IS NULL"}
	var args []any
	for col, v := range map[string]string{"village_id": q.VillageID, "category": q.Category} {
		if v != "" {
			conds = append(conds, col+" = ?")
			args = append(args, v)
		}
	}
	if q.State == "open" {
		conds = append(conds, "state IN ('登记', '受理', '办理中')")
	}
	if q.From != "" {
		conds = append(conds, "registered_on BETWEEN ? AND ?")
		args = append(args, q.From, q.To)
	}
	for _, w := range strings.Fields(q.Text) {
		conds = append(conds, "(number LIKE ? OR summary LIKE ? OR description LIKE ? OR location LIKE ? OR person_name LIKE ?)")
		for range 5 {
			args = append(args, "%"+w+"%")
		}
	}
	where := strings.Join(conds, " AND ")
	var n int
	if err := dbOf(s).SQL().QueryRow(`SELECT count(*) FROM cases WHERE `+where, args...).Scan(&n); err != nil {
		b.Fatal(err)
	}
	rows, err := dbOf(s).SQL().Query(`SELECT id FROM cases WHERE `+where+` ORDER BY registered_on DESC, number DESC LIMIT 50`, args...)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
	return n
}

// villageIDs are the ids of the live villages.
func villageIDs(b *testing.B, s *grid.Service) []string {
	rows, err := dbOf(s).SQL().Query(`SELECT id FROM villages WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		out = append(out, id)
	}
	return out
}
