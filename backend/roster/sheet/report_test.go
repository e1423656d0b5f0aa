package sheet_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster/sheet"
)

func TestWriteReport(t *testing.T) {
	b := newBook(t)
	b.row("Sheet1", 1, "序号", "姓名", "村", "组", "身份证号", "性别")
	b.row("Sheet1", 2, 1, "张三", "儒林村", "1组", "430529198001011234", "男")
	b.row("Sheet1", 3, 2, "李四", "儒林村", "1组", "43052919800101", "女")
	b.row("Sheet1", 4, 3, "王五", "儒林村", "", "430529198001011235", "男")
	b.row("Sheet1", 5, 4, "赵六", "儒林村", "2组", "430529198001021234", "男")
	src := mustRead(t, b.save("src.xlsx"))
	problems := []sheet.Problem{
		{Row: 4, Key: "id_number", Message: "身份证号校验位不对"},
		{Row: 4, Key: "group", Message: "缺少组"},
		{Row: 3, Key: "sex", Message: "性别与身份证号不符"},
		{Row: 3, Key: "id_number", Message: "身份证号应为18位，现在是14位"},
		{Row: 3, Key: "id_number", Message: "身份证号与第2行重复"},
		{Row: 4, Key: "", Message: "与第9行是同一人"},
	}
	path := filepath.Join(t.TempDir(), "问题清单.xlsx")
	if err := sheet.WriteReport(src, problems, len(problems), path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	t.Run("sheets", func(t *testing.T) {
		if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"问题清单", "原始数据"}) {
			t.Errorf("sheets = %q", got)
		}
	})

	t.Run("problem list sorted by row then column", func(t *testing.T) {
		rows, err := f.GetRows("问题清单")
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"行号", "列", "原值", "问题"},
			{"3", "身份证号", "43052919800101", "身份证号应为18位，现在是14位"},
			{"3", "身份证号", "43052919800101", "身份证号与第2行重复"},
			{"3", "性别", "女", "性别与身份证号不符"},
			{"4", "整行", "", "与第9行是同一人"},
			{"4", "组", "", "缺少组"},
			{"4", "身份证号", "430529198001011235", "身份证号校验位不对"},
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("问题清单 =\n%q\nwant\n%q", rows, want)
		}
		if typ, _ := f.GetCellType("问题清单", "C2"); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			t.Errorf("原值 of an ID stored as type %v, want text", typ)
		}
	})

	t.Run("original rows with the problem rows only", func(t *testing.T) {
		rows, err := f.GetRows("原始数据")
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"原行号", "姓名", "村(社区)", "组", "身份证号", "性别"},
			{"3", "李四", "儒林村", "1组", "43052919800101", "女"},
			{"4", "王五", "儒林村", "", "430529198001011235", "男"},
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("原始数据 =\n%q\nwant\n%q", rows, want)
		}
	})

	t.Run("bad cells filled and commented", func(t *testing.T) {
		comments, err := f.GetComments("原始数据")
		if err != nil {
			t.Fatal(err)
		}
		byCell := map[string]string{}
		for _, c := range comments {
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			byCell[c.Cell] = text
		}
		wantComments := map[string][]string{
			"E2": {"身份证号应为18位，现在是14位", "身份证号与第2行重复"},
			"F2": {"性别与身份证号不符"},
			"D3": {"缺少组"},
			"E3": {"身份证号校验位不对"},
			"A3": {"与第9行是同一人"},
		}
		if len(byCell) != len(wantComments) {
			t.Errorf("comments on %v, want on %d cells", byCell, len(wantComments))
		}
		for cell, msgs := range wantComments {
			for _, m := range msgs {
				if !strings.Contains(byCell[cell], m) {
					t.Errorf("comment on %s = %q, want it to contain %q", cell, byCell[cell], m)
				}
			}
			if !filled(t, f, cell) {
				t.Errorf("%s not filled red", cell)
			}
		}
		for _, cell := range []string{"B2", "C2", "D2", "B3", "F3"} {
			if filled(t, f, cell) {
				t.Errorf("good cell %s filled red", cell)
			}
		}
	})

	t.Run("no problems", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.xlsx")
		if err := sheet.WriteReport(src, nil, 0, path); err != nil {
			t.Fatal(err)
		}
	})
}

// filled reports whether cell of the 原始数据 sheet has the light red fill.
func filled(t *testing.T, f *excelize.File, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle("原始数据", cell)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range style.Fill.Color {
		if strings.EqualFold(c, "FFC7CE") {
			return true
		}
	}
	return false
}

// A report of many problems stays quick: comments on the first MaxComments bad cells only (each one
// costs excelize a pass over those before), every problem listed, and a closing line counting the
// ones a check did not keep.
func TestReportOfManyProblems(t *testing.T) {
	b := newBook(t)
	b.row("Sheet1", 1, "村", "组", "姓名")
	n := sheet.MaxComments + 200
	var problems []sheet.Problem
	for r := 2; r < n+2; r++ {
		b.row("Sheet1", r, "丹口村", "", "杨明")
		problems = append(problems, sheet.Problem{Row: r, Key: "group", Message: "组不能为空"})
	}
	src := mustRead(t, b.save("src.xlsx"))
	path := filepath.Join(t.TempDir(), "问题清单.xlsx")
	if err := sheet.WriteReport(src, problems, n+5000, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("问题清单")
	if len(rows) != n+2 || !strings.Contains(rows[n+1][3], fmt.Sprintf("共 %d 个问题，以上列出前 %d 个", n+5000, n)) {
		t.Errorf("%d lines; last %q", len(rows), rows[len(rows)-1])
	}
	comments, _ := f.GetComments("原始数据")
	if len(comments) != sheet.MaxComments {
		t.Errorf("%d comments, want %d", len(comments), sheet.MaxComments)
	}
}
