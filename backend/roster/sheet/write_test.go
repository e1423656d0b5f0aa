package sheet_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster/sheet"
)

// sampleRows returns n roster rows with every column filled, including values Excel likes to
// turn into numbers or dates.
func sampleRows(n int) []map[string]string {
	rows := make([]map[string]string, n)
	for i := range rows {
		rows[i] = map[string]string{
			"village": "儒林村", "piece": "东片", "group": fmt.Sprintf("%d组", i%9+1), "neighbourhood": "2邻",
			"household_code": fmt.Sprintf("%06d", i/4), "head_name": "张大山", "relation": "子",
			"name": fmt.Sprintf("张%d", i), "id_number": fmt.Sprintf("4305291980%08d", i),
			"sex": "男", "birth_date": "1980-05-12", "ethnicity": "苗族", "phone": fmt.Sprintf("0739%07d", i),
			"address": "儒林镇儒林村3组12号", "tags": "低保户、留守老人", "party_member": "否", "notes": "1.50",
		}
	}
	return rows
}

func TestWrite(t *testing.T) {
	t.Run("round trip", func(t *testing.T) {
		rows := sampleRows(30)
		rows[3]["id_number"] = "43052919800101123X"
		rows[4]["notes"] = ""
		rows[5]["household_code"] = ""
		rows[6]["phone"] = "13800138000"
		rows[7]["birth_date"] = "29353"
		rows[8]["id_number"] = "430529198001011000"
		rows[9]["unknown_key"] = "ignored"
		path := filepath.Join(t.TempDir(), "export.xlsx")
		if err := sheet.Write(path, rows); err != nil {
			t.Fatal(err)
		}
		s := mustRead(t, path)
		if s.Name != "花名册" || s.HeaderRow != 1 || len(s.Unknown) != 0 || len(s.Rows) != len(rows) {
			t.Fatalf("sheet %q header %d unknown %q with %d rows", s.Name, s.HeaderRow, s.Unknown, len(s.Rows))
		}
		for i, want := range rows {
			got := map[string]string{}
			for key, c := range s.Rows[i].Cells {
				got[key] = c.Value
				if c.Numeric && key == "id_number" {
					t.Errorf("row %d: exported ID read back as a number", i)
				}
			}
			delete(want, "unknown_key")
			for key, v := range want {
				if v == "" {
					delete(want, key)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("row %d:\n got %v\nwant %v", i, got, want)
			}
			if s.Rows[i].Number != i+3 {
				t.Errorf("row %d numbered %d, want %d", i, s.Rows[i].Number, i+3)
			}
		}
	})

	t.Run("cells are text", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "export.xlsx")
		if err := sheet.Write(path, sampleRows(2)); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, key := range []string{"id_number", "phone", "household_code", "notes"} {
			cell := letter(t, key) + "3"
			typ, _ := f.GetCellType("花名册", cell)
			if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
				t.Errorf("%s (%s) has type %v, want a string", cell, key, typ)
			}
		}
		id, _ := f.GetCellStyle("花名册", letter(t, "id_number")+"3")
		if style, _ := f.GetStyle(id); style == nil || style.NumFmt != 49 {
			t.Errorf("ID cell style %+v, want text format", style)
		}
	})

	t.Run("an exported file edited by another program is read in full", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "export.xlsx")
		if err := sheet.Write(path, sampleRows(2)); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.SetAppProps(&excelize.AppProperties{Application: "Microsoft Excel"}); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellInt("花名册", letter(t, "id_number")+"4", 430529198001011234); err != nil {
			t.Fatal(err)
		}
		date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		birth := letter(t, "birth_date") + "4"
		if err := f.SetCellInt("花名册", birth, 29353); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("花名册", birth, birth, date); err != nil {
			t.Fatal(err)
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		s := mustRead(t, path)
		if c := s.Rows[1].Cells["id_number"]; !c.Numeric {
			t.Errorf("edited ID cell = %+v, want Numeric", c)
		}
		if c := s.Rows[1].Cells["birth_date"]; !c.Numeric || c.Raw != "29353" || c.Value != "1980-05-12" {
			t.Errorf("edited date cell = %+v, want Numeric, Raw 29353 and Value 1980-05-12", c)
		}
		if c := s.Rows[0].Cells["birth_date"]; c.Numeric || c.Raw != "1980-05-12" {
			t.Errorf("text date cell = %+v", c)
		}
	})
}
