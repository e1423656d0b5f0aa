package idcard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize turns full-width ASCII (U+FF01–U+FF5E) into half-width, treats every Unicode space
// (ideographic space U+3000, no-break space, tabs, line breaks) as a space, drops zero-width
// spaces and byte-order marks, trims both ends and collapses inner runs of spaces to one.
func Normalize(s string) string {
	if unchanged(s) { // nearly every cell of a roster: no copy
		return s
	}
	return normalize(s)
}

// normalize is Normalize the long way, rune by rune.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false // a space waits to be written before the next visible character
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x200B || r == 0xFEFF:
			continue
		}
		if unicode.IsSpace(r) {
			pending = true
			continue
		}
		if pending && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pending = false
		b.WriteRune(r)
	}
	return b.String()
}

// compact normalizes s and removes every space left in it.
func compact(s string) string {
	return strings.ReplaceAll(Normalize(s), " ", "")
}

// asciiLower lowers A–Z only, so byte offsets stay the same as in s.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// allDigits reports whether s is non-empty and made of ASCII digits only.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// unchanged says that Normalize would give s back as it is: s holds only visible ASCII, single
// spaces between words, and characters from U+3400 to U+FEFE (the Chinese characters and the
// punctuation around them), none of which Normalize changes. Anything else takes the long way.
func unchanged(s string) bool {
	space := true // a space at the start would be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case c < 0x21 || c > 0x7e:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x3400 || r >= 0xFEFF {
			return false
		}
		space = false
		i += n
	}
	return !space || s == ""
}
