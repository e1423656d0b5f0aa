package demo_test

import (
	"testing"
	"time"

	"xiangzhi/backend/points"
	"xiangzhi/backend/store"
)

// BenchmarkPointsCounty measures, on a copy of the county demo database (XIANGZHI_COUNTY_DB, which make
// bench builds), a village's 道德超市 ledger as its screen lists it: every household with points and
// its balance (points.Service.Balances), the 95th percentile over the 40 villages with the most entries.
// A database made before the merit shops existed would mean nothing; the benchmark says how to make it
// again.
func BenchmarkPointsCounty(b *testing.B) { onCountyCopies(b, benchCountyPoints) }

func benchCountyPoints(b *testing.B, db *store.DB, src string) {
	rows, err := db.SQL().Query(`SELECT village_id FROM point_entries WHERE deleted_at IS NULL
		GROUP BY village_id ORDER BY count(*) DESC LIMIT 40`)
	if err != nil {
		b.Fatal(err)
	}
	var villages []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			b.Fatal(err)
		}
		villages = append(villages, v)
	}
	rows.Close()
	if len(villages) == 0 {
		b.Fatalf("the county database %s holds no 道德超市 entries: it was made before they existed. Make it again: "+
			"rm build/demo/xiangzhi-county.db && make county-db", src)
	}
	s := points.NewService(db, nil)
	var took []float64
	households := 0
	for _, v := range villages {
		start := time.Now()
		list, err := s.Balances(ctx, v)
		took = append(took, ms(time.Since(start)))
		if err != nil || len(list) == 0 {
			b.Fatalf("balances of %s: %d %v", v, len(list), err)
		}
		households = max(households, len(list))
	}
	b.ReportMetric(percentile(took, 95), "points_balances_county_ms@ms")
	b.ReportMetric(float64(households), "points_households_largest_village@rows")
}
