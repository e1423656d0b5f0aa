package sheet_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster/sheet"
)

// letter returns the template column letter of key.
func letter(t *testing.T, key string) string {
	t.Helper()
	for i, c := range sheet.Columns {
		if c.Key == key {
			l, _ := excelize.ColumnNumberToName(i + 1)
			return l
		}
	}
	t.Fatalf("no column %q", key)
	return ""
}

func TestWriteTemplate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "花名册模板.xlsx")
	if err := sheet.WriteTemplate(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial file left behind: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	t.Run("sheets", func(t *testing.T) {
		if got := f.GetSheetList(); len(got) != 2 || got[0] != "花名册" || got[1] != "说明" {
			t.Errorf("sheets = %q, want [花名册 说明]", got)
		}
		if v, _ := f.GetCellValue("说明", "A1"); v == "" {
			t.Error("说明 sheet is empty")
		}
	})

	t.Run("header and help rows", func(t *testing.T) {
		rows, err := f.GetRows("花名册")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 || len(rows[0]) != len(sheet.Columns) {
			t.Fatalf("rows = %q", rows)
		}
		for i, c := range sheet.Columns {
			if rows[0][i] != c.Header || rows[1][i] != c.Help {
				t.Errorf("column %d = %q / %q, want %q / %q", i, rows[0][i], rows[1][i], c.Header, c.Help)
			}
		}
		id, _ := f.GetCellStyle("花名册", "A1")
		style, _ := f.GetStyle(id)
		if style == nil || style.Font == nil || !style.Font.Bold || len(style.Fill.Color) == 0 {
			t.Errorf("header style = %+v, want bold and filled", style)
		}
		id, _ = f.GetCellStyle("花名册", "A2")
		if style, _ = f.GetStyle(id); style == nil || style.Font == nil || !style.Font.Italic || !style.Alignment.WrapText {
			t.Errorf("help style = %+v, want italic and wrapped", style)
		}
		panes, err := f.GetPanes("花名册")
		if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
			t.Errorf("panes = %+v (%v), want frozen below row 2", panes, err)
		}
	})

	t.Run("drop-down lists", func(t *testing.T) {
		dvs, err := f.GetDataValidations("花名册")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, dv := range dvs {
			got[dv.Sqref] = dv.Formula1
		}
		for _, c := range sheet.Columns {
			if len(c.Choices) == 0 {
				continue
			}
			l := letter(t, c.Key)
			f1, ok := got[l+"3:"+l+"10000"]
			if !ok {
				t.Errorf("no drop-down on %s (%s3:%s10000); have %v", c.Header, l, l, got)
				continue
			}
			if !strings.Contains(f1, strings.Join(c.Choices, ",")) {
				t.Errorf("%s list = %s, want %q", c.Header, f1, c.Choices)
			}
		}
		if len(dvs) != 4 {
			t.Errorf("%d data validations, want 4", len(dvs))
		}
	})

	t.Run("text format on ID, phone and household code", func(t *testing.T) {
		for _, key := range []string{"id_number", "phone", "household_code"} {
			for _, row := range []string{"3", "500", "10000"} {
				cell := letter(t, key) + row
				id, err := f.GetCellStyle("花名册", cell)
				if err != nil {
					t.Fatal(err)
				}
				style, err := f.GetStyle(id)
				if err != nil || style.NumFmt != 49 {
					t.Errorf("%s style %+v (%v), want number format 49 (text)", cell, style, err)
				}
			}
		}
		id, _ := f.GetCellStyle("花名册", letter(t, "name")+"3")
		if style, _ := f.GetStyle(id); style != nil && style.NumFmt == 49 {
			t.Error("name column is text-formatted too")
		}
	})

	t.Run("column widths", func(t *testing.T) {
		w, err := f.GetColWidth("花名册", letter(t, "id_number"))
		if err != nil || w < 18 {
			t.Errorf("ID column width %v (%v), want at least 18", w, err)
		}
	})
}
