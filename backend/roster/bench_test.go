package roster_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
)

// BenchmarkImport100k: a 100,000-row roster (25 villages), validated and written to a fresh database.
func BenchmarkImport100k(b *testing.B) { benchImport(b, benchRows(), "roster_import_100k") }

// BenchmarkImport200k is BenchmarkImport100k at 200,000 rows, for its peak memory (issue 9: ≤ 300 MB).
func BenchmarkImport200k(b *testing.B) { benchImport(b, 2*benchRows(), "roster_import_200k") }

// benchImport checks and imports an n-row roster into a fresh database and reports, under name, the
// time, the CPU time and the peak memory.
func benchImport(b *testing.B, n int, name string) {
	rows := make([]map[string]string, 0, n)
	for i := 0; i < n; i++ {
		hh := i / 4
		rel := "子"
		if i%4 == 0 {
			rel = "户主"
		}
		rows = append(rows, map[string]string{
			"village": fmt.Sprintf("演示%02d村", hh%25), "piece": fmt.Sprintf("第%d片", hh%3+1),
			"group": fmt.Sprintf("第%d组", hh%9+1), "neighbourhood": fmt.Sprintf("第%d邻", hh%7+1),
			"household_code": fmt.Sprintf("%05d", hh), "head_name": fmt.Sprintf("户主%d", hh), "relation": rel,
			"name": fmt.Sprintf("居民%d", i), "ethnicity": "苗族",
			"phone": fmt.Sprintf("139%08d", i), "address": fmt.Sprintf("%d号", hh), "party_member": "否",
		})
	}
	// ID numbers must be unique: take birth dates day by day from 1930 and serials 0..999 in turn.
	day := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, r := range rows {
		serial := i % 1000
		if serial == 0 && i > 0 {
			day = day.AddDate(0, 0, 1)
		}
		r["id_number"] = validID(day.Format("20060102"), serial)
	}
	path := filepath.Join(b.TempDir(), "roster100k.xlsx")
	if err := sheet.Write(path, rows); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var total time.Duration
	var cpu, peakRSS, peakHeap float64
	for i := 0; i < b.N; i++ {
		g := mustGridB(b)
		runtime.GC()
		debug.FreeOSMemory() // the peak is of this run, not of what an earlier benchmark left mapped
		rssKnown := resetPeakRSS()
		heap := watchHeap()
		cpu0 := cpuSeconds()
		start := time.Now()
		p, err := roster.Check(ctx, g, path)
		if err != nil || p.Valid != n {
			b.Fatalf("check: %v valid %d rejected %d %v", err, p.Valid, p.Rejected, p.Problems[:min(3, len(p.Problems))])
		}
		res, err := roster.Import(ctx, g, p, roster.Options{}, nil)
		if err != nil || res.Added != n {
			b.Fatalf("import: %v %+v", err, res)
		}
		total += time.Since(start)
		cpu += cpuSeconds() - cpu0
		peakHeap = max(peakHeap, heap())
		if rssKnown {
			peakRSS = max(peakRSS, peakRSSMB())
		}
	}
	b.ReportMetric(total.Seconds()/float64(b.N), name+"_rows_s@s")
	// CPU seconds too: on a shared machine they move less than the wall time.
	b.ReportMetric(cpu/float64(b.N), name+"_cpu_s@s")
	// The peak resident set of the process during check and import (Linux: VmHWM, reset before);
	// the peak of live Go heap objects, sampled every 10 ms, everywhere.
	if peakRSS > 0 {
		b.ReportMetric(peakRSS, name+"_peak_mb@MB")
	}
	b.ReportMetric(peakHeap, name+"_peak_heap_mb@MB")
}

// watchHeap samples the bytes of live and not yet swept heap objects every 10 ms until the returned
// function is called; it returns the largest sample in MB.
func watchHeap() func() float64 {
	stop, done := make(chan struct{}), make(chan float64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- float64(peak) / (1 << 20)
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 { close(stop); return <-done }
}

// benchRows is the roster size: 100,000, or XIANGZHI_BENCH_ROWS for profiling a smaller run.
func benchRows() int {
	if s := os.Getenv("XIANGZHI_BENCH_ROWS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
	}
	return 100000
}
