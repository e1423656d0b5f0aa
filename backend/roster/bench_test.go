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
		birth := fmt.Sprintf("19%02d%02d%02d", 30+i%70, 1+i%12, 1+i%28)
		rows = append(rows, map[string]string{
			"village": fmt.Sprintf("演示%02d村", hh%25), "piece": fmt.Sprintf("第%d片", hh%3+1),
			"group": fmt.Sprintf("第%d组", hh%9+1), "neighbourhood": fmt.Sprintf("第%d邻", hh%7+1),
			"household_code": fmt.Sprintf("%05d", hh), "head_name": fmt.Sprintf("户主%d", hh), "relation": rel,
			"name": fmt.Sprintf("居民%d", i), "id_number": validID(birth, i%1000), "ethnicity": "苗族",
			"phone": fmt.Sprintf("139%08d", i), "address": fmt.Sprintf("%d号", hh), "party_member": "否",
		})
	}
	// ID numbers must be unique: the serial above repeats, so make them unique by birth date and serial.
	seen := map[string]bool{}
	for i, r := range rows {
		for seen[r["id_number"]] {
			r["id_number"] = validID(r["id_number"][6:14], (i*7+len(seen))%1000)
		}
		seen[r["id_number"]] = true
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
		res, err := roster.Import(ctx, g, p, roster.Options{})
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
