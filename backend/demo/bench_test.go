package demo_test

import (
	"testing"
	"time"

	"xiangzhi/backend/demo"
)

// Benchmarks report their figures as metrics named NAME@UNIT; `make bench` prints them as BENCH lines.

// BenchmarkDemoCounty generates the county scale (300 villages) into a new file per iteration.
func BenchmarkDemoCounty(b *testing.B) { benchScale(b, demo.County, "demo_county") }

// BenchmarkDemoTownship generates the township scale (12 villages) into a new file per iteration.
func BenchmarkDemoTownship(b *testing.B) { benchScale(b, demo.Township, "demo_township") }

func benchScale(b *testing.B, scale demo.Scale, name string) {
	var took time.Duration
	var st demo.Stats
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openService(b, b.TempDir())
		b.StartTimer()
		start := time.Now()
		var err error
		if st, err = demo.Generate(ctx, s, scale, 1, nil); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		s.DB.Close()
		b.StartTimer()
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
}
