package engine

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/linebreak"
)

// Column is one column of a table.
type Column struct {
	Title  string
	Width  float64    // relative width; when every column has 0, widths follow the content
	Center bool       // centre the cells (short codes, numbers, dates)
	Role   fonts.Role // the cells' font; 仿宋 when empty
}

// Table is a ruled table that flows across pages: the header row is
// repeated at the top of every page and no row is split across pages.
type Table struct {
	Field   string // the input field the rows come from, for error messages
	Columns []Column
	Rows    [][]string
	Size    float64 // font size in pt; 0 means 四号 (14 pt)
	// NoHeader leaves out the header row (forms whose first column holds the labels).
	NoHeader bool
	// KeepWith is how many grid lines of what follows (a signature: issuer and date) must share the
	// table's last page, so that they are not left alone on a page of their own.
	KeepWith int
	// Continued, when not empty, is printed over the rows on each page after the first
	// (「民情交办单（续）　编号：…」): a form without a header row says on its second page what it is.
	// Too long for a line, it is broken at its first full-width space.
	Continued string
}

const (
	cellPad    = 1.6  // mm inside each cell
	lineFactor = 1.35 // line height as a multiple of the font size
)

// Table draws t from the next grid line; the grid flow continues on the
// first grid line under it.
func (d *Doc) Table(t Table) {
	if d.err != nil || len(t.Columns) == 0 {
		return
	}
	size := t.Size
	if size == 0 {
		size = TablePt
	}
	em := size * ptToMM
	widths := d.columnWidths(t, size, em)
	tb := TableBlock{Table: t, Widths: widths}
	tb.Size = size
	d.record(Block{Table: &tb})
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = c.Title
	}
	d.Field(t.Field + "表头")
	head := d.tableRow(header, t.Columns, widths, size, em, fonts.Hei)
	if t.NoHeader {
		head = row{}
	}
	var cont []linebreak.Line
	contH := 0.0
	if t.Continued != "" {
		d.Field(t.Field + "续页")
		text := clean(t.Continued)
		if !d.ok(fonts.Fang, text) {
			return
		}
		if d.width(fonts.Fang, size, em, text) > d.typeW { // the number on a line of its own, whole
			text = strings.Replace(text, "　", "\n", 1)
		}
		cont = d.breakRuns([]linebreak.Run{{Text: text, Font: string(fonts.Fang)}}, size, em, d.typeW, 0, false)
		contH = float64(len(cont))*em*lineFactor + cellPad
	}
	rows := make([]row, len(t.Rows))
	for i, cells := range t.Rows {
		if len(cells) != len(t.Columns) {
			d.fail("%s第%d行有%d格，应为%d格", t.Field, i+1, len(cells), len(t.Columns))
			return
		}
		d.Field(fmt.Sprintf("%s第%d行", t.Field, i+1))
		rows[i] = d.tableRow(cells, t.Columns, widths, size, em, "")
		if d.err != nil {
			return
		}
		if head.h+contH+rows[i].h > d.typeH {
			d.fail("%s第%d行内容太长，一页放不下，请精简", t.Field, i+1)
			return
		}
	}
	switch {
	case d.Pages() == 0:
		d.addPage()
	case d.line >= d.nlines:
		d.breakPage() // the page is full: what the table is kept with goes to the next one too
	}
	y := d.top + float64(d.line)*d.pitch
	newPage, breaks := d.tablePages(y, head.h, contH, rows, float64(t.KeepWith)*d.pitch, t.Continued == "")
	drawHead := func() {
		if t.NoHeader {
			return
		}
		d.drawRow(head, t.Columns, widths, y, size, em, true)
		y += head.h
	}
	if newPage {
		d.breakPage() // what the table is kept with (KeepNext) moves to the next page too
		y = d.top
	}
	d.glue = 0
	drawHead()
	for i, r := range rows {
		if breaks[i] {
			d.addPage()
			y = d.top
			for k, l := range cont {
				d.drawLine(l, d.left, y+float64(k)*em*lineFactor+em*lineFactor/2+0.35*em, size, em, Black)
			}
			y += contH
			drawHead()
		}
		d.drawRow(r, t.Columns, widths, y, size, em, false)
		y += r.h
	}
	d.line = int(math.Ceil((y-d.top)/d.pitch - 1e-6))
	d.y = d.top + float64(d.line)*d.pitch
}

// tablePages plans where a table starting at y breaks across pages: newPage when it starts on the
// next page, and breaks[i] when row i starts a page; each page after the first carries contH of
// 「（续）」 over its header. A table that fits on one page (with the keep
// millimetres of what must follow it) is not split when whole: it starts on the next page when this
// one cannot hold it all (five names of a 公示 were printed four on one page and one on the next); a
// form that says it is continued fills the page instead (moved, it left its title alone). A longer one
// fills each page, but never leaves its last row alone on a page, and leaves keep under its last row.
func (d *Doc) tablePages(y, headH, contH float64, rows []row, keep float64, whole bool) (newPage bool, breaks []bool) {
	bottom := d.top + d.typeH + 1e-6
	total := headH + keep
	for _, r := range rows {
		total += r.h
	}
	atTop := y <= d.top+1e-6
	if !atTop && (whole && total <= d.typeH && y+total > bottom || len(rows) > 0 && y+headH+rows[0].h > bottom) {
		newPage, y = true, d.top
	}
	breaks = make([]bool, len(rows))
	y += headH
	onPage := 0
	for i, r := range rows {
		if onPage > 0 && y+r.h > bottom {
			breaks[i], y, onPage = true, d.top+contH+headH, 0
		}
		y += r.h
		onPage++
	}
	n := len(rows)
	if n == 0 {
		return newPage, breaks
	}
	// The last row alone on a page, or no room under the last row for what must follow: the last two
	// rows start a page (the page before keeps rows n-3 and on; the new page must hold the two).
	if n >= 3 && !breaks[n-2] && !breaks[n-3] && (breaks[n-1] || y+keep > bottom) &&
		contH+headH+rows[n-2].h+rows[n-1].h+keep <= d.typeH {
		breaks[n-1], breaks[n-2] = false, true
	}
	return newPage, breaks
}

// row is a table row broken into lines, with its height.
type row struct {
	cells [][]linebreak.Line
	h     float64
}

// tableRow checks and breaks the cells of one row.
func (d *Doc) tableRow(cells []string, cols []Column, widths []float64, size, em float64, role fonts.Role) row {
	r := row{cells: make([][]linebreak.Line, len(cells))}
	n := 1
	for i, c := range cells {
		c = clean(c)
		role := role
		if role == "" {
			role = cols[i].Role
		}
		if role == "" {
			role = fonts.Fang
		}
		if !d.ok(role, c) {
			return r
		}
		r.cells[i] = d.breakRuns([]linebreak.Run{{Text: c, Font: string(role)}}, size, em, widths[i]-2*cellPad, 0, false)
		if len(r.cells[i]) > n {
			n = len(r.cells[i])
		}
	}
	r.h = float64(n)*em*lineFactor + 2*cellPad
	return r
}

// drawRow draws the cells of a row with their borders at y.
func (d *Doc) drawRow(r row, cols []Column, widths []float64, y, size, em float64, header bool) {
	d.pdf.SetLineWidth(0.25)
	d.pdf.SetDrawColor(0, 0, 0)
	x := d.left
	lh := em * lineFactor
	for i, w := range widths {
		d.pdf.Rect(x, y, w, r.h, "D")
		lines := r.cells[i]
		top := y + (r.h-float64(len(lines))*lh)/2 // centred vertically
		for k, l := range lines {
			lx := x + cellPad
			if header || cols[i].Center {
				lx = x + (w-l.Width)/2
			}
			d.drawLine(l, lx, top+float64(k)*lh+lh/2+0.35*em, size, em, Black)
		}
		x += w
	}
}

// columnWidths shares the type area's width among the columns, from the
// content first: every column gets at least its narrowest width (its
// widest word, number or date, and, when they all fit, the whole of any
// cell of up to shortCell characters — labels, names, dates, document
// numbers), so no cell is cut against the rules (「办理过程及结 / 果」, 「欧阳建 / 国」,
// 「〔2026 / 〕1号」, 「2026-12- / 04」). The rest is shared by the relative
// Widths when they are given, else as a browser shares an automatic
// table: each column towards the width that holds its widest cell on one
// line.
func (d *Doc) columnWidths(t Table, size, em float64) []float64 {
	n := len(t.Columns)
	pad := 2*cellPad + 0.5
	// least: whole short cells; words: only whole words (when the short cells do not all fit)
	least, words, most := make([]float64, n), make([]float64, n), make([]float64, n)
	cutOf := map[[2]string]float64{} // the cut width of each text and role: lists repeat their villages and reasons
	for i, c := range t.Columns {
		cells := []string{c.Title}
		for _, r := range t.Rows {
			if i < len(r) {
				cells = append(cells, clean(r[i]))
			}
		}
		for k, text := range cells {
			role := fonts.Fang
			if k == 0 {
				role = fonts.Hei
			} else if c.Role != "" {
				role = c.Role
			}
			whole := 0.0
			for _, line := range strings.Split(text, "\n") {
				whole = math.Max(whole, d.width(role, size, em, line))
			}
			most[i] = math.Max(most[i], whole+pad)
			chars := utf8.RuneCountInString(text)
			word := whole // a name is kept whole
			if chars > nameCell {
				key := [2]string{text, string(role)}
				var ok bool
				if word, ok = cutOf[key]; !ok {
					word, _ = linebreak.MinWidth([]linebreak.Run{{Text: text, Font: string(role)}}, d.measure(size, em), true)
					cutOf[key] = word
				}
			}
			words[i] = math.Max(words[i], word+pad)
			if chars > shortCell {
				whole = word
			}
			least[i] = math.Max(least[i], whole+pad)
		}
	}
	if sum(least) > d.typeW {
		least = words
	}
	total, rel := 0.0, make([]float64, n)
	for i, c := range t.Columns {
		rel[i] = c.Width
		total += c.Width
	}
	if total == 0 {
		// automatic: all columns at their widest when that fits, the spare shared in proportion
		if sum(most) <= d.typeW {
			return scaled(most, d.typeW/sum(most))
		}
		rel = make([]float64, n)
		for i := range rel {
			rel[i] = most[i] - least[i]
		}
		if sum(rel) == 0 {
			rel = most
		}
	}
	return share(d.typeW, least, rel)
}

// shortCell is the length, in characters, up to which a cell is kept on one line when the table can
// (丹政发〔2026〕12号 has 12), and nameCell the length up to which it always is (欧阳建国, 诸葛明亮: a
// word list does not know names).
const (
	shortCell = 12
	nameCell  = 4
)

// share gives each column its least width and shares what is left of w in proportion to rel;
// a column whose proportional share is below its least keeps its least, and the rest is shared
// again among the others. When the least widths alone exceed w, they are scaled down to w.
func share(w float64, least, rel []float64) []float64 {
	n := len(least)
	if sum(least) >= w || sum(rel) == 0 {
		return scaled(least, w/sum(least))
	}
	widths := make([]float64, n)
	fixed := make([]bool, n)
	for {
		left, relLeft := w, 0.0
		for i := range least {
			if fixed[i] {
				left -= widths[i]
			} else {
				relLeft += rel[i]
			}
		}
		changed := false
		for i := range least {
			if fixed[i] {
				continue
			}
			widths[i] = left * rel[i] / relLeft
			if relLeft == 0 {
				widths[i] = left / float64(n)
			}
			if widths[i] < least[i] {
				widths[i], fixed[i], changed = least[i], true, true
			}
		}
		if !changed {
			return widths
		}
	}
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

func scaled(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
}
