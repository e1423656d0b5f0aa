package docs_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"xiangzhi/backend/docs/fonts"
)

// mustFonts returns the embedded font set only, so output does not depend
// on the machine's fonts.
func mustFonts(tb testing.TB) *fonts.Set {
	tb.Helper()
	set, err := fonts.Load(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// outDir is where test PDFs and page images are left to be looked at.
func outDir(tb testing.TB, sub string) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "test-results", "docs", sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// run runs a command and returns its standard output.
func run(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// write saves pdf under dir/name.pdf and returns the path.
func write(tb testing.TB, dir, name string, pdf []byte) string {
	p := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// squash drops all white space: the text of a PDF compared with its input,
// line breaks and justification spaces aside.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\f' || r == '\r' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}
