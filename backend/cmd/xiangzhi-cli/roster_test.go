package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRosterCommands(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if code, _, errOut := runCLI("demo", "--db", src, "--scale", "township"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out := filepath.Join(dir, "export.xlsx")
	code, stdout, errOut := runCLI("roster", "export", "--db", src, "--village", firstVillage(t, src), out)
	if code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("export: %d %s %s", code, stdout, errOut)
	}
	// Importing the export into a new database adds everyone; a second time changes nobody.
	dst := filepath.Join(dir, "dst.db")
	code, stdout, errOut = runCLI("roster", "import", "--db", dst, out)
	if code != 0 || !strings.Contains(stdout, "有问题 0 行") || !strings.Contains(stdout, "新增") {
		t.Fatalf("import: %d %s %s", code, stdout, errOut)
	}
	code, stdout, _ = runCLI("roster", "import", "--db", dst, "--update", out)
	if code != 0 || !strings.Contains(stdout, "新增 0 人，更新 0 人") {
		t.Errorf("re-import: %d %s", code, stdout)
	}

	tmpl := filepath.Join(dir, "template.xlsx")
	if code, _, errOut := runCLI("roster", "template", tmpl); code != 0 {
		t.Fatalf("template: %s", errOut)
	}
	if _, err := os.Stat(tmpl); err != nil {
		t.Fatal(err)
	}
	// The empty template has no rows; a missing file and a non-roster fail with exit 1.
	code, _, errOut = runCLI("roster", "import", "--db", dst, filepath.Join(dir, "none.xlsx"))
	if code != 1 || !strings.HasPrefix(errOut, "错误：") {
		t.Errorf("missing file: %d %q", code, errOut)
	}
	code, stdout, _ = runCLI("visits", "overdue", "--db", src)
	if code != 0 || !strings.Contains(stdout, "逾期未访") {
		t.Errorf("visits overdue: %d %s", code, stdout)
	}
}

// firstVillage returns the name of a village in the database, via visits overdue --json.
func firstVillage(t *testing.T, db string) string {
	t.Helper()
	_, out, _ := runCLI("visits", "overdue", "--db", db, "--json")
	i := strings.Index(out, `"byVillage"`)
	j := strings.Index(out[i:], `"name": "`)
	rest := out[i+j+len(`"name": "`):]
	return rest[:strings.Index(rest, `"`)]
}

func TestRosterImportRejectsWithoutValidOnly(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetSheetRow(sh, "A1", &[]any{"村", "组", "姓名", "身份证号"})
	f.SetSheetRow(sh, "A2", &[]any{"丹口村", "一组", "杨明", ""})
	f.SetSheetRow(sh, "A3", &[]any{"丹口村", "一组", "错号", "430529198001011230"})
	path := filepath.Join(dir, "bad.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")
	report := filepath.Join(dir, "report.xlsx")
	code, stdout, errOut := runCLI("roster", "import", "--db", db, "--report", report, path)
	if code != 1 || !strings.Contains(stdout, "第 3 行 身份证号") || !strings.Contains(errOut, "未导入任何数据") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, errOut)
	}
	if _, err := os.Stat(report); err != nil {
		t.Errorf("no report: %v", err)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused import into a new path left a database: %v", err)
	}
	if code, stdout, _ := runCLI("roster", "import", "--db", db, "--valid-only", path); code != 0 || !strings.Contains(stdout, "新增 1 人") {
		t.Errorf("--valid-only: %d %s", code, stdout)
	}
}
