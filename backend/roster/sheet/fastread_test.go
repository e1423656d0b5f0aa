package sheet

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/roster/sheet/sheettest"
)

// readBoth reads path with and without the fast reader, and with it in one pass (ReadEachOver, whose
// rows handed before a restart are dropped), and fails unless all give the same rows, sheet and
// error. It reports whether the fast reader read it.
func readBoth(t *testing.T, l *Layout, path string) bool {
	t.Helper()
	read := func(fast, onePass bool) (*Sheet, error) {
		var rows []Row
		var restart func()
		if onePass {
			restart = func() { rows = nil }
		}
		s, err := l.readEach(path, restart, func(r Row) error { rows = append(rows, r); return nil }, fast)
		if s != nil {
			s.Rows = rows
		}
		return s, err
	}
	fs, ferr := read(true, false)
	ss, serr := read(false, false)
	if fmt.Sprint(ferr) != fmt.Sprint(serr) {
		t.Fatalf("%s: fast reader error %v, excelize %v", filepath.Base(path), ferr, serr)
	}
	one, oerr := read(true, true)
	if fmt.Sprint(oerr) != fmt.Sprint(serr) {
		t.Fatalf("%s: fast reader in one pass error %v, excelize %v", filepath.Base(path), oerr, serr)
	}
	if ferr != nil {
		return false
	}
	if one.fast != fs.fast || !reflect.DeepEqual(one.Rows, fs.Rows) {
		t.Fatalf("%s: in one pass the fast reader (%v) gives %d rows, in two (%v) %d", filepath.Base(path), one.fast, len(one.Rows), fs.fast, len(fs.Rows))
	}
	fast := fs.fast
	fs.fast = false
	if !reflect.DeepEqual(fs, ss) {
		for i := 0; i < len(fs.Rows) && i < len(ss.Rows); i++ {
			if !reflect.DeepEqual(fs.Rows[i], ss.Rows[i]) {
				t.Fatalf("%s: row %d differs:\nfast:     %+v\nexcelize: %+v", filepath.Base(path), i, fs.Rows[i], ss.Rows[i])
			}
		}
		t.Fatalf("%s: sheets differ (%d and %d rows):\nfast:     %+v\nexcelize: %+v", filepath.Base(path), len(fs.Rows), len(ss.Rows), fs, ss)
	}
	return fast
}

// randomBook writes a workbook of a roster (or, for some seeds, a case ledger) with the shapes
// officers' files have: title rows, a help row, columns in any order and unknown ones, rows left
// out, cells of every type in the styles Excel and WPS give them, shared or inline text.
func randomBook(t *testing.T, seed uint64, dir string) (string, *Layout) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	f := excelize.NewFile()
	defer f.Close()
	l := Roster
	styles := []int{0}
	for _, st := range []*excelize.Style{
		{Border: []excelize.Border{{Type: "left", Color: "000000", Style: 1}}},
		{NumFmt: 49},
		{NumFmt: 14},
		{CustomNumFmt: ptr("yyyy/m/d")},
		{CustomNumFmt: ptr(`yyyy"年"m"月"d"日";@`)},
		{CustomNumFmt: ptr("yyyy-mm-dd")},
		{CustomNumFmt: ptr("yyyy.mm.dd")},
		{CustomNumFmt: ptr("yy/mm/dd")},
		{CustomNumFmt: ptr("00000")},
		{NumFmt: 2},
		{NumFmt: 1},
		{NumFmt: 22},
		{CustomNumFmt: ptr("@")},
		{CustomNumFmt: ptr("General")},
	} {
		id, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		styles = append(styles, id)
	}
	// The plain styles most cells take; the others now and then. Every other workbook keeps to
	// what the fast reader shows itself (text, General and dates on dates), so that both readers
	// are held to the same output on it, not only on workbooks left to excelize.
	plain := styles[:4]
	clean := seed%2 == 0
	known := append([]int{styles[0], styles[1], styles[2]}, styles[13:]...)
	dates := styles[3:9]
	stream := rng.IntN(3) == 0
	var sw *excelize.StreamWriter
	if stream {
		var err error
		if sw, err = f.NewStreamWriter("Sheet1"); err != nil {
			t.Fatal(err)
		}
	}
	put := func(n int, cells []any) {
		ref, _ := excelize.CoordinatesToCellName(1, n)
		if stream {
			if err := sw.SetRow(ref, cells); err != nil {
				t.Fatal(err)
			}
			return
		}
		for i, c := range cells {
			ref, _ := excelize.CoordinatesToCellName(i+1, n)
			var err error
			switch v := c.(type) {
			case nil:
				continue
			case excelize.Cell:
				if v.Formula != "" {
					err = f.SetCellFormula("Sheet1", ref, v.Formula)
				} else if rich, ok := v.Value.([]excelize.RichTextRun); ok {
					err = f.SetCellRichText("Sheet1", ref, rich)
				} else {
					err = f.SetCellValue("Sheet1", ref, v.Value)
				}
				if err == nil && v.StyleID != 0 {
					err = f.SetCellStyle("Sheet1", ref, ref, v.StyleID)
				}
			default:
				err = f.SetCellValue("Sheet1", ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	n := 1
	for i := rng.IntN(3); i > 0; i-- { // title rows
		put(n, []any{"城步县儒林镇" + fmt.Sprint(i) + "花名册"})
		n++
	}
	keys := rng.Perm(len(l.Columns))
	var header []any
	var cols []*Column
	for _, k := range keys[:3+rng.IntN(len(keys)-3)] {
		c := &l.Columns[k]
		cols = append(cols, c)
		header = append(header, c.Header)
	}
	for _, k := range []string{"name", "village", "group"} { // the required ones, somewhere
		if !hasKey(cols, k) {
			c, _ := l.ColumnByKey(k)
			at := rng.IntN(len(cols) + 1)
			cols = append(cols[:at], append([]*Column{&c}, cols[at:]...)...)
			header = append(header[:at], append([]any{c.Header}, header[at:]...)...)
		}
	}
	if rng.IntN(2) == 0 {
		cols = append([]*Column{nil}, cols...)
		header = append([]any{"序号"}, header...)
	}
	if rng.IntN(2) == 0 {
		cols = append(cols, nil)
		header = append(header, "籍贯")
	}
	put(n, header)
	n++
	if rng.IntN(3) == 0 {
		help := make([]any, len(cols))
		for i, c := range cols {
			if c != nil {
				help[i] = c.Help
			}
		}
		put(n, help)
		n++
	}
	rows := 10 + rng.IntN(60)
	for r := 0; r < rows; r++ {
		if rng.IntN(12) == 0 { // rows left out, now and then more than the data may pause for
			n += 1 + rng.IntN(3)
			if rng.IntN(8) == 0 {
				n += maxEmptyRun
			}
		}
		cells := make([]any, len(cols))
		for i := range cols {
			if rng.IntN(6) == 0 {
				continue
			}
			v := randomValue(rng)
			st := plain[rng.IntN(len(plain))]
			if rng.IntN(4) == 0 {
				st = styles[rng.IntN(len(styles))]
			}
			if clean {
				if _, ok := v.(bool); ok {
					v = "是"
				}
				st = known[rng.IntN(len(known))]
				if n, ok := v.(int); ok && n >= 20000 && n < 50000 && rng.IntN(2) == 0 {
					st = dates[rng.IntN(len(dates))]
				}
			}
			if rng.IntN(40) == 0 {
				cells[i] = excelize.Cell{Formula: "1+1", StyleID: st}
				continue
			}
			if st == 0 && !stream {
				cells[i] = v
			} else {
				cells[i] = excelize.Cell{Value: v, StyleID: st}
			}
		}
		put(n, cells)
		n++
	}
	if stream {
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, fmt.Sprintf("random-%d.xlsx", seed))
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path, l
}

func ptr[T any](v T) *T { return &v }

func hasKey(cols []*Column, key string) bool {
	for _, c := range cols {
		if c != nil && c.Key == key {
			return true
		}
	}
	return false
}

// randomValue is a cell value of a kind officers' sheets hold.
func randomValue(rng *rand.Rand) any {
	texts := []string{"杨明", "丹口村", "十三组", "户主", " 张喆 ", "李　堃", "ＡＢＣ１２３", "430529198001011234",
		"43052919800101123X", "13800138000", "1980-05-12", "1980年5月12日", "19800512", "a&b<c>\"d'", "_x000D_换行",
		"第一行\r\n第二行", "第一行\n第二行", "\t", "  ", "𠀋", "[备注]", "x]]", "4.30529E+17", "00123", "是", "否", "中共党员",
		"_x005F_x0041_", "_xD800_", ""}
	switch rng.IntN(9) {
	case 0, 1, 2:
		return texts[rng.IntN(len(texts))]
	case 3:
		return 13800000000 + rng.IntN(99999999)
	case 4:
		return []any{430529198001011234, 430529198001011000, 123456789012, 99999999999, 1, 0, -5, 42, 100000}[rng.IntN(9)]
	case 5:
		return []any{1.5, 0.1 + 0.2, -3.25, 1e-7, 123456789.123, 2.5e20}[rng.IntN(6)]
	case 6:
		return 20000 + rng.IntN(30000) // a date serial
	case 7:
		return rng.IntN(2) == 0
	default:
		return []excelize.RichTextRun{{Text: "杨"}, {Text: "明", Font: &excelize.Font{Bold: true}}}
	}
}

// TestFastReaderMatchesExcelize holds the fast reader to excelize's output on random workbooks,
// and checks that it reads most of them (a fast reader that always gave up would pass the rest).
func TestFastReaderMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	n := 300
	if testing.Short() {
		n = 60
	}
	fast := 0
	for seed := uint64(0); seed < uint64(n); seed++ {
		path, l := randomBook(t, seed, dir)
		if readBoth(t, l, path) {
			fast++
		} else if seed%2 == 0 {
			t.Errorf("seed %d: the fast reader gave up a workbook within what it knows", seed)
		}
	}
	t.Logf("the fast reader read %d of %d workbooks", fast, n)
}

// TestFastReaderReads checks that the fast reader, not excelize, reads the workbooks it is for.
func TestFastReaderReads(t *testing.T) {
	dir := t.TempDir()
	t.Run("our own export", func(t *testing.T) {
		path := filepath.Join(dir, "export.xlsx")
		rows := []map[string]string{{"village": "丹口村", "group": "一组", "name": "杨明", "id_number": "430529198001011234",
			"birth_date": "1980-01-01", "notes": "a&b<c> _x000D_"}}
		if err := Write(path, rows); err != nil {
			t.Fatal(err)
		}
		if !readBoth(t, Roster, path) {
			t.Error("the fast reader gave our own export up")
		}
	})
	t.Run("dates, IDs stored as numbers, bordered cells", func(t *testing.T) {
		f := excelize.NewFile()
		defer f.Close()
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		border, _ := f.NewStyle(&excelize.Style{Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}})
		f.SetSheetRow("Sheet1", "A1", &[]any{"村", "组", "姓名", "身份证号", "出生日期", "联系电话"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"丹口村", "一组", "杨明", 430529198001011234, 29353, 13800138000})
		f.SetSheetRow("Sheet1", "A3", &[]any{"丹口村", "一组", "李华", "430529198001011000", "1980/5/12", 13800138001})
		f.SetCellStyle("Sheet1", "E2", "E3", date)
		f.SetCellStyle("Sheet1", "A2", "D3", border)
		path := filepath.Join(dir, "dates.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		if !readBoth(t, Roster, path) {
			t.Error("the fast reader gave it up")
		}
	})
	t.Run("a number format it does not show is left to excelize", func(t *testing.T) {
		f := excelize.NewFile()
		defer f.Close()
		money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
		f.SetSheetRow("Sheet1", "A1", &[]any{"村", "组", "姓名", "联系电话"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"丹口村", "一组", "杨明", 13800138000})
		f.SetCellStyle("Sheet1", "D2", "D2", money)
		path := filepath.Join(dir, "money.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		if readBoth(t, Roster, path) {
			t.Error("the fast reader read a format it does not know")
		}
	})
}

// TestFastReaderOnHandWrittenXML rewrites a sheet's XML in the ways other programs write it, and
// in ways that are faulty, and holds the two readers to the same output (or error).
func TestFastReaderOnHandWrittenXML(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"村", "组", "姓名", "身份证号", "备注"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"丹口村", "一组", "杨明", "430529198001011234", "甲"})
	f.SetSheetRow("Sheet1", "A4", &[]any{"丹口村", "二组", "李华", 430529198001011234, "乙"})
	base := filepath.Join(dir, "base.xlsx")
	if err := f.SaveAs(base); err != nil {
		t.Fatal(err)
	}
	sheetXML := sheettest.Part(t, base, "xl/worksheets/sheet1.xml")
	sstXML := sheettest.Part(t, base, "xl/sharedStrings.xml")
	for _, c := range []struct {
		name     string
		sheet    func(string) string
		sst      func(string) string
		wantFast bool
	}{
		{name: "as written", wantFast: true},
		{name: "cells without references", wantFast: true, sheet: func(s string) string {
			return regexpReplace(s, ` r="[A-Z]+[0-9]+"`, "")
		}},
		{name: "rows without numbers", wantFast: true, sheet: func(s string) string { return regexpReplace(s, `<row r="[0-9]+"`, "<row") }},
		{name: "prefixed elements", wantFast: true, sheet: func(s string) string {
			s = strings.Replace(s, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, 1)
			return regexpReplace(s, `<(/?)([a-zA-Z]+)`, "<${1}x:$2")
		}},
		{name: "a comment", sheet: func(s string) string { return strings.Replace(s, "<row", "<!-- x --><row", 1) }},
		{name: "CDATA", sheet: func(s string) string {
			return strings.Replace(s, "</sheetData>", `<row r="9"><c r="C9" t="inlineStr"><is><t><![CDATA[王五]]></t></is></c><c r="A9" t="inlineStr"><is><t>丹口村</t></is></c></row></sheetData>`, 1)
		}},
		{name: "character references and line ends", wantFast: true, sheet: func(s string) string {
			return strings.Replace(s, "</sheetData>", "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>&#20025;&#x53E3;村</t></is></c><c r=\"B9\" t=\"inlineStr\"><is><t>一组</t></is></c><c r=\"C9\" t=\"inlineStr\"><is><t>王\r\n五&amp;</t></is></c></row></sheetData>", 1)
		}},
		{name: "an undefined entity", sheet: func(s string) string {
			return strings.Replace(s, "</sheetData>", `<row r="9"><c r="C9" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData>`, 1)
		}},
		{name: "a control character", sheet: func(s string) string {
			return strings.Replace(s, "</sheetData>", "<row r=\"9\"><c r=\"C9\" t=\"inlineStr\"><is><t>王\x01</t></is></c></row></sheetData>", 1)
		}},
		{name: "cut off", sheet: func(s string) string { return s[:strings.Index(s, "</sheetData>")-20] }},
		{name: "rows out of order", sheet: func(s string) string { return strings.Replace(s, `<row r="4"`, `<row r="1"`, 1) }},
		{name: "cells out of order", sheet: func(s string) string { return strings.Replace(s, `r="E4"`, `r="A4"`, 1) }},
		{name: "a cell outside a row", sheet: func(s string) string {
			return strings.Replace(s, "</sheetData>", `<c r="C9" t="inlineStr"><is><t>王五</t></is></c></sheetData>`, 1)
		}},
		{name: "a GBK declaration", sheet: func(s string) string { return strings.Replace(s, `encoding="UTF-8"`, `encoding="GBK"`, 1) }},
		{name: "phonetic runs in the shared texts", wantFast: true, sst: func(s string) string {
			return strings.Replace(s, "<t>杨明</t>", "<r><t>杨</t></r><r><rPr><b/></rPr><t>明</t></r><rPh sb=\"0\" eb=\"1\"><t>yang</t></rPh><phoneticPr fontId=\"1\"/>", 1)
		}},
		{name: "an escape in the shared texts", wantFast: true, sst: func(s string) string { return strings.Replace(s, "<t>甲</t>", "<t>甲_x000D__x005F_x0041_</t>", 1) }},
		{name: "something after the shared texts", sst: func(s string) string { return s + "<x>" }},
		{name: "a shared text out of range", sheet: func(s string) string { return strings.Replace(s, "<v>0</v>", "<v>999</v>", 1) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			parts := map[string]string{}
			if c.sheet != nil {
				parts["xl/worksheets/sheet1.xml"] = c.sheet(sheetXML)
			}
			if c.sst != nil {
				parts["xl/sharedStrings.xml"] = c.sst(sstXML)
			}
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".xlsx")
			sheettest.RewriteParts(t, base, path, parts)
			if got := readBoth(t, Roster, path); got != c.wantFast {
				t.Errorf("read by the fast reader: %v, want %v", got, c.wantFast)
			}
		})
	}
}

func regexpReplace(s, pattern, with string) string {
	return regexp.MustCompile(pattern).ReplaceAllString(s, with)
}

// FuzzFastReaderSheetXML puts any text in a roster's sheet XML (and shared texts) and holds the two
// readers to the same rows or the same error.
func FuzzFastReaderSheetXML(f *testing.F) {
	dir := f.TempDir()
	x := excelize.NewFile()
	date, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	x.SetSheetRow("Sheet1", "A1", &[]any{"村", "组", "姓名", "身份证号", "出生日期", "备注"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"丹口村", "一组", "杨明", "430529198001011234", 29353, "甲&乙"})
	x.SetSheetRow("Sheet1", "A4", &[]any{"丹口村", "二组", "李华", 430529198001011234, "1980-05-12", 12.5})
	x.SetCellStyle("Sheet1", "E2", "E4", date)
	base := filepath.Join(dir, "base.xlsx")
	if err := x.SaveAs(base); err != nil {
		f.Fatal(err)
	}
	x.Close()
	sheetXML := sheettest.Part(f, base, "xl/worksheets/sheet1.xml")
	sstXML := sheettest.Part(f, base, "xl/sharedStrings.xml")
	f.Add(sheetXML, sstXML)
	f.Add(strings.Replace(sheetXML, "</sheetData>", "<row r=\"9\"><c r=\"C9\" t=\"inlineStr\"><is><t>王&#20116;\r\n</t></is></c><c r=\"A9\" s=\"1\"><v>30000</v></c></row></sheetData>", 1), sstXML)
	f.Add(regexpReplace(sheetXML, ` r="[A-Z]+[0-9]+"`, ""), strings.Replace(sstXML, "<t>杨明</t>", "<r><t>杨</t></r><r><t>明_x000D_</t></r><rPh><t>y</t></rPh>", 1))
	n := 0
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		n++
		path := filepath.Join(t.TempDir(), fmt.Sprintf("f%d.xlsx", n))
		sheettest.RewriteParts(t, base, path, map[string]string{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst})
		readBoth(t, Roster, path)
	})
}

// On long sheets the fast reader hands every row on once, in order; and a cell it does not know
// found in the last row leaves the whole sheet to excelize with no row handed on twice.
func TestFastReaderLongSheets(t *testing.T) {
	dir := t.TempDir()
	for _, late := range []bool{false, true} {
		f := excelize.NewFile()
		money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		sw.SetRow("A1", []any{"村", "组", "姓名", "联系电话"})
		n := 20000
		for i := 2; i <= n; i++ {
			var phone any = 13800000000 + i
			if late && i == n {
				phone = excelize.Cell{StyleID: money, Value: 13800000000 + i}
			}
			ref, _ := excelize.CoordinatesToCellName(1, i)
			if err := sw.SetRow(ref, []any{"丹口村", "一组", fmt.Sprintf("居民%d", i), phone}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("long-%v.xlsx", late))
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if fast := readBoth(t, Roster, path); fast == late {
			t.Errorf("a long sheet with a cell it does not know in its last row (%v) read by the fast reader: %v", late, fast)
		}
	}
}

// Workbooks LibreOffice wrote (testdata/README.md) are read by the fast reader, as excelize reads them.
func TestFastReaderOnLibreOfficeFiles(t *testing.T) {
	for file, rows := range map[string]int{"libreoffice-roster.xlsx": 60, "libreoffice-from-csv.xlsx": 300} {
		path := filepath.Join("testdata", file)
		if !readBoth(t, Roster, path) {
			t.Errorf("%s: the fast reader gave it up", file)
		}
		s, err := Read(path)
		if err != nil || len(s.Rows) != rows {
			t.Fatalf("%s: %v, %d rows, want %d", file, err, len(s.Rows), rows)
		}
		if b := s.Rows[0].Cells["birth_date"]; !b.Numeric || b.Raw == "" {
			t.Errorf("%s: the first birth date %+v is not read as an Excel date", file, b)
		}
	}
}
