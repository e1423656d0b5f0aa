package demo_test

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// benchCountyQueries measures, on the county database, the searches an officer makes (full name,
// pinyin initials, full pinyin, the last or first digits of an ID, the last digits of a phone, a
// birth date, a name and a village) beside the same searches done with LIKE '%…%' scans, and the
// whole county's cadence tracker.
func benchCountyQueries(b *testing.B, s *grid.Service) {
	b.StopTimer()
	queries := sampleQueries(b, s, 240)
	var fast, scan, twoWords []float64
	for i, q := range queries {
		start := time.Now()
		hits, err := s.Search(ctx, q, 50)
		if err != nil || len(hits) == 0 {
			b.Fatalf("Search(%q): %d hits, %v", q, len(hits), err)
		}
		fast = append(fast, ms(time.Since(start)))
		if strings.Contains(q, " ") {
			twoWords = append(twoWords, fast[len(fast)-1])
		}
		if i%8 == i/8%8 { // the LIKE scan takes a second or so: one query of each kind in eight
			start = time.Now()
			likeScan(b, s, q)
			scan = append(scan, ms(time.Since(start)))
		}
	}
	p95, likeP95 := percentile(fast, 95), percentile(scan, 95)
	b.ReportMetric(p95, "search_p95_ms_county@ms")
	b.ReportMetric(likeP95, "search_like_scan_p95_ms_county@ms")
	b.ReportMetric(likeP95/p95, "search_like_vs_index_ratio@x")
	b.ReportMetric(percentile(twoWords, 95), "search_name_and_place_p95_ms_county@ms")

	var cadence []float64
	for i := 0; i < 3; i++ {
		start := time.Now()
		rep, err := s.Cadence(ctx, "", 200)
		if err != nil || rep.Households == 0 {
			b.Fatalf("cadence: %v %d", err, rep.Households)
		}
		cadence = append(cadence, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(cadence, 50), "overdue_visits_ms_county@ms")

	// The first page of the audit log, which the home screen shows at start (its total included).
	var audit []float64
	for i := 0; i < 3; i++ {
		start := time.Now()
		if p, err := dbOf(s).Audit(ctx, 0, 20); err != nil || p.Total == 0 {
			b.Fatalf("audit: %v %d", err, p.Total)
		}
		audit = append(audit, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(audit, 50), "audit_first_page_ms_county@ms")

	// The log filtered (设置 → 操作日志): one kind of record and one action, and the same with a day
	// range — each a first page with the count of all it picks, which scans the log.
	var filtered []float64
	for _, q := range []store.AuditQuery{
		{Limit: 20, Table: "households", Action: "insert"},
		{Limit: 20, Table: "residents", Action: "update", From: "2026-01-01T00:00:00Z", To: "2027-01-01T00:00:00Z"},
		{Limit: 20, Operator: "没有此人"},
	} {
		start := time.Now()
		if _, err := dbOf(s).FindAudit(ctx, q); err != nil {
			b.Fatalf("audit %+v: %v", q, err)
		}
		filtered = append(filtered, ms(time.Since(start)))
	}
	b.ReportMetric(percentile(filtered, 100), "audit_filtered_max_ms_county@ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(v []float64, p int) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[(len(s)*p+99)/100-1]
}

// sampleQueries picks residents at random and makes from each the query of one kind, in turn.
func sampleQueries(b *testing.B, s *grid.Service, n int) []string {
	rows, err := dbOf(s).SQL().Query(`SELECT r.name, r.name_pinyin, r.name_initials, r.id_number, r.phone, v.name
		FROM residents r JOIN households h ON h.id = r.household_id JOIN villages v ON v.id = h.village_id
		WHERE r.id_number <> '' AND r.phone <> '' AND r.deleted_at IS NULL ORDER BY r.id LIMIT 20000`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var people [][6]string
	for rows.Next() {
		var p [6]string
		rows.Scan(&p[0], &p[1], &p[2], &p[3], &p[4], &p[5])
		people = append(people, p)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var out []string
	for i := 0; i < n; i++ {
		p := people[rng.IntN(len(people))]
		switch i % 8 {
		case 0:
			out = append(out, p[0]) // 张三
		case 1:
			out = append(out, p[2]) // zs
		case 2:
			out = append(out, p[1][:min(len(p[1]), 6)]) // zhangs
		case 3:
			out = append(out, p[3][12:]) // the last six digits of the ID
		case 4:
			out = append(out, p[3][:10]) // region and birth year and month
		case 5:
			out = append(out, p[3][6:14]) // the birth date inside the ID
		case 6:
			out = append(out, p[0]+" "+[]string{p[5][:6], p[5]}[i%2]) // 张三 丹口 or 张三 丹口村
		default:
			out = append(out, p[4][7:]) // the last four digits of the phone
		}
	}
	return out
}

// likeScan runs the search the way a plain LIKE '%…%' over every searchable column would.
func likeScan(b *testing.B, s *grid.Service, q string) {
	pat := "%" + strings.ToLower(q) + "%"
	rows, err := dbOf(s).SQL().Query(`SELECT r.id, r.name, h.address FROM residents r JOIN households h ON h.id = r.household_id
		WHERE r.deleted_at IS NULL AND (r.name LIKE ?1 OR r.name_pinyin LIKE ?1 OR r.name_initials LIKE ?1
		  OR r.id_number LIKE ?1 OR r.phone LIKE ?1 OR h.address LIKE ?1)
		ORDER BY r.name_pinyin LIMIT 50`, pat)
	if err != nil {
		b.Fatal(fmt.Errorf("like scan: %w", err))
	}
	for rows.Next() {
	}
	rows.Close()
}
