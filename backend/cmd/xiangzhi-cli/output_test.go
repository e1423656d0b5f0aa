package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

// Every command that writes a file refuses, before any work and changing nothing, an output that
// would destroy what must be kept (issue 9 §1, each case as it was reproduced).
func TestOutputsNeverOverwriteWhatMustBeKept(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	dir := t.TempDir()
	db := filepath.Join(dir, "丹口 镇.db")
	if code, out, errOut := runCLI("demo", "--db", db, "--scale", "township"); code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	notice := filepath.Join(dir, "notice.json")
	os.WriteFile(notice, []byte(docs.Kinds()[0].Example), 0o644)
	kind := docs.Kinds()[0].Name
	sheet := filepath.Join(dir, "花名册.xlsx")
	if code, _, errOut := runCLI("roster", "template", sheet); code != 0 {
		t.Fatalf("template: %s", errOut)
	}
	number := firstDocNumber(t, db)
	os.MkdirAll(filepath.Join(dir, "backups"), 0o755)
	sum := func(p string) [32]byte { b, _ := os.ReadFile(p); return sha256.Sum256(b) }
	dbSum, noticeSum := sum(db), sum(notice)
	docsBefore := countDocs(t, db)

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"roster export over the database", []string{"roster", "export", "--db", db, db}, "正在使用的数据库"},
		{"doc reprint over the database", []string{"doc", "reprint", "--db", db, "--number", number, "-o", db}, "正在使用的数据库"},
		{"doc render --issue over the database", []string{"doc", "render", "--issue", "--db", db, "--kind", kind, "--in", notice, "-o", db}, "数据库"},
		{"roster template over the database", []string{"roster", "template", db}, "数据库文件"},
		{"import report over the database", []string{"roster", "import", "--db", db, sheet, "--report", db}, "数据库"},
		{"import report over its own sheet", []string{"roster", "import", "--db", db, sheet, "--report", sheet}, "本命令读取的文件"},
		{"render over its own input", []string{"doc", "render", "--kind", kind, "--in", notice, "-o", notice}, "本命令读取的文件"},
		{"over the write-ahead log", []string{"doc", "reprint", "--db", db, "--number", number, "-o", db + "-wal"}, "日志文件"},
		{"over the lock file", []string{"roster", "export", "--db", db, db + ".lock"}, "锁文件"},
		{"into the backups folder", []string{"roster", "export", "--db", db, filepath.Join(dir, "backups", "导出.xlsx")}, "备份文件夹"},
		{"over a folder", []string{"doc", "render", "--kind", kind, "--in", notice, "-o", dir}, "文件夹"},
		{"a name with no room for .partial", []string{"doc", "render", "--kind", kind, "--in", notice, "-o",
			filepath.Join(dir, strings.Repeat("通", 82)+".pdf")}, "文件名太长"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(c.args...)
			if code != 1 || !strings.Contains(errOut, c.want) {
				t.Fatalf("%v: want exit 1 naming %q, got %d\n%s%s", c.args, c.want, code, out, errOut)
			}
		})
	}
	if runtime.GOOS != "windows" {
		code, _, errOut := runCLI("doc", "render", "--kind", kind, "--in", notice, "-o", "/dev/full")
		if st, err := os.Stat("/dev/full"); code != 1 || !strings.Contains(errOut, "不是普通文件") || err != nil || st.Mode().IsRegular() {
			t.Errorf("/dev/full: %d %s", code, errOut)
		}
	}
	if sum(db) != dbSum || sum(notice) != noticeSum {
		t.Fatal("a refused command changed the database or its input")
	}
	if n := countDocs(t, db); n != docsBefore {
		t.Errorf("a refused doc render --issue still issued a document: %d documents, %d before", n, docsBefore)
	}
	if code, out, _ := runCLI("check", "--db", db); code != 0 || !strings.Contains(out, "完好") && !strings.Contains(out, "ok") {
		t.Errorf("check after the refusals: %d %s", code, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*.partial*"))
	if len(matches) > 0 {
		t.Errorf("left behind: %v", matches)
	}
	// The same outputs beside the database are written.
	pdf := filepath.Join(dir, "重印.pdf")
	if code, _, errOut := runCLI("doc", "reprint", "--db", db, "--number", number, "-o", pdf); code != 0 {
		t.Fatalf("reprint to a new file: %s", errOut)
	}
	if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the reprint is not a PDF")
	}
}

// firstDocNumber is the archive number of a document in the database, read without writing.
func firstDocNumber(t *testing.T, db string) string {
	t.Helper()
	var n string
	if err := readOnly(t, db).QueryRow(`SELECT number FROM documents ORDER BY number LIMIT 1`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func countDocs(t *testing.T, db string) int {
	t.Helper()
	var n int
	if err := readOnly(t, db).QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func readOnly(t *testing.T, db string) *sql.DB {
	t.Helper()
	d, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// A command that fails before writing anything leaves no new database behind: a junk sheet imported
// into a new path, a demo that could not be written.
func TestFailedCommandLeavesNoNewDatabase(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.xlsx")
	os.WriteFile(junk, []byte("not a workbook at all"), 0o644)
	db := filepath.Join(dir, "new.db")
	if code, _, errOut := runCLI("roster", "import", "--db", db, junk); code != 1 || errOut == "" {
		t.Fatalf("junk sheet: %d %s", code, errOut)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "new.db*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	// Into an existing database the same failure leaves it as it was.
	if code, _, errOut := runCLI("init", "--db", db, "--office", "丹口镇"); code != 0 {
		t.Fatal(errOut)
	}
	runCLI("roster", "import", "--db", db, junk)
	if _, err := os.Stat(db); err != nil {
		t.Errorf("an existing database was removed: %v", err)
	}
}

// No message echoes an escape sequence to the terminal: a sheet value or a file name with an ESC in
// it is printed with the character shown as U+001B.
func TestMessagesEchoNoEscapes(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI("roster", "import", "--db", filepath.Join(dir, "x.db"), filepath.Join(dir, "a\x1b[2Jb.xlsx"))
	if code != 1 || strings.Contains(out+errOut, "\x1b") || !strings.Contains(errOut, "U+001B") {
		t.Errorf("%d %q %q", code, out, errOut)
	}
}

// A title within a document's title is marked 〈〉 inside its 《》.
func TestBookTitle(t *testing.T) {
	for in, want := range map[string]string{
		"关于开展走访的通知":      "《关于开展走访的通知》",
		"《桃桥村施工合同》审查意见书": "《〈桃桥村施工合同〉审查意见书》",
	} {
		if got := bookTitle(in); got != want {
			t.Errorf("bookTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
