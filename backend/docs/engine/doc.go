// Package engine lays out Chinese official documents (GB/T 9704-2012) on
// gofpdf: A4, top margin 37 mm, left 28 mm, a type area of 156 × 225 mm
// holding 22 lines of 28 body characters, page numbers "— 1 —". Lines are
// broken by package linebreak and every character is drawn with Text at
// its own position, so no character is lost at a break. Every character
// is checked against the available fonts before it is drawn; the output
// is deterministic (same input, same bytes).
package engine

import (
	"bytes"
	"time"

	"github.com/jung-kurt/gofpdf"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// Page geometry of GB/T 9704-2012, in millimetres.
const (
	PageW     = 210.0
	PageH     = 297.0
	Left      = 28.0
	Top       = 37.0
	TypeW     = 156.0
	TypeH     = 225.0
	Lines     = 22            // body lines per page
	Chars     = 28            // body characters per line
	Pitch     = TypeH / Lines // distance between body lines
	Cell      = TypeW / Chars // width of one body character
	BodyPt    = 16.0          // 三号
	TitlePt   = 22.0          // 二号
	TablePt   = 14.0          // 四号, tables and page numbers
	ptToMM    = 25.4 / 72     // one point in millimetres
	pageNoGap = 7.0           // page number line below the type area
)

// RGB is a colour.
type RGB struct{ R, G, B int }

// Colours used by official documents.
var (
	Black = RGB{0, 0, 0}
	Red   = RGB{230, 0, 18}
)

// Options describe a document as a whole.
type Options struct {
	Title     string    // document metadata title
	Author    string    // issuing office, as metadata
	Date      time.Time // the document's own date: creation and modification date, so output is reproducible
	Landscape bool      // A4 landscape (certificates); the grid flow is for portrait pages
	// PageNumbers puts "— n —" under the type area of every page, a
	// one-page document's too (odd pages right, even pages left).
	PageNumbers bool
	// Breaks are page breaks an earlier layout of the same document asked
	// for (Doc.Breaks).
	Breaks []Break
}

// Doc is a document being drawn. Drawing methods record the first error
// and do nothing after it; Bytes returns it.
type Doc struct {
	pdf        *gofpdf.Fpdf
	set        *fonts.Set
	opt        Options
	added      map[*fonts.Face]bool
	face       *fonts.Face // current font face and size on the PDF
	size       float64
	color      RGB
	field      string // the input field the text being drawn comes from
	base       int    // characters of the field before the text being drawn, for error positions
	err        error
	line       int // next free grid line on the current page; nlines when the page is full
	y          float64
	taken      []Break        // where each line of text was drawn, in order
	glue       int            // the next line stays on a page with this many lines before it (KeepWithLast)
	forced     map[Break]bool // Options.Breaks
	asked      []Break        // breaks this layout asks for (Breaks)
	unnumbered map[int]bool   // pages that carry no page number (a blank page before the 版记, and its page)
	blocks     []Block        // what has been drawn, for a word processor (Blocks)
	colophon   *Colophon      // the 版记, drawn last (finish)
	later      []func()       // drawn after the rest, before the 版记 (Later)

	// the type area and its grid: GB/T 9704 on portrait pages; on landscape
	// pages 20 mm margins and 16 lines of 46 characters
	left, top, typeW, typeH float64
	nlines                  int
	pitch, cell             float64
}

// New starts a document drawn with the faces of set.
func New(set *fonts.Set, opt Options) *Doc {
	orient := "P"
	if opt.Landscape {
		orient = "L"
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	date := opt.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("乡治通", true)
	pdf.SetProducer("乡治通 PDF", true)
	if opt.Title != "" {
		pdf.SetTitle(opt.Title, true)
	}
	if opt.Author != "" {
		pdf.SetAuthor(opt.Author, true)
	}
	d := &Doc{pdf: pdf, set: set, opt: opt, added: map[*fonts.Face]bool{},
		left: Left, top: Top, typeW: TypeW, typeH: TypeH, nlines: Lines}
	d.cell = Cell
	if opt.Landscape {
		d.left, d.top, d.typeW, d.typeH, d.nlines = 20, 20, PageH-40, PageW-40-10, 16
		d.cell = d.typeW / 46
	}
	d.forced, d.unnumbered = map[Break]bool{}, map[int]bool{}
	for _, b := range opt.Breaks {
		d.forced[b] = true
	}
	d.pitch = d.typeH / float64(d.nlines)
	d.line = d.nlines
	return d
}

// Field names the input field the following text comes from, so that a
// character no font can draw is reported against that field.
func (d *Doc) Field(name string) { d.field, d.base = name, 0 }

// Err returns the first error met while drawing, if any.
func (d *Doc) Err() error { return d.err }

// Pages returns the number of pages so far.
func (d *Doc) Pages() int { return d.pdf.PageCount() }

// AddPage starts a new page; the grid flow continues at its first line.
func (d *Doc) AddPage() {
	if len(d.blocks) > 0 {
		d.record(Block{PageBreak: true})
	}
	d.addPage()
}

// addPage starts a new page of the layout, one the document does not ask
// for itself (a full page, a table or a block kept together).
func (d *Doc) addPage() {
	if d.err != nil {
		return
	}
	d.pdf.AddPage()
	d.face = nil
	d.line, d.y = 0, d.top
}

// NewPage moves the grid flow to the top of a new page unless the current
// page is still empty.
func (d *Doc) NewPage() {
	if d.line != 0 || d.Pages() == 0 {
		d.AddPage()
	}
}

// newPage is NewPage for a page the layout starts (a header's).
func (d *Doc) newPage() {
	if d.line != 0 || d.Pages() == 0 {
		d.addPage()
	}
}

// Bytes finishes the document (page numbers) and returns the PDF.
func (d *Doc) Bytes() ([]byte, error) {
	d.finish()
	if d.err != nil {
		return nil, d.err
	}
	if d.Pages() == 0 {
		return nil, errs.New(errs.Invalid, "文档没有内容")
	}
	if d.opt.PageNumbers {
		d.pageNumbers()
		d.pdf.SetPage(d.Pages()) // gofpdf outputs the pages up to the current one
	}
	if d.err != nil {
		return nil, d.err
	}
	var buf bytes.Buffer
	err := d.pdf.Output(&buf)
	// the document is finished: nothing may be drawn or output with it again
	d.err = errs.New(errs.Internal, "文档已经生成，不能再次输出")
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "生成 PDF 失败")
	}
	return buf.Bytes(), nil
}

// pageNumbers draws "— n —" 7 mm under the type area of every page, in
// 四号, a half-width space each side of the number as Word's 公文 templates
// set it: odd pages right-aligned and even pages left-aligned, one
// character in.
func (d *Doc) pageNumbers() {
	size := TablePt
	em := size * ptToMM
	for p := 1; p <= d.Pages(); p++ {
		if d.unnumbered[p] {
			continue
		}
		d.pdf.SetPage(p)
		d.face = nil
		parts := []string{"—", itoa(p), "—"}
		w := em // the two spaces
		for _, s := range parts {
			w += d.width(fonts.Fang, size, em, s)
		}
		x := d.left + em
		if p%2 == 1 {
			x = d.left + d.typeW - em - w
		}
		y := d.top + d.typeH + pageNoGap + 0.35*em
		for i, s := range parts {
			if i > 0 { // the space, drawn so that the PDF's text reads "— 1 —" too
				d.drawSpace(x, y, size)
				x += em / 2
			}
			x = d.drawText(x, y, fonts.Fang, size, em, Black, s)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
