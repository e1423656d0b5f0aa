package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// case template writes the ledger's template; case import prints each problem with its row and
// column, writes the report and fails without writing anything while rows are rejected, imports the
// valid rows with --valid-only and skips them when the file comes again; case export writes the cases
// a filter picks, and that file imports into the same database as nothing new. Dates are the test
// clock's, so the test holds on any day.
func TestCaseLedgerCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	d, err := store.Open(db, store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	g := grid.NewService(d, nil)
	if _, err := g.CreateNode(context.Background(), grid.NodeInput{Level: grid.LevelVillage, Name: "儒林村"}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	tmpl := filepath.Join(dir, "template.xlsx")
	if code, out, e := runCLI("case", "template", tmpl); code != 0 || !strings.Contains(out, "民情台账模板") {
		t.Fatalf("template: %d %s %s", code, out, e)
	}
	if _, err := os.Stat(tmpl); err != nil {
		t.Fatal(err)
	}

	today := clock()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"民情台账"})
	f.SetSheetRow(sh, "A2", &[]any{"受理时间", "类别", "反映问题", "当事人", "村（社区）", "办理状态", "办结日期"})
	f.SetSheetRow(sh, "A3", &[]any{today.AddDate(0, -2, 0).Format("2006.1.2"), "民生诉求", "路灯不亮", "杨秀英", "儒林村"})
	f.SetSheetRow(sh, "A4", &[]any{today.AddDate(0, -1, 0).Format("2006-01-02"), "治安问题", "夜间噪音", "龙大海", "儒林村"})
	f.SetSheetRow(sh, "A5", &[]any{today.AddDate(0, 0, -7).Format("2006年1月2日"), "矛盾纠纷", "宅基地纠纷", "吴小花", "儒林",
		"已办结", today.AddDate(0, 0, -1).Format("2006-01-02")})
	ledger := filepath.Join(dir, "ledger.xlsx")
	if err := f.SaveAs(ledger); err != nil {
		t.Fatal(err)
	}
	f.Close()

	report := filepath.Join(dir, "report.xlsx")
	code, out, errOut := runCLI("case", "import", "--db", db, ledger, "--report", report)
	if code != 1 || !strings.Contains(out, "有问题 1 行") || !strings.Contains(out, "第 4 行 问题类别：问题类别“治安问题”") ||
		!strings.Contains(errOut, "未导入任何数据") {
		t.Fatalf("import with a rejected row: %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(report); err != nil {
		t.Errorf("no report: %v", err)
	}
	if code, out, _ := runCLI("case", "list", "--db", db); code != 0 || !strings.Contains(out, "共 0 件") {
		t.Fatalf("a refused import wrote cases: %s", out)
	}
	code, out, errOut = runCLI("case", "import", "--db", db, "--valid-only", ledger)
	if code != 0 || !strings.Contains(out, "已导入 2 件，已导入过而跳过 0 件，有问题未导入 1 行") || !strings.Contains(out, "未登记人员 2 人") {
		t.Fatalf("--valid-only: %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := runCLI("case", "import", "--db", db, "--valid-only", ledger); code != 0 || !strings.Contains(out, "已导入 0 件，已导入过而跳过 2 件") {
		t.Fatalf("the same file again: %d %s", code, out)
	}

	export := filepath.Join(dir, "export.xlsx")
	if code, out, e := runCLI("case", "export", "--db", db, export, "--state", "已办结", "--village", "儒林村"); code != 0 || !strings.Contains(out, "已导出 1 件") {
		t.Fatalf("export: %d %s %s", code, out, e)
	}
	if code, out, e := runCLI("case", "export", "--db", db, export); code != 0 || !strings.Contains(out, "已导出 2 件") {
		t.Fatalf("export of all: %d %s %s", code, out, e)
	}
	if code, out, _ := runCLI("case", "import", "--db", db, export); code != 0 || !strings.Contains(out, "已导入 0 件，已导入过而跳过 2 件") {
		t.Fatalf("the export again: %d %s", code, out)
	}
	for _, args := range [][]string{
		{"case", "export", "--db", db, export, "--state", "办完"},
		{"case", "export", "--db", db, export, "--village", "白云村"},
		{"case", "import", "--db", db, filepath.Join(dir, "none.xlsx")},
		{"case", "import", "--db", filepath.Join(dir, "none.db"), ledger},
		{"case", "template"},
	} {
		if code, out, errOut := runCLI(args...); code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") {
			t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
		}
	}
}
