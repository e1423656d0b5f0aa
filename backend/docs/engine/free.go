package engine

import (
	"strings"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/linebreak"
)

// The free-placement methods below draw outside the body grid, for pages
// such as certificates. Positions are in mm from the page's top left.

// PageSize returns the page's width and height in mm.
func (d *Doc) PageSize() (float64, float64) {
	if d.opt.Landscape {
		return PageH, PageW
	}
	return PageW, PageH
}

// TextAt draws one line of text (not broken) from x on baseline y and
// returns its width.
func (d *Doc) TextAt(x, y float64, role fonts.Role, size float64, color RGB, text string) float64 {
	if !d.ok(role, text) {
		return 0
	}
	w := d.drawText(x, y, role, size, size*ptToMM, color, text) - x
	d.record(Block{Free: &Free{X: x, Y: y - 0.88*size*ptToMM, W: w + size*ptToMM, Role: role, Size: size, Color: color, Align: AlignLeft, Text: text, Lines: 1}})
	return w
}

// CenterAt draws one line of text centred between x and x+w on baseline
// y, set smaller when it is wider than w.
func (d *Doc) CenterAt(x, w, y float64, role fonts.Role, size float64, color RGB, text string) {
	if !d.ok(role, text) {
		return
	}
	tw := d.width(role, size, size*ptToMM, text)
	if tw > w {
		size *= w / tw
		tw = d.width(role, size, size*ptToMM, text)
	}
	d.drawText(x+(w-tw)/2, y, role, size, size*ptToMM, color, text)
	d.record(Block{Free: &Free{X: x, Y: y - 0.88*size*ptToMM, W: w, Role: role, Size: size, Color: color, Align: AlignCenter, Text: text, Lines: 1}})
}

// Block draws text as justified paragraphs (one per line of text) of
// width w from top y, lines lead mm apart, each paragraph's first line
// indented by indent characters; it returns the y under the last line.
func (d *Doc) Block(x, y, w float64, role fonts.Role, size, lead, indent float64, color RGB, text string) float64 {
	text = clean(text)
	if !d.ok(role, text) {
		return y
	}
	em := size * ptToMM
	d.record(Block{Free: &Free{X: x, Y: y, W: w, Role: role, Size: size, Lead: lead, Indent: indent, Color: color, Text: text,
		Lines: d.CountLines(w, role, size, indent, text)}})
	for _, p := range strings.Split(text, "\n") {
		for _, l := range d.breakRuns([]linebreak.Run{{Text: p, Font: string(role)}}, size, em, w, indent*em, true) {
			d.drawLine(l, x, y+lead/2+0.35*em, size, em, color)
			y += lead
		}
	}
	return y
}

// Frame draws a rectangle outline.
func (d *Doc) Frame(x, y, w, h, lineWidth float64, color RGB) {
	if d.err != nil {
		return
	}
	d.record(Block{Box: &Box{X: x, Y: y, W: w, H: h, Line: lineWidth, Color: color}})
	d.pdf.SetLineWidth(lineWidth)
	d.pdf.SetDrawColor(color.R, color.G, color.B)
	d.pdf.Rect(x, y, w, h, "D")
	d.pdf.SetDrawColor(0, 0, 0)
}

// CountLines returns how many lines Block would take for text at size in
// width w with the given first-line indent, without drawing anything.
func (d *Doc) CountLines(w float64, role fonts.Role, size, indent float64, text string) int {
	em := size * ptToMM
	n := 0
	for _, p := range strings.Split(clean(text), "\n") {
		ls, err := linebreak.Break([]linebreak.Run{{Text: p, Font: string(role)}}, d.measure(size, em), linebreak.Options{Width: w, FirstIndent: indent * em, Justify: true})
		if err != nil {
			return 0
		}
		n += len(ls)
	}
	return n
}
