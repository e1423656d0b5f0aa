package linebreak

import (
	"fmt"
	"math"
	"unicode/utf8"

	"xiangzhi/backend/docs/words"
)

// CharError reports input Break cannot lay out: a byte sequence that is
// not valid UTF-8.
type CharError struct {
	Rune    rune // utf8.RuneError
	Pos     int  // 0-based position in the paragraph, in characters across all runs
	Run     int  // index of the Run holding it
	Invalid bool // the bytes at Pos are not valid UTF-8 (always, today)
}

// Error names the character and its position.
func (e *CharError) Error() string {
	return fmt.Sprintf("linebreak: invalid UTF-8 at position %d (run %d)", e.Pos, e.Run)
}

// char is one input character with its font and advance width.
type char struct {
	text string // its bytes in the input
	r    rune
	font string
	w    float64
}

// unit is the smallest thing placed on a line: one CJK character, one
// word (a run of clsWord characters) or leading spaces, followed by the
// spaces after it, which are dropped when the unit ends a line.
type unit struct {
	chars []char
	core  int     // chars[:core] are drawn always, chars[core:] are trailing spaces
	w     float64 // width of chars[:core]
	sw    float64 // width of chars[core:]
}

func (u *unit) first() rune    { return u.chars[0].r }
func (u *unit) lastCore() rune { return u.chars[u.core-1].r }

// flatten decodes the runs into characters, measuring each one.
func flatten(runs []Run, m Measure) ([]char, error) {
	var out []char
	pos := 0
	for ri, run := range runs {
		for i := 0; i < len(run.Text); pos++ {
			r, size := utf8.DecodeRuneInString(run.Text[i:])
			if r == utf8.RuneError && size == 1 {
				return nil, &CharError{Rune: r, Pos: pos, Run: ri, Invalid: true}
			}
			c := char{text: run.Text[i : i+size], r: r, font: run.Font}
			if r != '\n' {
				c.w = m(run.Font, r)
				if c.w < 0 || math.IsNaN(c.w) || math.IsInf(c.w, 0) {
					return nil, fmt.Errorf("linebreak: width %v of %q in font %q at position %d is not a finite non-negative number",
						c.w, r, run.Font, pos)
				}
			}
			out = append(out, c)
			i += size
		}
	}
	return out, nil
}

// makeUnits groups the characters of one paragraph (no "\n" inside) into
// units; with keepWords, each word's characters make one unit.
func makeUnits(chars []char, keepWords bool) []unit {
	var joined []bool
	if keepWords {
		rs := make([]rune, len(chars))
		for i, c := range chars {
			rs[i] = c.r
		}
		joined = words.Joined(rs)
	}
	var us []unit
	for i, c := range chars {
		cls := classOf(c.r)
		n := len(us)
		switch {
		case joined != nil && joined[i] && n > 0 && us[n-1].core == len(us[n-1].chars):
			us[n-1].chars = append(us[n-1].chars, c)
			us[n-1].core++
			us[n-1].w += c.w
			continue
		case cls == clsSpace && n > 0 && us[n-1].lastCore() != ' ':
			us[n-1].chars = append(us[n-1].chars, c)
			us[n-1].sw += c.w
			continue
		case n > 0 && us[n-1].core == len(us[n-1].chars) && classOf(us[n-1].lastCore()) == cls && cls != clsCJK:
			// extend a word, or the leading spaces
			us[n-1].chars = append(us[n-1].chars, c)
			us[n-1].core++
			us[n-1].w += c.w
			continue
		}
		us = append(us, unit{chars: []char{c}, core: 1, w: c.w})
	}
	return us
}

// split cuts an over-long unit after as many characters as fit in avail
// (at least one); ok is false when it cannot be cut.
func split(u unit, avail float64) (head, tail unit, ok bool) {
	j, w := 0, 0.0
	for j < u.core && w+u.chars[j].w <= avail+slack {
		w += u.chars[j].w
		j++
	}
	j = max(j, 1)
	if j >= u.core {
		return u, unit{}, false
	}
	head = unit{chars: u.chars[:j:j], core: j, w: width(u.chars[:j])}
	tail = unit{chars: u.chars[j:], core: u.core - j, w: u.w - head.w, sw: u.sw}
	return head, tail, true
}

func width(cs []char) float64 {
	w := 0.0
	for _, c := range cs {
		w += c.w
	}
	return w
}
