package sheet_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An ID stored as a number keeps 15 digits, and 431129199001011000 is shown the same as the text
// "431129199001011000": the cell's type tells them apart in a sheet of any size (it was taken for text
// past 20,000 rows, and one such ID in eleven then passed its check digit with its last digits lost).
func TestNumericIDsInALargeSheet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "large.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"村（社区）", "组", "姓名", "身份证号"})
	const rows = 30000
	for i := 0; i < rows; i++ {
		id := any(4.31129199001011e17 + float64(i%1000)*1e3) // a number, as Excel keeps it
		if i%3 == 0 {
			id = fmt.Sprintf("431129%08d000", 19900101+i%28) // text that looks the same
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, []any{"丹口村", "1组", fmt.Sprintf("居民%d", i), id}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	s := mustRead(t, path)
	if len(s.Rows) != rows {
		t.Fatalf("%d rows, want %d", len(s.Rows), rows)
	}
	wrong := 0
	for i, r := range s.Rows {
		c := r.Cells["id_number"]
		if c.Numeric != (i%3 != 0) {
			if wrong++; wrong <= 3 {
				t.Errorf("row %d: %q Numeric = %v", c.Row, c.Value, c.Numeric)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d ID cells told wrong", wrong, rows)
	}
}
