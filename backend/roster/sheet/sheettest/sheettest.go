// Package sheettest reads and changes the parts of workbooks for the tests of the packages that read
// them.
package sheettest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// Part returns the part name (such as xl/worksheets/sheet1.xml) of the workbook file.
func Part(tb testing.TB, file, name string) string {
	tb.Helper()
	z, err := zip.OpenReader(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				tb.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				tb.Fatal(err)
			}
			return string(b)
		}
	}
	tb.Fatalf("%s has no %s", file, name)
	return ""
}

// RewriteParts copies the workbook from to to, with the parts in parts replaced.
func RewriteParts(tb testing.TB, from, to string, parts map[string]string) {
	tb.Helper()
	z, err := zip.OpenReader(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer z.Close()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range z.File {
		out, err := w.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		if s, ok := parts[f.Name]; ok {
			io.WriteString(out, s)
			continue
		}
		r, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(out, r)
		r.Close()
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// RewritePart copies the workbook from to to with its part name changed by edit.
func RewritePart(tb testing.TB, from, to, name string, edit func(string) string) {
	tb.Helper()
	RewriteParts(tb, from, to, map[string]string{name: edit(Part(tb, from, name))})
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
