package demo_test

import (
	"testing"
	"time"

	"xiangzhi/backend/demo"
	"xiangzhi/backend/grid"
)

// Benchmarks report their figures as metrics named NAME@UNIT; `make bench` prints them as BENCH lines.

// BenchmarkCounty generates the county scale (300 villages) into a new file per iteration, then
// measures search and the cadence tracker on it (county_bench_test.go).
func BenchmarkCounty(b *testing.B) {
	s := benchScale(b, demo.County, "demo_county")
	b.ReportMetric(dbMB(b, s), "county_db_mb@MB")
	benchCountyQueries(b, s)
	benchCountyCases(b, s)
}

// dbMB is the size of the database in MB (10^6 bytes, as a file manager shows it) as its pages stand,
// WAL included: the size of the file once the WAL is checkpointed.
func dbMB(b *testing.B, s *grid.Service) float64 {
	var pages, size int64
	if err := dbOf(s).SQL().QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		b.Fatal(err)
	}
	if err := dbOf(s).SQL().QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		b.Fatal(err)
	}
	return float64(pages*size) / 1e6
}

// BenchmarkDemoTownship generates the township scale (12 villages) into a new file per iteration.
func BenchmarkDemoTownship(b *testing.B) { dbOf(benchScale(b, demo.Township, "demo_township")).Close() }

// benchScale generates scale b.N times and returns the service over the last database, open.
func benchScale(b *testing.B, scale demo.Scale, name string) *grid.Service {
	var took time.Duration
	var st demo.Stats
	var s *grid.Service
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if s != nil {
			dbOf(s).Close()
		}
		s = openService(b, b.TempDir())
		b.StartTimer()
		start := time.Now()
		var err error
		if st, err = demo.Generate(ctx, s, scale, 1, nil); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
	}
	b.ReportMetric(took.Seconds()/float64(b.N), name+"_s@s")
	for _, m := range []struct {
		what string
		n    int
	}{{"villages", st.Villages}, {"neighbourhoods", st.Neighbourhoods}, {"households", st.Households},
		{"residents", st.Residents}, {"leaders", st.Leaders}, {"visits", st.Visits}} {
		b.ReportMetric(float64(m.n), name+"_"+m.what+"@rows")
	}
	rows := st.Villages + st.Pieces + st.Groups + st.Neighbourhoods + st.Households + st.Residents + st.Leaders + st.Visits
	b.ReportMetric(float64(rows)*float64(b.N)/took.Seconds(), name+"_rows_per_s@rows/s")
	return s
}
