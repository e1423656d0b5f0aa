package roster_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
)

// BenchmarkImport100k: a 100,000-row roster (25 villages), validated and written to a fresh database.
func BenchmarkImport100k(b *testing.B) {
	n := benchRows()
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
	for i := 0; i < b.N; i++ {
		g := mustGridB(b)
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
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "roster_import_100k_rows_s@s")
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
