package sheet

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
)

// TestWriteTable: the workbook has the title, the frozen header and every row as given; numbers in a
// number column are numbers, and text stays text (an ID number, a formula-looking value).
func TestWriteTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "户.xlsx")
	tab := Table{
		Title:   "丹口村/一组 户列表",
		Columns: []TableColumn{{Title: "户编号"}, {Title: "户主"}, {Title: "身份证号"}, {Title: "人数", Number: true}},
		Rows: [][]string{
			{"001", "张喆", "430528199001011234", "4"},
			{"002", "=HYPERLINK(\"x\")", "", "未知"},
		},
	}
	if err := WriteTable(path, tab); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "丹口村_一组 户列表" {
		t.Errorf("sheet %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"丹口村/一组 户列表"},
		{"户编号", "户主", "身份证号", "人数"},
		{"001", "张喆", "430528199001011234", "4"},
		{"002", "=HYPERLINK(\"x\")", "", "未知"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		for j := range want[i] {
			if rows[i][j] != want[i][j] {
				t.Errorf("cell %d,%d: %q, want %q", i+1, j+1, rows[i][j], want[i][j])
			}
		}
	}
	// Excel's types: a number cell has no type or "n"; text is an inline or shared string.
	isText := func(c excelize.CellType) bool {
		return c == excelize.CellTypeInlineString || c == excelize.CellTypeSharedString
	}
	for cell, text := range map[string]bool{"D3": false, "C3": true, "A3": true, "B4": true, "D4": true} {
		got, err := f.GetCellType(sheet, cell)
		if err != nil || isText(got) != text {
			t.Errorf("%s is of type %v, want text %v (%v)", cell, got, text, err)
		}
	}
	if formula, _ := f.GetCellFormula(sheet, "B4"); formula != "" {
		t.Errorf("B4 became the formula %q", formula)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes %+v %v", panes, err)
	}
}

// TestWriteTableRefuses: a table without a title or columns, or with a row of the wrong length, is
// refused naming the field, and no file is written.
func TestWriteTableRefuses(t *testing.T) {
	dir := t.TempDir()
	for field, tab := range map[string]Table{
		"title":   {Columns: []TableColumn{{Title: "a"}}},
		"columns": {Title: "x"},
		"rows":    {Title: "x", Columns: []TableColumn{{Title: "a"}, {Title: "b"}}, Rows: [][]string{{"1"}}},
	} {
		path := filepath.Join(dir, field+".xlsx")
		err := WriteTable(path, tab)
		if e := errs.As(err); e == nil || e.Code != errs.Invalid || e.Field != field {
			t.Errorf("%s: %v", field, err)
		}
		if _, err := excelize.OpenFile(path); err == nil {
			t.Errorf("%s: a file was written", field)
		}
	}
}
