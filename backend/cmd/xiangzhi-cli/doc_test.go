package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
)

func TestDocCommands(t *testing.T) {
	t.Setenv("XIANGZHI_FONT_DIRS", "none")
	dir := t.TempDir()

	code, out, _ := runCLI("doc", "kinds")
	if code != 0 {
		t.Fatalf("doc kinds: %d", code)
	}
	for _, k := range docs.Kinds() {
		if !strings.Contains(out, k.Name+"  "+k.Label) {
			t.Errorf("doc kinds does not list %s %s", k.Name, k.Label)
		}
	}

	// every kind's example, written as JSON, renders from the command line
	for _, k := range docs.Kinds() {
		in := filepath.Join(dir, k.Name+".json")
		os.WriteFile(in, []byte(k.Example), 0o644)
		pdf := filepath.Join(dir, k.Name+".pdf")
		code, out, errOut := runCLI("doc", "render", "--kind", k.Name, "--in", in, "-o", pdf)
		if code != 0 || !strings.Contains(out, "已生成") {
			t.Fatalf("render %s: %d %s %s", k.Name, code, out, errOut)
		}
		if b, _ := os.ReadFile(pdf); !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF", pdf)
		}
	}

	t.Run("BadInputWritesNoFile", func(t *testing.T) {
		var n map[string]any
		json.Unmarshal([]byte(mustKind(t, "notice").Example), &n)
		n["date"] = "2026-02-30"
		b, _ := json.Marshal(n)
		in := filepath.Join(dir, "bad.json")
		os.WriteFile(in, b, 0o644)
		pdf := filepath.Join(dir, "bad.pdf")
		code, _, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", pdf)
		if code != 1 || !strings.Contains(errOut, "成文日期") || !strings.Contains(errOut, "2026-02-30") {
			t.Errorf("bad date: %d %s", code, errOut)
		}
		if _, err := os.Stat(pdf); !os.IsNotExist(err) {
			t.Error("a PDF was written for bad input")
		}
		if _, err := os.Stat(pdf + ".partial"); !os.IsNotExist(err) {
			t.Error("a partial file was left")
		}
		code, _, errOut = runCLI("doc", "render", "--kind", "memo", "--in", in, "-o", pdf)
		if code != 1 || !strings.Contains(errOut, "没有“memo”这种文书") {
			t.Errorf("unknown kind: %d %s", code, errOut)
		}
	})

	// issue 12: a notice naming 张喆 (喆 is outside GB2312) and 赵孟𬱟 (𬱟 is above U+FFFF) printed
	// with no system fonts at all
	t.Run("NamesPrint", func(t *testing.T) {
		in := filepath.Join(dir, "names.json")
		os.WriteFile(in, []byte(`{"title":"关于表彰张喆等同志的通知","body":"张喆、王堃、李犇、刘昇、陈玥、赵珺、赵孟𬱟、𫓧𫄧同志表现突出，特予表彰。","issuer":"镇政府","date":"2026-11-27"}`), 0o644)
		pdf := filepath.Join(dir, "names.pdf")
		if code, out, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", pdf); code != 0 {
			t.Fatalf("doc render: %d %s %s", code, out, errOut)
		}
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), "")
		for _, want := range []string{"关于表彰张喆等同志的通知", "张喆、王堃、李犇、刘昇、陈玥、赵珺、赵孟𬱟、𫓧𫄧同志表现突出"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the PDF's text lacks %q: %s", want, flat)
			}
		}
	})

	// issue 12 §4: -o OUT.docx writes the Word file instead of the PDF
	t.Run("Word", func(t *testing.T) {
		in := filepath.Join(dir, "word.json")
		os.WriteFile(in, []byte(`{"title":"关于报送材料的通知","body":"请各村按时报送。","issuer":"镇政府","date":"2026-11-27"}`), 0o644)
		out := filepath.Join(dir, "通知.docx")
		code, stdout, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", out)
		if code != 0 || !strings.Contains(stdout, "Word 文件") {
			t.Fatalf("doc render -o .docx: %d %s %s", code, stdout, errOut)
		}
		if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("no Word file at %s: %v", out, err)
		}
	})

	t.Run("ChosenFont", func(t *testing.T) {
		in := filepath.Join(dir, "rare.json")
		os.WriteFile(in, []byte(`{"title":"通知","body":"请㐂同志参会","issuer":"镇政府","date":"2026-11-27"}`), 0o644)
		pdf := filepath.Join(dir, "rare.pdf")
		code, _, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", pdf)
		if code != 1 || !strings.Contains(errOut, "「正文」第2个字“㐂”（U+3402）") {
			t.Errorf("a character no font has: %d %s", code, errOut)
		}
		code, out, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", pdf,
			"--font", "kai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
		if code != 0 {
			t.Fatalf("with a font that has it: %s %s", out, errOut)
		}
		if text, _ := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output(); !strings.Contains(string(text), "请㐂同志参会") {
			t.Errorf("text: %s", text)
		}
		ttc := filepath.Join(dir, "simsun.ttc")
		os.WriteFile(ttc, append([]byte("ttcf"), make([]byte, 64)...), 0o644)
		if code, _, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", pdf, "--font", "fang="+ttc); code != 1 || !strings.Contains(errOut, ".ttc") {
			t.Errorf("a ttc font: %d %s", code, errOut)
		}
		if code, out, _ := runCLI("doc", "fonts", "--licenses"); code != 0 || !strings.Contains(out, "仿宋") || !strings.Contains(out, "SIL Open Font License") {
			t.Errorf("doc fonts: %d %.200s", code, out)
		}
	})

	t.Run("IssueAndReprint", func(t *testing.T) {
		db := filepath.Join(dir, "x.db")
		if code, _, e := runCLI("init", "--db", db, "--office", "丹口镇", "--short", "丹口"); code != 0 {
			t.Fatal(e)
		}
		in := filepath.Join(dir, "notice.json")
		first := filepath.Join(dir, "issued.pdf")
		code, _, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", first, "--db", db, "--issue")
		if code != 1 || !strings.Contains(errOut, "还没有填写操作员") {
			t.Errorf("issue with no issuer: %d %s", code, errOut)
		}
		if _, err := os.Stat(first); !os.IsNotExist(err) {
			t.Error("a PDF was written though nothing was issued")
		}
		code, out, errOut := runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", first, "--db", db, "--issue", "--issuer", "王丽")
		if code != 0 || !strings.Contains(out, "-通知-0001") || !strings.Contains(out, "发文人 王丽") {
			t.Fatalf("issue: %d %s %s", code, out, errOut)
		}
		number := strings.Fields(strings.SplitN(out, "存档号 ", 2)[1])[0]
		number = strings.SplitN(number, "《", 2)[0]
		again := filepath.Join(dir, "reprint.pdf")
		if code, out, errOut := runCLI("doc", "reprint", "--db", db, "--number", number, "-o", again); code != 0 {
			t.Fatalf("reprint: %s %s", out, errOut)
		}
		a, _ := os.ReadFile(first)
		b, _ := os.ReadFile(again)
		if !bytes.Equal(a, b) {
			t.Error("the reprint differs from the issued file")
		}
		fix := filepath.Join(dir, "fix.pdf")
		code, out, errOut = runCLI("doc", "render", "--kind", "notice", "--in", in, "-o", fix, "--db", db, "--issue", "--issuer", "王丽", "--replaces", number)
		if code != 0 || !strings.Contains(out, "-通知-0002") {
			t.Fatalf("correction: %d %s %s", code, out, errOut)
		}
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", fix, "-").Output()
		// It names the 文号 the villages saw and the 存档号 (a line may break at a -).
		squashed := strings.ReplaceAll(strings.Join(strings.Fields(string(text)), ""), "-", "")
		if err != nil || !strings.Contains(squashed, "本件更正并替代丹政发〔2026〕12号《") ||
			!strings.Contains(squashed, "（存档号"+strings.ReplaceAll(number, "-", "")+"）") {
			t.Errorf("the correction does not name the 文号 and %s: %v\n%s", number, err, squashed)
		}
		if code, _, errOut := runCLI("doc", "reprint", "--db", db, "--number", "2026-通知-0999", "-o", again); code != 1 || !strings.Contains(errOut, "2026-通知-0999") {
			t.Errorf("missing number: %d %s", code, errOut)
		}
	})
}

func mustKind(t *testing.T, name string) *docs.Kind {
	k, err := docs.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
