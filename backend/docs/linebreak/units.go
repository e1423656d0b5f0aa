package linebreak

import (
	"fmt"
	"math"
	"strings"
	"unicode"
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
	tight bool    // a part of a web address after the first: a line may break before it, but a justified line puts no space there
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
	return splitAddresses(us)
}

// itemEnds end the items of a list; a space ends one too, but for one between two Latin words (John
// Smith).
const itemEnds = "、，,；;：:"

// maxItem is the most characters (a Latin letter half of one) of an item keepItems keeps whole: a name
// with a note after it, 吴志福（驻村第一书记）; a longer one is text, broken as any other.
const maxItem = 16

// keepItems joins the units of each item of a list of at most maxItem characters, its mark after it
// included, into one unit, when it fits in width.
func keepItems(us []unit, width float64) []unit {
	var out []unit
	for len(us) > 0 {
		n, chars, w := 0, 0.0, 0.0
		for n < len(us) {
			u := &us[n]
			n++
			w += u.w + u.sw
			if strings.ContainsRune(itemEnds, u.lastCore()) {
				break
			}
			for _, c := range u.chars[:u.core] {
				chars += 0.5
				if c.r >= 0x2E80 {
					chars += 0.5
				}
			}
			if u.sw > 0 && !(n < len(us) && latin(u.lastCore()) && latin(us[n].first())) {
				break
			}
		}
		if n == 1 || chars > maxItem || w-us[n-1].sw > width+slack {
			out = append(out, us[:n]...)
		} else {
			item := unit{tight: us[0].tight}
			for _, u := range us[:n] {
				item.chars = append(item.chars, u.chars...)
				item.w += u.w + u.sw
			}
			last := us[n-1]
			item.w -= last.sw
			item.core = len(item.chars) - (len(last.chars) - last.core)
			item.sw = last.sw
			out = append(out, item)
		}
		us = us[n:]
	}
	return out
}

// latin is a letter of a Latin name.
func latin(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

// splitAddresses cuts each web address (https://…, www.…, a path with two
// slashes or more) into parts ending at "/", ".", "?", "&" or "=", so that
// a line may break inside it instead of leaving a line before it
// stretched across the width; the parts after the first are tight.
func splitAddresses(us []unit) []unit {
	var out []unit
	for _, u := range us {
		if classOf(u.first()) != clsWord || !isAddress(u.chars[:u.core]) {
			out = append(out, u)
			continue
		}
		start := 0
		for i := 0; i < u.core-1; i++ {
			if strings.ContainsRune("/.?&=", u.chars[i].r) && u.chars[i+1].r != '/' && u.chars[i+1].r != '.' {
				out = append(out, unit{chars: u.chars[start : i+1 : i+1], core: i + 1 - start, w: width(u.chars[start : i+1]), tight: start > 0})
				start = i + 1
			}
		}
		rest := u.chars[start:]
		out = append(out, unit{chars: rest, core: u.core - start, w: width(u.chars[start:u.core]), sw: u.sw, tight: start > 0})
	}
	return out
}

// isAddress tells whether a word is a web address or a path.
func isAddress(cs []char) bool {
	var sb strings.Builder
	for _, c := range cs {
		sb.WriteRune(c.r)
	}
	w := strings.ToLower(sb.String())
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") || strings.Count(w, "/") >= 2
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
