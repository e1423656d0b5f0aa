package sheet_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster/sheet"
)

const benchRows = 100000

// BenchmarkRead100k reads a 100,000-row, 17-column roster exported by Write (which uses the
// StreamWriter).
func BenchmarkRead100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "export.xlsx")
	if err := sheet.Write(path, sampleRows(benchRows)); err != nil {
		b.Fatal(err)
	}
	benchRead(b, path, "sheet_read_100k_export_s")
}

// BenchmarkRead100kForeign reads a 100,000-row, 17-column roster written with the StreamWriter
// by some other program (inline strings, the slowest kind to parse): it has numbers and dates in
// it, whose stored values are read too. Both it and the next are within what the fast reader knows.
func BenchmarkRead100kForeign(b *testing.B) {
	benchRead(b, foreignBook(b, true), "sheet_read_100k_inline_s")
}

// BenchmarkRead100kShared is BenchmarkRead100kForeign with the text in a shared string table,
// as Excel and WPS save it.
func BenchmarkRead100kShared(b *testing.B) {
	benchRead(b, foreignBook(b, false), "sheet_read_100k_shared_s")
}

// foreignBook writes a 100,000-row roster with dates and phone numbers stored as numbers, with
// the StreamWriter (stream) or cell by cell (shared strings).
func foreignBook(b *testing.B, stream bool) string {
	path := filepath.Join(b.TempDir(), "foreign.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	var sw *excelize.StreamWriter
	if stream {
		if sw, err = f.NewStreamWriter("Sheet1"); err != nil {
			b.Fatal(err)
		}
	}
	put := func(n int, row []any) {
		ref, _ := excelize.CoordinatesToCellName(1, n)
		if stream {
			err = sw.SetRow(ref, row)
		} else {
			err = f.SetSheetRow("Sheet1", ref, &row)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	header := make([]any, len(sheet.Columns))
	for i, c := range sheet.Columns {
		header[i] = c.Header
	}
	put(1, header)
	for i, r := range sampleRows(benchRows) {
		row := make([]any, len(sheet.Columns))
		for j, c := range sheet.Columns {
			switch c.Key {
			case "birth_date":
				row[j] = 29353 + i%9000
				if stream {
					row[j] = excelize.Cell{StyleID: date, Value: row[j]}
				}
			case "phone":
				row[j] = 13800000000 + i
			default:
				row[j] = r[c.Key]
			}
		}
		put(i+2, row)
	}
	if stream {
		err = sw.Flush()
	} else {
		err = f.SetColStyle("Sheet1", letterOf("birth_date"), date)
	}
	if err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// letterOf returns the template column letter of key.
func letterOf(key string) string {
	for i, c := range sheet.Columns {
		if c.Key == key {
			l, _ := excelize.ColumnNumberToName(i + 1)
			return l
		}
	}
	return ""
}

func benchRead(b *testing.B, path string, name string) {
	b.Helper()
	b.ResetTimer()
	defer reportCPU(b)()
	start := time.Now()
	defer func() { b.ReportMetric(time.Since(start).Seconds()/float64(b.N), name+"@s") }()
	for i := 0; i < b.N; i++ {
		s, err := sheet.Read(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Rows) != benchRows {
			b.Fatalf("read %d rows, want %d", len(s.Rows), benchRows)
		}
	}
}

// BenchmarkWrite100k exports 100,000 rows.
func BenchmarkWrite100k(b *testing.B) {
	rows := sampleRows(benchRows)
	dir := b.TempDir()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		if err := sheet.Write(filepath.Join(dir, fmt.Sprintf("export%d.xlsx", i)), rows); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU starts measuring the CPU time the process uses (user and system, all threads); the
// returned function reports it per operation as cpu-s/op where the system tells it. On a shared
// machine it says more than the wall time.
func reportCPU(b *testing.B) func() {
	start := cpuSeconds()
	return func() {
		if start >= 0 {
			b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
		}
	}
}
