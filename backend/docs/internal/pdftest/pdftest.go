// Package pdftest holds what the document tests share: the embedded font
// set, a folder under test-results for PDFs and page images to be looked
// at, running the poppler and qpdf tools, and comparing extracted text.
package pdftest

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

// Fonts returns the embedded font set only, so output does not depend on
// the machine's fonts.
func Fonts(tb testing.TB) *fonts.Set {
	tb.Helper()
	set, err := fonts.Load(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return set
}

// OutDir is test-results/docs/<sub> at the top of the module, created.
func OutDir(tb testing.TB, sub string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "test-results", "docs", sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Run runs a command and returns its standard output; it fails the test
// when the command fails.
func Run(tb testing.TB, name string, args ...string) string {
	tb.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// Write saves pdf as dir/name.pdf and returns the path.
func Write(tb testing.TB, dir, name string, pdf []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// Squash drops all white space: the text of a PDF compared with its
// input, line breaks and justification spaces aside.
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\t', '\f', '\r', '\u3000':
			return -1
		}
		return r
	}, s)
}
