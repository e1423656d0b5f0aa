package sheet_test

import (
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/roster/sheet"
)

func TestRead(t *testing.T) {
	t.Run("header in row 3 under a merged title row", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "城步县儒林村花名册")
		if err := b.f.MergeCell("Sheet1", "A1", "F1"); err != nil {
			t.Fatal(err)
		}
		b.row("Sheet1", 2, "填报单位：儒林镇", nil, nil, nil, "填报日期：2024年3月")
		b.row("Sheet1", 3, "村（社区）", "组", "姓名", "身份证号", "性别", "联系电话")
		b.row("Sheet1", 4, "儒林村", "3组", "张三", "430529198001011234", "男", "13800138000")
		s := mustRead(t, b.save("title.xlsx"))
		if s.Name != "Sheet1" || s.HeaderRow != 3 {
			t.Fatalf("sheet %q header row %d, want Sheet1 and 3", s.Name, s.HeaderRow)
		}
		if len(s.Rows) != 1 || s.Rows[0].Number != 4 {
			t.Fatalf("rows = %+v, want one row numbered 4", s.Rows)
		}
		want := map[string]string{"village": "A", "group": "B", "name": "C", "id_number": "D", "sex": "E", "phone": "F"}
		if !reflect.DeepEqual(s.Columns, want) {
			t.Errorf("columns = %v, want %v", s.Columns, want)
		}
		c := s.Rows[0].Cells["id_number"]
		if c.Value != "430529198001011234" || c.Numeric || c.Col != "D" || c.Row != 4 || c.Key != "id_number" {
			t.Errorf("id cell = %+v", c)
		}
	})

	t.Run("shuffled columns with synonyms", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "身份证号码", "名字", "工作单位", "手机号", "村民小组", "所在村", "出生日期（必填）", "民族*", "住址 ")
		b.row("Sheet1", 2, "430529198001011234", "李四", "县一中", "13912345678", "5组", "白毛坪村", "1980-01-01", "苗族", "白毛坪村5组12号")
		s := mustRead(t, b.save("shuffled.xlsx"))
		want := map[string]string{"id_number": "A", "name": "B", "phone": "D", "group": "E", "village": "F",
			"birth_date": "G", "ethnicity": "H", "address": "I"}
		if !reflect.DeepEqual(s.Columns, want) {
			t.Errorf("columns = %v, want %v", s.Columns, want)
		}
		if !reflect.DeepEqual(s.Unknown, []string{"工作单位"}) {
			t.Errorf("unknown = %q, want [工作单位]", s.Unknown)
		}
		for key, v := range map[string]string{"name": "李四", "group": "5组", "village": "白毛坪村", "phone": "13912345678", "birth_date": "1980-01-01"} {
			if got := value(s, 0, key); got != v {
				t.Errorf("%s = %q, want %q", key, got, v)
			}
		}
		if c := s.Rows[0].Cells["birth_date"]; c.Numeric {
			t.Errorf("text birth date marked numeric: %+v", c)
		}
	})

	t.Run("spaces and full-width characters in values", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名", "身份证号", "联系电话", "备注")
		b.row("Sheet1", 2, " 儒林村 ", "\u3000３组\u3000", "\t王 五\u00a0", "４３０５２９１９８００１０１１２３４", "１３８００１３８０００", "ＡＢＣ１２３（说明）")
		s := mustRead(t, b.save("spaces.xlsx"))
		want := map[string]string{"village": "儒林村", "group": "3组", "name": "王 五", "id_number": "430529198001011234",
			"phone": "13800138000", "notes": "ABC123(说明)"}
		for key, v := range want {
			if got := value(s, 0, key); got != v {
				t.Errorf("%s = %q, want %q", key, got, v)
			}
		}
		if c := s.Rows[0].Cells["group"]; c.Raw != "\u3000３组\u3000" {
			t.Errorf("group raw = %q, want the stored text", c.Raw)
		}
		if c := s.Rows[0].Cells["id_number"]; c.Numeric {
			t.Errorf("full-width text ID marked numeric: %+v", c)
		}
	})

	t.Run("ID typed as a number", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名", "身份证号")
		b.row("Sheet1", 2, "儒林村", "1组", "整数", nil)
		b.row("Sheet1", 3, "儒林村", "1组", "小数", nil)
		b.row("Sheet1", 4, "儒林村", "1组", "科学计数", "4.30529E+17")
		b.row("Sheet1", 5, "儒林村", "1组", "文本", "430529198001011234")
		b.row("Sheet1", 6, "儒林村", "1组", "以000结尾的文本", "430529198001011000")
		if err := b.f.SetCellInt("Sheet1", "D2", 430529198001011234); err != nil {
			t.Fatal(err)
		}
		if err := b.f.SetCellFloat("Sheet1", "D3", 430529198001011234, -1, 64); err != nil {
			t.Fatal(err)
		}
		s := mustRead(t, b.save("numeric-id.xlsx"))
		if len(s.Rows) != 5 {
			t.Fatalf("%d rows, want 5", len(s.Rows))
		}
		for i, want := range []bool{true, true, true, false, false} {
			c := s.Rows[i].Cells["id_number"]
			if c.Numeric != want {
				t.Errorf("row %d (%s): Numeric = %v, want %v; cell %+v", c.Row, value(s, i, "name"), c.Numeric, want, c)
			}
		}
		if c := s.Rows[0].Cells["id_number"]; c.Value == "430529198001011234" {
			t.Errorf("numeric ID shown with all 18 digits: %+v", c)
		}
		if c := s.Rows[1].Cells["id_number"]; c.Raw != "430529198001011000" {
			t.Errorf("float ID raw = %q, want the last digits lost", c.Raw)
		}
		if c := s.Rows[3].Cells["id_number"]; c.Value != "430529198001011234" {
			t.Errorf("text ID = %+v", c)
		}
	})

	t.Run("date typed as an Excel date", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名", "出生日期")
		day := time.Date(1980, 5, 12, 0, 0, 0, 0, time.UTC)
		b.row("Sheet1", 2, "儒林村", "1组", "短日期", day)
		b.row("Sheet1", 3, "儒林村", "1组", "中文日期", day)
		b.row("Sheet1", 4, "儒林村", "1组", "文本日期", "1980-05-12")
		b.row("Sheet1", 5, "儒林村", "1组", "八位数字", 19800512)
		short, err := b.f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		chinese := "yyyy\"年\"m\"月\"d\"日\""
		long, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &chinese})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.f.SetCellStyle("Sheet1", "D2", "D2", short); err != nil {
			t.Fatal(err)
		}
		if err := b.f.SetCellStyle("Sheet1", "D3", "D3", long); err != nil {
			t.Fatal(err)
		}
		s := mustRead(t, b.save("dates.xlsx"))
		serial := strconv.Itoa(int(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
		tests := []struct {
			numeric    bool
			raw, value string
		}{
			{true, serial, "1980-05-12"},
			{true, serial, "1980年5月12日"},
			{false, "1980-05-12", "1980-05-12"},
			{false, "19800512", "19800512"},
		}
		for i, want := range tests {
			c := s.Rows[i].Cells["birth_date"]
			if c.Numeric != want.numeric || c.Raw != want.raw || c.Value != want.value {
				t.Errorf("%s: cell %+v, want Numeric %v Raw %q Value %q", value(s, i, "name"), c, want.numeric, want.raw, want.value)
			}
		}
	})

	t.Run("date serial in a workbook without date formats", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名", "出生日期")
		b.row("Sheet1", 2, "儒林村", "1组", "序列号", 29353)
		b.row("Sheet1", 3, "儒林村", "1组", "文本", "1980.5.12")
		s := mustRead(t, b.save("serial-date.xlsx"))
		if c := s.Rows[0].Cells["birth_date"]; !c.Numeric || c.Raw != "29353" || c.Value != "29353" {
			t.Errorf("serial cell = %+v, want Numeric with Raw and Value 29353", c)
		}
		if c := s.Rows[1].Cells["birth_date"]; c.Numeric || c.Raw != "1980.5.12" {
			t.Errorf("text cell = %+v", c)
		}
	})

	t.Run("missing name column", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "身份证号", "性别", "联系电话")
		b.row("Sheet1", 2, "儒林村", "1组", "430529198001011234", "男", "13800138000")
		_, err := sheet.Read(b.save("noname.xlsx"))
		wantInvalid(t, err, "缺少“姓名”列")
	})

	t.Run("missing village and group columns", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "姓名", "身份证号", "性别")
		_, err := sheet.Read(b.save("novillage.xlsx"))
		wantInvalid(t, err, "缺少“村(社区)”、“组”列")
	})

	t.Run("duplicate columns", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名", "身份证号", "性别", "身份证号码")
		_, err := sheet.Read(b.save("dup.xlsx"))
		wantInvalid(t, err, "身份证号", "D列", "身份证号码", "F列")
	})

	t.Run("no header at all", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "甲", "乙", "丙")
		_, err := sheet.Read(b.save("noheader.xlsx"))
		wantInvalid(t, err, "没有找到表头")
	})

	t.Run("not an xlsx file", func(t *testing.T) {
		_, err := sheet.Read("read_test.go")
		wantInvalid(t, err, "打不开")
	})

	t.Run("sheet with the most known columns wins", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "说明：本表由村委会填写")
		b.row("Sheet1", 2, "姓名", "村", "组")
		if _, err := b.f.NewSheet("汇总"); err != nil {
			t.Fatal(err)
		}
		b.row("汇总", 1, "村", "组", "姓名")
		b.row("汇总", 2, "儒林村", "1组", "赵六")
		if _, err := b.f.NewSheet("花名册"); err != nil {
			t.Fatal(err)
		}
		b.row("花名册", 2, "村", "组", "姓名", "身份证号")
		b.row("花名册", 3, "儒林村", "1组", "钱七", "430529198001011234")
		s := mustRead(t, b.save("sheets.xlsx"))
		if s.Name != "花名册" || s.HeaderRow != 2 || len(s.Rows) != 1 || value(s, 0, "name") != "钱七" {
			t.Errorf("read sheet %q header %d rows %+v, want 花名册 header 2 with 钱七", s.Name, s.HeaderRow, s.Rows)
		}
	})

	t.Run("template help row skipped", func(t *testing.T) {
		path := t.TempDir() + "/template.xlsx"
		if err := sheet.WriteTemplate(path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		row := []any{"儒林村", nil, "3组", nil, nil, nil, nil, "孙八"}
		if err := f.SetSheetRow("花名册", "A3", &row); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		s := mustRead(t, path)
		if s.HeaderRow != 1 || len(s.Rows) != 1 || s.Rows[0].Number != 3 || value(s, 0, "name") != "孙八" {
			t.Errorf("header %d rows %+v, want header 1 and only 孙八 in row 3", s.HeaderRow, s.Rows)
		}
		if len(s.Columns) != len(sheet.Columns) || len(s.Unknown) != 0 {
			t.Errorf("columns %v unknown %q, want all %d columns", s.Columns, s.Unknown, len(sheet.Columns))
		}
	})

	t.Run("序号 column ignored", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "序号", "村", "组", "姓名")
		b.row("Sheet1", 2, 1, "儒林村", "1组", "周九")
		for n := 3; n <= 10; n++ {
			b.row("Sheet1", n, n-1) // numbered in advance, nothing else filled
		}
		b.row("Sheet1", 11, 10, "儒林村", "2组", "吴十")
		s := mustRead(t, b.save("serial.xlsx"))
		if len(s.Unknown) != 0 || s.Columns["village"] != "B" {
			t.Errorf("columns %v unknown %q", s.Columns, s.Unknown)
		}
		if len(s.Rows) != 2 || s.Rows[0].Number != 2 || s.Rows[1].Number != 11 {
			t.Errorf("rows = %+v, want rows 2 and 11", s.Rows)
		}
	})

	t.Run("empty rows skipped and 50 in a row end the data", func(t *testing.T) {
		b := newBook(t)
		b.row("Sheet1", 1, "村", "组", "姓名")
		b.row("Sheet1", 2, "儒林村", "1组", "甲")
		b.row("Sheet1", 3, "  ", "\u3000", "")
		b.row("Sheet1", 10, "儒林村", "1组", "乙")
		b.row("Sheet1", 60, "儒林村", "1组", "丙") // 49 empty rows before it
		b.row("Sheet1", 111, "合计：3人")         // 50 empty rows before it
		s := mustRead(t, b.save("empty.xlsx"))
		var got []string
		for _, r := range s.Rows {
			got = append(got, fmt.Sprintf("%d:%s", r.Number, r.Cells["name"].Value))
		}
		if want := []string{"2:甲", "10:乙", "60:丙"}; !reflect.DeepEqual(got, want) {
			t.Errorf("rows = %q, want %q", got, want)
		}
	})
}

// ReadEach hands the rows on in sheet order as they are read, and an error of the caller's ends the
// reading and comes back as it is.
func TestReadEachStopsOnTheCallersError(t *testing.T) {
	b := newBook(t)
	b.row("Sheet1", 1, "村", "组", "姓名")
	for r := 2; r <= 30; r++ {
		b.row("Sheet1", r, "儒林村", "1组", "杨明")
	}
	path := b.save("each.xlsx")
	var seen []int
	stop := errs.New(errs.Conflict, "已取消")
	_, err := sheet.ReadEach(path, func(r sheet.Row) error {
		seen = append(seen, r.Number)
		if len(seen) == 10 {
			return stop
		}
		return nil
	})
	if err != stop || len(seen) != 10 || seen[0] != 2 || seen[9] != 11 {
		t.Fatalf("err %v, rows %v", err, seen)
	}
}
