package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
)

// fontsFolder makes a font folder holding the embedded 楷体 fallback under the Windows name simkai.ttf,
// so that the selftest finds it as a system font, and returns the folder and the file.
func fontsFolder(t *testing.T) (string, string) {
	emb, err := fonts.Load(nil)
	if err != nil {
		t.Fatalf("the embedded fonts are built by make fonts: %v", err)
	}
	data := emb.Faces(fonts.Kai)[0].Bytes()
	dir := filepath.Join(t.TempDir(), "字体 文件夹")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "simkai.ttf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func TestSelftestPasses(t *testing.T) {
	fontDir, kai := fontsFolder(t)
	t.Setenv("XIANGZHI_FONT_DIRS", fontDir)
	dir := filepath.Join(t.TempDir(), "乡镇 自检 目录")
	code, out, errOut := runCLI("selftest", "--dir", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"准备文件夹", "创建数据库", "检查数据库", "写入网格", "导入花名册", "导出花名册", "内置字体和词表", "加载字体",
		"字体 仿宋", "字体 小标宋", "字体 黑体", "字体 楷体", "备份数据库", "关闭数据库"}
	for _, k := range docs.Kinds() {
		want = append(want, "生成文书 "+k.Label)
	}
	timed := regexp.MustCompile(` \d+ ms$`)
	passed := map[string]string{}
	for _, l := range lines[1 : len(lines)-1] {
		if !strings.HasPrefix(l, "[通过] ") || !timed.MatchString(l) {
			t.Errorf("not a passed step: %q", l)
		}
		for _, name := range want {
			if strings.HasPrefix(l, "[通过] "+name+" ") {
				passed[name] = l
			}
		}
	}
	for _, name := range want {
		if passed[name] == "" {
			t.Errorf("step %s missing:\n%s", name, out)
		}
	}
	if len(lines) != len(want)+2 {
		t.Errorf("%d lines, want %d steps between the title and the summary:\n%s", len(lines), len(want), out)
	}
	if !strings.HasPrefix(lines[len(lines)-1], "自检通过：") {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	if l := passed["字体 楷体"]; !strings.Contains(l, "kai："+kai+"（") {
		t.Errorf("the 楷体 role does not come from %s: %q", kai, l)
	}
	if l := passed["字体 仿宋"]; !strings.Contains(l, "程序内置") {
		t.Errorf("the 仿宋 role should come from the embedded font here: %q", l)
	}

	// The files are kept in a new folder inside --dir, named with Chinese characters and a space.
	work, err := filepath.Glob(filepath.Join(dir, "乡治通 自检 *"))
	if err != nil || len(work) != 1 {
		t.Fatalf("work folders %v %v", work, err)
	}
	for _, name := range []string{"乡治通 自检.db", "备份 自检.db", "花名册 自检.xlsx", "花名册 导出.xlsx", "文书 notice 通知.pdf"} {
		if st, err := os.Stat(filepath.Join(work[0], name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if code, _, _ := runCLI("check", "--db", filepath.Join(work[0], "备份 自检.db")); code != 0 {
		t.Error("the selftest's backup does not check")
	}

	// A second run in the same folder works in a folder of its own.
	if code, out, _ := runCLI("selftest", "--dir", dir); code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	if work, _ := filepath.Glob(filepath.Join(dir, "乡治通 自检 *")); len(work) != 2 {
		t.Errorf("after two runs: %v", work)
	}
}

func TestSelftestWithoutDirCleansUp(t *testing.T) {
	tmp := filepath.Join(t.TempDir(), "临时 文件夹")
	os.MkdirAll(tmp, 0o755)
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} { // what os.TempDir reads on Unix and on Windows
		t.Setenv(v, tmp)
	}
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	code, out, _ := runCLI("selftest")
	if code != 0 || !strings.Contains(out, "[通过] 删除临时文件夹 "+tmp) {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestSelftestFails(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	file := filepath.Join(t.TempDir(), "一个 文件.txt")
	os.WriteFile(file, []byte("不是文件夹"), 0o644)
	code, out, errOut := runCLI("selftest", "--dir", file)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !regexp.MustCompile(`(?m)^\[失败\] 准备文件夹: 无法创建文件夹 .*一个 文件\.txt`).MatchString(out) {
		t.Errorf("the failed step is not named:\n%s", out)
	}
	for _, skipped := range []string{"创建数据库", "写入网格", "备份数据库"} {
		if !strings.Contains(out, "[跳过] "+skipped+": 因“准备文件夹”未通过") {
			t.Errorf("%s not reported as skipped:\n%s", skipped, out)
		}
	}
	// What does not need the folder still runs and is reported.
	if !strings.Contains(out, "[通过] 生成文书 通知 ") || strings.Contains(out, "自检通过") {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.HasPrefix(errOut, "错误：自检未通过：") || !strings.Contains(errOut, "准备文件夹") ||
		!strings.Contains(errOut, "| error (invalid): ") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q", errOut)
	}

	if code, _, errOut := runCLI("selftest", "--nope"); code != 1 || !strings.HasPrefix(errOut, "错误：") {
		t.Errorf("unknown flag: exit %d %q", code, errOut)
	}
}
