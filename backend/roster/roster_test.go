package roster_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/roster"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

var ctx = context.Background()

func mustGrid(t *testing.T) *grid.Service { return mustGridB(t) }

func mustGridB(t testing.TB) *grid.Service {
	t.Helper()
	db := storetest.Open(t, store.Options{})
	g := grid.NewService(db, nil)
	dbs.Store(g, db)
	return g
}

// dbs keeps the database under each test's grid service, which keeps it to itself.
var dbs sync.Map

// dbOf returns the database under a grid service made by mustGrid, to look at its tables.
func dbOf(g *grid.Service) *store.DB {
	db, _ := dbs.Load(g)
	return db.(*store.DB)
}

func validID(birth string, serial int) string {
	first17 := fmt.Sprintf("430529%s%03d", birth, serial)
	return first17 + string(idcard.CheckDigit(first17))
}

// writeSheet writes a messy officer's sheet: a merged title row, the header in row 3, then rows.
// A cell value of int64 or time.Time is stored as a number or a date, as Excel would.
func writeSheet(t *testing.T, header []string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "A1", "城步苗族自治县丹口镇花名册（2026年）")
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	f.MergeCell(sh, "A1", last)
	for c, h := range header {
		cell, _ := excelize.CoordinatesToCellName(c+1, 3)
		f.SetCellValue(sh, cell, h)
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+4)
			f.SetCellValue(sh, cell, v)
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle(sh, cell, cell, dateStyle)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var header = []string{"序号", "名字", "公民身份号码", "村（社区）", "村民小组", "性别", "出生年月", "手机号", "住址", "户主", "与户主关系", "民族", "政治面貌", "人员类别"}

func TestImportMessySheet(t *testing.T) {
	g := mustGrid(t)
	idA, idB := validID("19800512", 123), validID("19850301", 244)
	rows := [][]any{
		{1, " 杨明 ", idA, "丹口村", "第三组", "男", "", "138 0739 1234", "丹口村三组12号", "杨明", "户主", "苗", "中共党员", "低保户、留守老人"},
		{2, "龙秀英", "４３０５２９" + idB[6:], "丹口村", "第三组", "女性", "1985/3/1", "", "丹口村三组12号", "杨明", "配偶", "苗族", "群众", ""},
		{3, "杨小宝", "", "丹口村", "第三组", "m", time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC), "", "丹口村三组12号", "杨明", "子", "苗族", "", ""},
		{4, "错号码", idA[:17] + "0", "丹口村", "第三组", "男", "", "", "丹口村三组13号", "错号码", "户主", "汉族", "", ""},
		{5, "数字号", int64(430529198001011234), "丹口村", "第三组", "男", "", "", "丹口村三组14号", "数字号", "户主", "汉族", "", ""},
		{6, "", "", "丹口村", "第三组", "", "", "", "", "", "", "", "", ""}, // a row with only 村/组: no name
	}
	path := writeSheet(t, header, rows)
	p, err := roster.Check(ctx, g, path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 6 || p.Valid != 3 || p.Rejected != 3 {
		t.Fatalf("total %d valid %d rejected %d: %+v", p.Total, p.Valid, p.Rejected, p.Problems)
	}
	byRow := map[int]string{}
	for _, pr := range p.Problems {
		byRow[pr.Row] += pr.Key + ":" + pr.Message + ";"
	}
	if !strings.Contains(byRow[7], "id_number:") || !strings.Contains(byRow[7], "校验") {
		t.Errorf("row 7 (bad check digit): %q", byRow[7])
	}
	if !strings.Contains(byRow[8], "文本格式") {
		t.Errorf("row 8 (ID as a number): %q", byRow[8])
	}
	if !strings.Contains(byRow[9], "name:") {
		t.Errorf("row 9 (no name): %q", byRow[9])
	}

	t.Run("AllOrNothing", func(t *testing.T) {
		_, err := roster.Import(ctx, g, p, roster.Options{}, nil)
		if errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "未导入任何数据") {
			t.Fatalf("got %v", err)
		}
		if vs, _ := g.Villages(ctx); len(vs) != 0 {
			t.Error("a refused import wrote villages")
		}
	})

	t.Run("Report", func(t *testing.T) {
		report := filepath.Join(t.TempDir(), "report.xlsx")
		if err := p.WriteReport(report); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(report)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetList()[0])
		if len(rows) < 4 {
			t.Errorf("report has %d rows", len(rows))
		}
	})

	res, err := roster.Import(ctx, g, p, roster.Options{ValidOnly: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Households != 1 || res.Nodes != 4 {
		t.Errorf("result %+v", res)
	}
	hits, _ := g.Search(ctx, "yangming", 0)
	if len(hits) != 1 || hits[0].Relation != "户主" {
		t.Fatalf("杨明 not found: %+v", hits)
	}
	r, _ := g.GetResident(ctx, hits[0].ResidentID)
	if r.Phone != "13807391234" || !r.PartyMember || r.Ethnicity != "苗族" || r.Sex != "男" {
		t.Errorf("杨明 stored as %+v", r)
	}
	baby, _ := g.Search(ctx, "杨小宝", 0)
	if len(baby) != 1 || baby[0].BirthDate != "2015-06-01" || baby[0].Sex != "男" {
		t.Errorf("杨小宝 (date as an Excel date): %+v", baby)
	}
	members, _ := g.Members(ctx, hits[0].HouseholdID)
	if len(members) != 3 {
		t.Errorf("household has %d members", len(members))
	}

	t.Run("ReimportSkipsOrUpdatesNeverDuplicates", func(t *testing.T) {
		hh, _ := g.GetHousehold(ctx, hits[0].HouseholdID)
		hh.Phone, hh.Notes = "0739-7321234", "门前有狗"
		if err := g.UpdateHousehold(ctx, hh.ID, grid.HouseholdInput{Code: hh.Code, Address: hh.Address, Phone: hh.Phone, Tags: hh.Tags, Notes: hh.Notes}); err != nil {
			t.Fatal(err)
		}
		defer func() {
			after, _ := g.GetHousehold(ctx, hh.ID)
			if after.Code != hh.Code || after.Phone != hh.Phone || after.Notes != hh.Notes {
				t.Errorf("re-import with update changed the household: %+v, was %+v", after, hh)
			}
		}()
		p2, _ := roster.Check(ctx, g, path)
		if p2.Existing != 2 {
			t.Errorf("existing %d, want 2 (the two with ID numbers)", p2.Existing)
		}
		res, err := roster.Import(ctx, g, p2, roster.Options{ValidOnly: true}, nil)
		if err != nil || res.Added != 0 || res.Skipped != 3 {
			t.Errorf("skip: %+v %v", res, err)
		}
		res, err = roster.Import(ctx, g, p2, roster.Options{ValidOnly: true, UpdateExisting: true}, nil)
		if err != nil || res.Added != 0 || res.Unchanged != 3 {
			t.Errorf("update: %+v %v", res, err)
		}
		vs, _ := g.Villages(ctx)
		if len(vs) != 1 || vs[0].Residents != 3 || vs[0].Households != 1 {
			t.Errorf("after re-imports: %+v", vs)
		}
	})
}

func TestRoundTrip(t *testing.T) {
	g := mustGrid(t)
	var rows [][]any
	for i := 0; i < 40; i++ {
		rel := "户主"
		if i%3 != 0 {
			rel = "子"
		}
		id := ""
		if i%5 != 4 {
			id = validID(fmt.Sprintf("19%02d0101", 50+i), 100+i)
		}
		rows = append(rows, []any{i + 1, fmt.Sprintf("居民%d", i), id, []string{"丹口村", "桃林村"}[i%2], fmt.Sprintf("第%d组", i%3+1),
			"", "", "", fmt.Sprintf("%d号", i/3), fmt.Sprintf("居民%d", i/3*3), rel, "汉族", "", []string{"", "五保户"}[i%2]})
	}
	p, err := roster.Check(ctx, g, writeSheet(t, header, rows))
	if err != nil || p.Rejected != 0 {
		t.Fatalf("%v %+v", err, p.Problems)
	}
	if _, err := roster.Import(ctx, g, p, roster.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.xlsx")
	n, err := roster.Export(ctx, g, "", out)
	if err != nil || n != 40 {
		t.Fatalf("export %d %v", n, err)
	}
	before, _ := dbOf(g).Audit(ctx, 0, 1)
	p2, err := roster.Check(ctx, g, out)
	if err != nil || p2.Rejected != 0 || p2.Valid != 40 {
		t.Fatalf("re-check: %v %+v", err, p2)
	}
	res, err := roster.Import(ctx, g, p2, roster.Options{UpdateExisting: true}, nil)
	if err != nil || res.Added != 0 || res.Updated != 0 || res.Households != 0 || res.Nodes != 0 || res.Unchanged != 40 {
		t.Errorf("re-import of the export: %+v %v", res, err)
	}
	after, _ := dbOf(g).Audit(ctx, 0, 1)
	if after.Total != before.Total {
		t.Errorf("the round trip wrote %d changes", after.Total-before.Total)
	}
	out2 := filepath.Join(t.TempDir(), "export2.xlsx")
	roster.Export(ctx, g, "", out2)
	a, b := readAll(t, out), readAll(t, out2)
	if a != b {
		t.Error("export(import(export)) differs from export")
	}
}

func readAll(t *testing.T, path string) string {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetList()[0])
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

func TestExportCadence(t *testing.T) {
	rep := grid.CadenceReport{Today: "2026-11-27", Households: 2, Overdue: 1, Due: 1,
		Items:     []grid.CadenceItem{{Village: "丹口村", Code: "0001", HeadName: "杨明", IsKey: true, OverdueDays: 12}},
		DueItems:  []grid.CadenceItem{{Village: "丹口村", Code: "0002", HeadName: "龙英"}},
		ByVillage: []grid.CadenceSummary{{Name: "丹口村", Households: 2, Due: 1, Overdue: 1, MaxOverdueDays: 12}},
	}
	path := filepath.Join(t.TempDir(), "cadence.xlsx")
	if err := roster.ExportCadence(rep, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("逾期未走访")
	if len(rows) != 3 || rows[2][4] != "杨明" || rows[2][6] != "重点户" || rows[2][10] != "12" {
		t.Errorf("overdue sheet %v", rows)
	}
	if rows, _ := f.GetRows("本期待访"); len(rows) != 3 || rows[2][4] != "龙英" {
		t.Errorf("due sheet %v", rows)
	}
}

// The preview tells the truth: a row the check calls valid is written, and one the write would
// refuse (a place name over 40 characters, an address over 100, a household code over 30) is a
// problem of its row in the check, so --valid-only imports the others (issue 9 §2).
func TestCheckAppliesTheWriteRules(t *testing.T) {
	g := mustGrid(t)
	long := func(s string, n int) string { return strings.Repeat(s, n) }
	path := writeSheet(t, []string{"村", "片", "组", "邻", "户编号", "住址", "姓名"}, [][]any{
		{"丹口村", "", "一组", "", "", "1号", "杨明"},
		{long("村", 41), "", "一组", "", "", "2号", "李四"},
		{"丹口村", long("片", 41), "一组", "", "", "3号", "王五"},
		{"丹口村", "", long("组", 41), "", "", "4号", "赵六"},
		{"丹口村", "", "一组", long("邻", 41), "", "5号", "钱七"},
		{"丹口村", "", "一组", "", "", long("址", 101), "孙八"},
		{"丹口村", "", "一组", "", long("9", 31), "7号", "周九"},
	})
	p, err := roster.Check(ctx, g, path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Valid != 1 || p.Rejected != 6 {
		t.Fatalf("valid %d, rejected %d: %+v", p.Valid, p.Rejected, p.Problems)
	}
	want := map[int]string{5: "village", 6: "piece", 7: "group", 8: "neighbourhood", 9: "address", 10: "household_code"}
	for _, pr := range p.Problems {
		if want[pr.Row] != pr.Key {
			t.Errorf("row %d: problem in %s (%s), want %s", pr.Row, pr.Key, pr.Message, want[pr.Row])
		}
	}
	res, err := roster.Import(ctx, g, p, roster.Options{ValidOnly: true}, nil)
	if err != nil || res.Added != 1 {
		t.Fatalf("--valid-only: %+v %v", res, err)
	}
}

// One rule for text in sheets as in forms: a name that is a formula, a place with a bidi override,
// a code with an escape byte are problems of their rows (issue 9 §2).
func TestCheckAppliesTheTextRule(t *testing.T) {
	g := mustGrid(t)
	path := writeSheet(t, []string{"村", "组", "户编号", "姓名", "备注"}, [][]any{
		{"丹口村", "一组", "", "杨明", "第一行\u200b"},
		{"丹口村", "一组", "", `=HYPERLINK("http://x","李四")`, ""},
		{"测试村\u202e", "一组", "", "王五", ""},
		{"丹口村", "一组", "00\x1b12", "赵六", ""},
	})
	p, err := roster.Check(ctx, g, path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{5: "name", 6: "village", 7: "household_code"}
	if p.Valid != 1 || len(p.Problems) != 3 {
		t.Fatalf("valid %d: %+v", p.Valid, p.Problems)
	}
	for _, pr := range p.Problems {
		if want[pr.Row] != pr.Key || strings.ContainsAny(pr.Message, "\x1b\u202e") {
			t.Errorf("row %d: %s %q", pr.Row, pr.Key, pr.Message)
		}
	}
}

// A row with several bad cells has a problem on each, so the officer mends the sheet once.
func TestCheckNamesEveryBadCellOfARow(t *testing.T) {
	g := mustGrid(t)
	path := writeSheet(t, []string{"村", "组", "姓名", "身份证号", "联系电话", "民族"}, [][]any{
		{"丹口村", "一组", "杨明", "52262519800512123", "1390739", "火星族"},
	})
	p, err := roster.Check(ctx, g, path)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, pr := range p.Problems {
		keys = append(keys, pr.Key)
	}
	if p.Rejected != 1 || strings.Join(keys, " ") != "id_number phone ethnicity" {
		t.Errorf("rejected %d, problems on %q: %+v", p.Rejected, keys, p.Problems)
	}
}

// Every cell the app writes is a text or number cell, never a formula: notes that begin with = are
// exported as the text a person typed (issue 9 §2).
func TestExportWritesNoFormula(t *testing.T) {
	g := mustGrid(t)
	path := writeSheet(t, []string{"村", "组", "姓名", "备注"}, [][]any{{"丹口村", "一组", "杨明", "=SUM(1,1)"}})
	p, err := roster.Check(ctx, g, path)
	if err != nil || p.Valid != 1 {
		t.Fatalf("%v %+v", err, p)
	}
	if _, err := roster.Import(ctx, g, p, roster.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.xlsx")
	if _, err := roster.Export(ctx, g, "", out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	rows, _ := f.GetRows(sh)
	found := false
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sh, ref); formula != "" {
				t.Errorf("%s holds a formula %q", ref, formula)
			}
			found = found || v == "=SUM(1,1)"
		}
	}
	if !found {
		t.Error("the note was not exported as its text")
	}
}
