package engine_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"xiangzhi/backend/docs/internal/pdftest"
)

// The shared helpers of the document tests (see package pdftest).
var (
	mustFonts = pdftest.Fonts
	run       = pdftest.Run
	write     = pdftest.Write
	squash    = pdftest.Squash
)

// outDir is test-results/docs/engine.
func outDir(tb testing.TB) string { return pdftest.OutDir(tb, "engine") }

// ptMM converts PDF points to millimetres.
const ptMM = 25.4 / 72

// pageTexts returns the squashed text of each page, from pdftotext.
func pageTexts(tb testing.TB, path string) []string {
	tb.Helper()
	pages := strings.Split(run(tb, "pdftotext", "-enc", "UTF-8", path, "-"), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	for i := range pages {
		pages[i] = squash(pages[i])
	}
	return pages
}

// checkFile runs qpdf --check and checks with pdffonts that every font is embedded.
func checkFile(tb testing.TB, path string) {
	tb.Helper()
	run(tb, "qpdf", "--check", path)
	out := strings.Split(strings.TrimSpace(run(tb, "pdffonts", path)), "\n")
	if len(out) < 3 {
		tb.Errorf("pdffonts lists no font:\n%s", strings.Join(out, "\n"))
	}
	for _, line := range out[2:] {
		// name type... encoding emb sub uni object ID
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-5] != "yes" {
			tb.Errorf("font not embedded: %s", line)
		}
	}
}

// A textLine is one line of text found by pdftotext -bbox-layout, with
// its box in millimetres from the page's top left.
type textLine struct {
	Page                   int // 1-based
	Text                   string
	XMin, YMin, XMax, YMax float64
}

func (l textLine) mid() float64 { return (l.YMin + l.YMax) / 2 }

type box struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type xhtml struct {
	Pages []struct {
		W     float64 `xml:"width,attr"`
		H     float64 `xml:"height,attr"`
		Lines []struct {
			box
			Words []box `xml:"word"`
		} `xml:"flow>block>line"`
	} `xml:"body>doc>page"`
}

func (b box) line(page int) textLine {
	return textLine{Page: page, Text: b.Text, XMin: b.XMin * ptMM, YMin: b.YMin * ptMM, XMax: b.XMax * ptMM, YMax: b.YMax * ptMM}
}

// readingOrder sorts boxes top to bottom, then left to right.
func readingOrder(ls []textLine) {
	sort.SliceStable(ls, func(a, b int) bool {
		if d := ls[a].YMin - ls[b].YMin; d < -0.5 || d > 0.5 {
			return d < 0
		}
		return ls[a].XMin < ls[b].XMin
	})
}

// bbox runs pdftotext -bbox-layout on the PDF at path.
func bbox(tb testing.TB, path string) xhtml {
	tb.Helper()
	out := run(tb, "pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	var doc xhtml
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		tb.Fatalf("pdftotext -bbox-layout output: %v", err)
	}
	return doc
}

// bboxLines returns the text lines of every page of the PDF at path, each
// page's lines in reading order, and the page sizes in points.
func bboxLines(tb testing.TB, path string) (pages [][]textLine, sizes [][2]float64) {
	tb.Helper()
	for i, p := range bbox(tb, path).Pages {
		var ls []textLine
		for _, l := range p.Lines {
			words := make([]string, len(l.Words))
			for k, w := range l.Words {
				words[k] = w.Text
			}
			l.Text = strings.Join(words, " ")
			ls = append(ls, l.line(i+1))
		}
		readingOrder(ls)
		pages = append(pages, ls)
		sizes = append(sizes, [2]float64{p.W, p.H})
	}
	return pages, sizes
}

// bboxWords returns the words of every page of the PDF at path, each
// page's words in reading order.
func bboxWords(tb testing.TB, path string) [][]textLine {
	tb.Helper()
	var pages [][]textLine
	for i, p := range bbox(tb, path).Pages {
		var ws []textLine
		for _, l := range p.Lines {
			for _, w := range l.Words {
				ws = append(ws, w.line(i+1))
			}
		}
		readingOrder(ws)
		pages = append(pages, ws)
	}
	return pages
}

// pngs renders the pages of the PDF at path as PNG images next to it
// (name-1.png, name-2.png, ...) for a person to look at.
func pngs(tb testing.TB, path string, first, last int) {
	tb.Helper()
	old, _ := filepath.Glob(strings.TrimSuffix(path, ".pdf") + "-*.png")
	for _, o := range old {
		os.Remove(o)
	}
	args := []string{"-r", "60", "-png"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	run(tb, "pdftoppm", append(args, path, strings.TrimSuffix(path, ".pdf"))...)
}
