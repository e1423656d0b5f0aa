package engine

import (
	"golang.org/x/text/width"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/docs/linebreak"
)

// wideEm is the advance (in em) from which a character of ambiguous East
// Asian width (quotes, dashes, ①, Ⅻ) counts as drawn full width.
const wideEm = 0.75

// onGrid says whether r, of advance a (em) in the face that draws it, is
// set on the character grid: East Asian wide and full-width characters
// (Han characters, full-width punctuation), and the ambiguous ones the face
// draws full width. Latin letters, digits and ASCII symbols keep their own
// advance however wide they are (M, W, w, @, %): set in a whole cell they
// stood apart, and the PDF's text read 「w w w」.
func onGrid(r rune, a float64) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	case width.EastAsianAmbiguous:
		return a >= wideEm
	}
	return false
}

// advance is the width in mm of r in role at size (pt); wide characters
// take cell instead of their natural advance, so body text sits on the
// 28-character grid.
func (d *Doc) advance(role fonts.Role, r rune, size, cell float64) float64 {
	_, w, _ := d.glyph(role, r, size, cell)
	return w
}

// glyph returns the face that draws r in role, its advance in mm at size
// (cell for a wide character) and how far right of the pen the glyph is
// drawn (a wide glyph is centred in its cell); a nil face when no font
// has r.
func (d *Doc) glyph(role fonts.Role, r rune, size, cell float64) (*fonts.Face, float64, float64) {
	f := d.set.Pick(role, r)
	if f == nil {
		return nil, cell, 0
	}
	a, _ := f.Advance(r)
	natural := a * size * ptToMM
	if !onGrid(r, a) {
		return f, natural, 0
	}
	return f, cell, (cell - natural) / 2
}

// measure returns the linebreak measure for text at size with the given cell.
func (d *Doc) measure(size, cell float64) linebreak.Measure {
	return func(font string, r rune) float64 { return d.advance(fonts.Role(font), r, size, cell) }
}

// width is the width in mm of a line of text in role.
func (d *Doc) width(role fonts.Role, size, cell float64, text string) float64 {
	w := 0.0
	for _, r := range text {
		w += d.advance(role, r, size, cell)
	}
	return w
}

// use makes f at size the current font, embedding f on its first use.
func (d *Doc) use(f *fonts.Face, size float64) {
	if !d.added[f] {
		font, err := f.PDF()
		if err != nil {
			d.fail("%v", err)
			return
		}
		d.pdf.AddUTF8FontParsed(f.Key, "", font)
		d.added[f] = true
		if d.pdf.Err() {
			d.fail("字体 %s 无法嵌入 PDF：%v", f.Name, d.pdf.Error())
			return
		}
	}
	if d.face != f || d.size != size {
		d.pdf.SetFont(f.Key, "", size)
		d.face, d.size = f, size
	}
}

// setColor sets the text colour.
func (d *Doc) setColor(c RGB) {
	if c != d.color {
		d.pdf.SetTextColor(c.R, c.G, c.B)
		d.color = c
	}
}

// drawText draws text from x on baseline y without breaking it, each
// character at its own position (wide characters centred in their cell).
// It returns where the text ends.
func (d *Doc) drawText(x, y float64, role fonts.Role, size, cell float64, color RGB, text string) float64 {
	if d.err != nil {
		return x
	}
	d.setColor(color)
	for _, r := range text {
		f, w, dx := d.glyph(role, r, size, cell)
		if r != ' ' && r != '\u3000' {
			if f == nil {
				d.fail("第%q字没有字形", r)
				return x
			}
			d.use(f, size)
			d.pdf.Text(x+dx, y, string(r))
		}
		x += w
	}
	return x
}

// drawSpace draws a space glyph at x on baseline y in the body font at
// size, for the text layer: drawText only moves past spaces.
func (d *Doc) drawSpace(x, y, size float64) {
	if f := d.set.Pick(fonts.Fang, ' '); f != nil && d.err == nil {
		d.use(f, size)
		d.pdf.Text(x, y, " ")
	}
}

// drawLine draws one broken line whose start is x0, on baseline y.
func (d *Doc) drawLine(l linebreak.Line, x0, y, size, cell float64, color RGB) {
	for _, p := range l.Pieces {
		d.drawText(x0+p.X, y, fonts.Role(p.Font), size, cell, color, p.Text)
	}
}

// breakRuns breaks runs into lines of width w with the first line indented.
// A justified line spreads out by at most half a character between two characters or words.
func (d *Doc) breakRuns(runs []linebreak.Run, size, cell, w, indent float64, justify bool) []linebreak.Line {
	return d.breakWith(runs, size, cell, linebreak.Options{Width: w, FirstIndent: indent, Justify: justify, MaxGap: cell / 2})
}

// breakWords breaks runs into unjustified lines of width w between words only, as titles are broken.
func (d *Doc) breakWords(runs []linebreak.Run, size, cell, w float64) []linebreak.Line {
	return d.breakWith(runs, size, cell, linebreak.Options{Width: w, KeepWords: true})
}

func (d *Doc) breakWith(runs []linebreak.Run, size, cell float64, opt linebreak.Options) []linebreak.Line {
	if d.err != nil {
		return nil
	}
	lines, err := linebreak.Break(runs, d.measure(size, cell), opt)
	if err != nil {
		d.fail("%v", err)
		return nil
	}
	return lines
}
