package roster_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster"
	"xiangzhi/backend/roster/sheet"
)

// BenchmarkAllRejected1M checks a 1,000,000-row roster whose ID column Excel stored as numbers (every
// row is wrong) and writes its problem report, as `roster import --report` does: the time until the
// officer has the answer (roster_all_rejected_1m_rows_s, aim ≤ 20 s) and the peak memory. More rows
// than sheet.MaxSheetRows: the answer is the refusal, which comes when the sheet's verification
// passes that row.
func BenchmarkAllRejected1M(b *testing.B) {
	benchAllRejected(b, 1_000_000, "roster_all_rejected_1m")
}

// BenchmarkAllRejectedMax is BenchmarkAllRejected1M at the most rows a roster may have: every row is
// read, checked and counted, and the report lists the first roster.MaxProblems problems.
func BenchmarkAllRejectedMax(b *testing.B) {
	// (the header row counts among the sheet's rows)
	benchAllRejected(b, sheet.MaxSheetRows-1, fmt.Sprintf("roster_all_rejected_%dk", sheet.MaxSheetRows/1000))
}

func benchAllRejected(b *testing.B, n int, name string) {
	dir := b.TempDir()
	path := filepath.Join(dir, "numbers.xlsx")
	numericIDBook(b, path, n)
	b.ResetTimer()
	var total time.Duration
	var peak float64
	for i := 0; i < b.N; i++ {
		g := mustGridB(b)
		runtime.GC()
		debug.FreeOSMemory()
		rssKnown := resetPeakRSS()
		heap := watchHeap()
		start := time.Now()
		p, err := roster.Check(ctx, g, path)
		switch {
		case n > sheet.MaxSheetRows:
			if err == nil || !strings.Contains(err.Error(), "行") {
				b.Fatalf("a sheet of %d rows: %v", n, err)
			}
		case err != nil:
			b.Fatal(err)
		case p.Rejected != n || p.ProblemCount != n:
			b.Fatalf("rejected %d, problems %d of %d rows", p.Rejected, p.ProblemCount, n)
		default:
			if err := p.WriteReport(filepath.Join(dir, fmt.Sprintf("report%d.xlsx", i))); err != nil {
				b.Fatal(err)
			}
		}
		total += time.Since(start)
		peak = max(peak, heap())
		if rssKnown {
			peak = max(peak, peakRSSMB())
		}
	}
	b.ReportMetric(total.Seconds()/float64(b.N), name+"_rows_s@s")
	b.ReportMetric(peak, name+"_peak_mb@MB")
}

// numericIDBook writes an n-row roster (村, 组, 姓名, 身份证号) with the ID numbers stored as numbers.
func numericIDBook(b *testing.B, path string, n int) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"村（社区）", "组", "姓名", "身份证号"}); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i++ {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{fmt.Sprintf("演示%02d村", i%25), fmt.Sprintf("第%d组", i%9+1), fmt.Sprintf("居民%d", i), 431129190001010000 + float64(i)}
		if err := sw.SetRow(ref, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}
