// Package linebreak breaks Chinese (and mixed Chinese/Latin) text into
// lines for official documents, independently of the PDF library: the
// caller supplies the advance width of each character and draws each
// Piece of each Line itself (gofpdf's MultiCell loses characters at
// automatic breaks of Chinese text).
//
// Rules: a break is allowed between CJK characters and at spaces; words
// and numbers (0739-7321234, 3.14, 12.5%, a@b.cn) are kept whole unless
// longer than a line, and so is a number with its unit (15人, 4日,
// 38.5万元); a web address may break after "/", ".", "?", "&"
// and "="; closing marks never start a line and opening marks
// never end one — the previous character is pushed down with them, never
// hung outside the grid; "\n" ends a line.
package linebreak

import (
	"errors"
	"math"
	"strings"
)

// Run is a piece of a paragraph in one font.
type Run struct {
	Text string // the text; "\n" ends a line
	Font string // a key the caller understands, e.g. "hei" or "fang"
}

// Measure returns the advance width of r in font, in the caller's unit
// (e.g. mm at 16 pt). It is never called for "\n".
type Measure func(font string, r rune) float64

// Piece is a part of a line in one font, to be drawn at X from the line start.
type Piece struct {
	Text  string  // the characters to draw (may include spaces inside the line)
	Font  string  // the Font of the Run the characters come from
	X     float64 // offset from the line start (the first line includes FirstIndent)
	Width float64 // sum of the advance widths of Text
}

// Line is one output line.
type Line struct {
	Pieces    []Piece // in order, left to right; none for an empty line
	Width     float64 // where the last piece ends (0 for an empty line)
	Justified bool    // the line was stretched to Options.Width
	// Dropped holds the input characters consumed at the end of this line
	// but not drawn: the spaces at the break and the "\n" ending the line.
	// The Pieces' Text and Dropped of all lines, in order, give back the input.
	Dropped string
}

// Options controls Break.
type Options struct {
	Width       float64 // line width, > 0
	FirstIndent float64 // indent of the first line (e.g. 2 characters), 0 <= FirstIndent < Width
	// RestIndent is the indent of every other line, 0 <= RestIndent < Width:
	// a hanging indent, as 「出席：」 lines wrap under the first name.
	RestIndent float64
	// Justify stretches every line except the last of a paragraph and a
	// line ended by "\n" to Width, spreading the extra space equally over
	// the gaps between its units (CJK characters, words).
	Justify bool
	// MaxGap, when > 0, is the most space Justify may put between two
	// units: a line that would need more is left unstretched.
	MaxGap float64
	// KeepWords breaks lines only between words (package words), as a
	// title's lines are broken, not between any two Han characters.
	KeepWords bool
	// KeepItems reads the paragraph as a list (「出席：张三、李四（请假）」)
	// and keeps each short item whole: a name is not parted across lines.
	KeepItems bool
}

// slack absorbs rounding when widths are summed.
const slack = 1e-10

// Break lays out the paragraph made of runs. Each "\n"-separated part of
// it gives at least one Line; only the first Line is indented. It returns
// a *CharError for a character above U+FFFF or invalid UTF-8.
func Break(runs []Run, m Measure, opt Options) ([]Line, error) {
	if m == nil {
		return nil, errors.New("linebreak: nil Measure")
	}
	if !(opt.Width > 0) || math.IsInf(opt.Width, 0) {
		return nil, errors.New("linebreak: Options.Width must be a positive finite number")
	}
	if !(opt.FirstIndent >= 0 && opt.FirstIndent < opt.Width) || !(opt.RestIndent >= 0 && opt.RestIndent < opt.Width) {
		return nil, errors.New("linebreak: Options.FirstIndent and RestIndent must be in [0, Width)")
	}
	chars, err := flatten(runs, m)
	if err != nil {
		return nil, err
	}
	var lines []Line
	indent := opt.FirstIndent
	for {
		end := len(chars)
		for i, c := range chars {
			if c.r == '\n' {
				end = i
				break
			}
		}
		us := makeUnits(chars[:end], opt.KeepWords)
		if opt.KeepItems {
			us = keepItems(us, opt.Width-max(opt.FirstIndent, opt.RestIndent))
		}
		lines = breakParagraph(lines, us, indent, opt)
		if end == len(chars) {
			return lines, nil
		}
		lines[len(lines)-1].Dropped += "\n"
		chars, indent = chars[end+1:], opt.RestIndent
	}
}

// breakParagraph appends the lines of one "\n"-free part to lines.
func breakParagraph(lines []Line, us []unit, x0 float64, opt Options) []Line {
	if len(us) == 0 {
		return append(lines, Line{})
	}
	for first := true; len(us) > 0; first = false {
		avail := opt.Width - x0
		e, w := 0, 0.0
		for ; e < len(us); e++ {
			nw := w + us[e].w
			if e > 0 {
				nw += us[e-1].sw
			}
			if nw > avail+slack {
				break
			}
			w = nw
		}
		switch {
		case e == len(us):
			return append(lines, layout(us, x0, false, opt.Width, 0))
		case e == 0:
			// The first unit alone is wider than the line: cut it by characters.
			if head, tail, ok := split(us[0], avail); ok {
				lines = append(lines, layout([]unit{head}, x0, opt.Justify, opt.Width, opt.MaxGap))
				us[0], x0 = tail, opt.RestIndent
				continue
			}
			e = 1
		default:
			// Push the last units down until the break is allowed. When no
			// break in the line is allowed, an indented first line is left
			// empty; any other line is broken at e rather than overflow.
			b := e
			for b > 0 && !canBreak(&us[b-1], &us[b]) {
				b--
			}
			if b > 0 || first && x0 > 0 && x0 > opt.RestIndent {
				e = b
			}
		}
		lines = append(lines, layout(us[:e], x0, opt.Justify, opt.Width, opt.MaxGap))
		us, x0 = us[e:], opt.RestIndent
	}
	return lines
}

// canBreak reports whether a line may end after a and the next start with b.
func canBreak(a, b *unit) bool {
	return !noEnd(a.lastCore()) && !noStart(b.first()) && !bound(a.lastCore(), b.first())
}

// joinText concatenates the text of cs.
func joinText(cs []char) string {
	var sb strings.Builder
	for _, c := range cs {
		sb.WriteString(c.text)
	}
	return sb.String()
}

// MinWidth returns the width of the widest part of runs no line may break
// inside (a word, a number, a closing mark with what it follows; a whole
// word with keepWords): the narrowest line width that breaks runs by the
// rules, without cutting anything.
func MinWidth(runs []Run, m Measure, keepWords bool) (float64, error) {
	if m == nil {
		return 0, errors.New("linebreak: nil Measure")
	}
	chars, err := flatten(runs, m)
	if err != nil {
		return 0, err
	}
	widest := 0.0
	for len(chars) > 0 {
		end := len(chars)
		for i, c := range chars {
			if c.r == '\n' {
				end = i
				break
			}
		}
		us := makeUnits(chars[:end], keepWords)
		w := 0.0
		for i := range us {
			if i > 0 && canBreak(&us[i-1], &us[i]) {
				w = 0
			}
			w += us[i].w
			widest = math.Max(widest, w)
			w += us[i].sw
		}
		if end == len(chars) {
			break
		}
		chars = chars[end+1:]
	}
	return widest, nil
}
