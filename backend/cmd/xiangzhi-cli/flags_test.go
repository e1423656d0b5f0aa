package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
)

// TestUnknownFlagsAndJSON: every command refuses an unknown flag or a stray argument with its usage,
// and every listing command prints valid JSON with --json.
func TestUnknownFlagsAndJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	for _, args := range [][]string{
		{"init", "--db", db, "--nope"}, {"office", "--db", db, "stray"}, {"check", "--db", db, "--nope"},
		{"backup", "--db", db, "--to"}, {"demo", "--db", db, "--nope"}, {"visits", "overdue", "--db", db, "--nope"},
		{"doc", "kinds", "--jsonx"}, {"doc", "kinds", "stray"}, {"doc", "fonts", "--nope"},
		{"doc", "render", "--nope"}, {"doc", "reprint", "--db", db, "--nope"},
		{"roster", "import", "--db", db, "--nope", "x.xlsx"}, {"roster", "export", "--db", db, "--nope", "x.xlsx"},
	} {
		t.Run(strings.Join(args[:2], "_"), func(t *testing.T) {
			code, out, errOut := runCLI(args...)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, "用法") {
				t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
			}
		})
	}
	for _, args := range [][]string{
		{"doc", "kinds", "--json"}, {"doc", "fonts", "--json"}, {"check", "--db", db, "--json"},
		{"office", "--db", db, "--json"}, {"visits", "overdue", "--db", db, "--json"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			code, out, errOut := runCLI(args...)
			var v any
			if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
				t.Errorf("%v: exit %d, %s %s", args, code, out, errOut)
			}
		})
	}
}

// TestBadInputNamed: a command line an officer got wrong is refused in Chinese, naming the flag or the
// argument and what is wrong with it, and changes nothing.
func TestBadInputNamed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
		t.Fatal(e)
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	notice := filepath.Join(dir, "notice.json")
	if code, out, e := runCLI("doc", "kinds", "--json"); code != 0 {
		t.Fatal(e)
	} else {
		var kinds []struct {
			Kind    string          `json:"kind"`
			Example json.RawMessage `json:"example"`
		}
		if err := json.Unmarshal([]byte(out), &kinds); err != nil || len(kinds) == 0 {
			t.Fatalf("doc kinds: %v %s", err, out)
		}
		if err := os.WriteFile(notice, kinds[0].Example, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"case", "list", "--db", db, "--bogus"}, "没有参数 --bogus"},
		{[]string{"case", "list", "--db", db, "--overdue=maybe"}, "参数 --overdue 只能单独写"},
		{[]string{"case", "list", "--db"}, "参数 --db 后面缺少它的值"},
		{[]string{"stats", "--db", db, "--from", "2026-13-45"}, "起始日期“2026-13-45”不对，请写成 2026-11-27 的形式（参数 --from）"},
		{[]string{"case", "export", "--db", db, filepath.Join(dir, "c.xlsx"), "--source", "乱写"}, "没有“乱写”这种来源"},
		{[]string{"case", "export", "--db", db, filepath.Join(dir, "c.xlsx"), "--level", "省"}, "没有“省”这种办理层级"},
		{[]string{"office", "--db", empty}, "是空的（0 字节），不是乡治通的数据库；未改动"},
		{[]string{"case", "list", "--db", empty}, "是空的（0 字节）"},
		{[]string{"exchange", "watch", "--db", db, "--dir", dir, "--poll", "-1s"}, "应至少 1 秒"},
		{[]string{"exchange", "watch", "--db", db, "--dir", dir, "--poll", "0.5s"}, "（参数 --poll）"},
		{[]string{"exchange", "watch", "--db", db, "--dir", db}, "是一个文件，不是文件夹"},
		{[]string{"roster", "export", "--db", db, filepath.Join(dir, "r.xlsx"), "extra"}, "多余的参数 \"extra\""},
		{[]string{"roster", "import", "--db", db, dir}, "是文件夹，请给出要导入的 .xlsx 文件"},
		{[]string{"roster", "template", filepath.Join(dir, "t.pdf")}, "文件名应以 .xlsx 结尾"},
		{[]string{"doc", "render", "--kind", "notice", "--in", notice, "-o", filepath.Join(dir, "n.txt")}, "文件名应以 .pdf 或 .docx 结尾"},
		{[]string{"doc", "render", "--kind", "notice", "--in", notice, "-o", filepath.Join(dir, "n.pdf"), "--db", db}, "--db 只在发文存档（--issue）时使用"},
		{[]string{"doc", "reprint", "--db", db, "--number", "丹口-2026-通知-0001", "-o", filepath.Join(dir, "n.docx")}, "文件名应以 .pdf 结尾"},
		{[]string{"bundle", "import", "--db", db, dir}, "是文件夹；请给出其中的数据包文件"},
		{[]string{"bundle", "export", "--db", db, "--full", "--to", db}, "是一个文件，不是文件夹"},
		{[]string{"backup", "--db", db, "--to", dir}, "是文件夹；请给出备份文件的名字"},
		{[]string{"init", "--db", dir}, "是文件夹；请给出新数据库文件的名字"},
		{[]string{"peer", "remove", "--db", db}, "请给出交换单位的名称、简称或单位标识"},
		{[]string{"office", "--db", db, "--name", ""}, "单位名称不能为空"},
	} {
		t.Run(strings.Join(c.args[:2], "_"), func(t *testing.T) {
			before := snapshotDir(t, dir)
			code, out, errOut := runCLI(c.args...)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "错误：") || !strings.Contains(errOut, c.want) {
				t.Errorf("%v: exit %d, out %q, err %q; want %q", c.args, code, out, errOut, c.want)
			}
			if after := snapshotDir(t, dir); after != before {
				t.Errorf("%v changed the folder:\n%s\nto\n%s", c.args, before, after)
			}
		})
	}
}

// snapshotDir lists the files of dir with their sizes and contents' hashes.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, "%s %d %x\n", e.Name(), len(data), sha256.Sum256(data))
	}
	return b.String()
}

// namingFlag names the flag an error's field came from as the usage writes it, once.
func TestNamingFlag(t *testing.T) {
	for _, c := range []struct {
		err  error
		args []string
		want string
	}{
		{errs.Field("from", "起始日期不对"), []string{"--db", "x.db", "--from", "2026-13-45"}, "起始日期不对（参数 --from）"},
		{errs.Field("from", "起始日期不对"), []string{"--db", "x.db", "--from=2026-13-45"}, "起始日期不对（参数 --from）"},
		{errs.Field("o", "输出文件不能是文件夹"), []string{"-o", "/tmp"}, "输出文件不能是文件夹（参数 -o）"},
		{errs.Field("village", "--village：没有这个村"), []string{"--village", "张家村"}, "--village：没有这个村"},
		{errs.Field("to", "截止日期不对"), []string{"--from", "2026-01-01"}, "截止日期不对"},
		{errs.New(errs.Invalid, "不对"), []string{"--from", "x"}, "不对"},
	} {
		if got := errs.As(namingFlag(c.err, c.args)).Message; got != c.want {
			t.Errorf("%v %v: %q, want %q", c.err, c.args, got, c.want)
		}
	}
}
