package demo_test

import (
	"testing"
	"time"

	"xiangzhi/backend/contracts"
	"xiangzhi/backend/store"
)

// BenchmarkContractsCounty measures the contract reviews on the county demo database
// (XIANGZHI_COUNTY_DB, which make bench builds), on a copy of it (openCountyCopy).
func BenchmarkContractsCounty(b *testing.B) { onCountyCopies(b, benchCountyContracts) }

// benchCountyContracts measures 首页's contract alerts over the whole county (contracts.Service.Alerts:
// the reviews past their deadline, and the ends, renewal notice dates and payments of the signed
// contracts in the days ahead; the median of seven). A database without requests for review was made
// before they existed: its figure would mean nothing, and the benchmark says how to make it again.
func benchCountyContracts(b *testing.B, db *store.DB, path string) {
	b.StopTimer()
	var villages, requests, signed int
	if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM villages WHERE deleted_at IS NULL),
		(SELECT count(*) FROM contract_requests WHERE deleted_at IS NULL),
		(SELECT count(*) FROM contract_requests WHERE deleted_at IS NULL AND state = '已签订')`).Scan(&villages, &requests, &signed); err != nil {
		b.Fatal(err)
	}
	if requests == 0 {
		b.Fatalf("the county database %s holds no contract reviews: it was made before they existed. Make it again: "+
			"rm build/demo/xiangzhi-county.db && make county-db", path)
	}
	if villages < 300 {
		b.Fatalf("the county database %s has %d villages: the figures are for 300", path, villages)
	}
	b.ReportMetric(float64(requests), "county_contract_requests@rows")
	s := contracts.NewService(db, nil)
	var runs []float64
	alerts := 0
	for i := 0; i < 7; i++ {
		start := time.Now()
		list, err := s.Alerts(ctx)
		if err != nil {
			b.Fatalf("alerts: %v", err)
		}
		runs = append(runs, ms(time.Since(start)))
		alerts = len(list)
	}
	if alerts == 0 {
		b.Fatalf("no contract alerts in the county (%d requests, %d signed)", requests, signed)
	}
	b.ReportMetric(float64(alerts), "county_contract_alerts@rows")
	b.ReportMetric(percentile(runs, 50), "contract_alerts_county_ms@ms")
}
