package textrule

import (
	"strings"
	"testing"
	"unicode"
)

// Name lets the plain characters through without its checks: none of those checks could refuse one,
// and none is a space to tidy, so the short way gives what the long way gives.
func TestPlainCharactersPassEveryCheck(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !plain(r) {
			continue
		}
		n++
		if unicode.IsControl(r) || invisible(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) ||
			!unicode.IsGraphic(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
			unicode.IsSpace(r) || strings.ContainsRune("=+-@", r) || r == '\n' || r == '\r' || r == '\t' {
			t.Errorf("%U is let through, but a check of Name is about it", r)
		}
	}
	if n != 0x9FFF-0x4E00+1+26+26+10 {
		t.Errorf("%d plain characters", n)
	}
}
