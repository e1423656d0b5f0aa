// Package sheettest changes workbooks for the tests of the packages that read them.
package sheettest

import (
	"archive/zip"
	"io"
	"os"
	"strings"
	"testing"
)

// RewritePart copies the workbook from to to with its part name (such as xl/worksheets/sheet1.xml)
// changed by edit.
func RewritePart(tb testing.TB, from, to, name string, edit func(string) string) {
	tb.Helper()
	r, err := zip.OpenReader(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	defer out.Close()
	z := zip.NewWriter(out)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if f.Name == name {
			b = []byte(edit(string(b)))
		}
		w, err := z.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			tb.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
}

// CommentBeforeRow puts an XML comment, which the fast reader leaves to the slower one, before the
// nth <row> of a worksheet's XML (1-based).
func CommentBeforeRow(n int) func(string) string {
	return func(s string) string {
		at := -1
		for range n {
			at += strings.Index(s[at+1:], "<row") + 1
		}
		return s[:at] + "<!-- 已核对 -->" + s[at:]
	}
}
