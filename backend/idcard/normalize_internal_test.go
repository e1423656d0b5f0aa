package idcard

import (
	"math/rand/v2"
	"testing"
)

// The short way of Normalize gives what the long way gives, for strings built from the characters at
// the edges of what it lets through (spaces of every kind, the ends of visible ASCII, U+3400 and
// U+FEFF, full-width forms, zero-width spaces, a broken byte) and ordinary Chinese.
func TestNormalizeShortWayIsTheLongWay(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u2003", "\u200b", "\ufeff", "\ufefe",
		"\u33ff", "\u3400", "!", "~", "\x7f", "\x1f", "Ａ", "～", "\uff5f", "张", "三", "。", "、", "a", "0",
		"-", "\xff", "\u0085", "é", "\U00020000"}
	r := rand.New(rand.NewPCG(1, 2))
	short := 0
	for i := 0; i < 200000; i++ {
		s := ""
		for n := r.IntN(6); n >= 0; n-- {
			s += pieces[r.IntN(len(pieces))]
		}
		if unchanged(s) {
			short++
		}
		if got, want := Normalize(s), normalize(s); got != want {
			t.Fatalf("Normalize(%q) = %q, the long way %q", s, got, want)
		}
	}
	if short < 10000 {
		t.Errorf("only %d of the strings took the short way", short)
	}
}

// A day that ParseDate gives back as it is (isoDay) is one its long way reads as that same day; the
// strings are days of every shape around the edges (year 999 and 1000, month 0 and 13, 29 February,
// day 31 of a 30-day month).
func TestISODayIsTheLongWay(t *testing.T) {
	years := []string{"0999", "1000", "1900", "2000", "2024", "2026", "2100", "9999"}
	holdsShortWay(t, rand.New(rand.NewPCG(3, 4)), 50000, func(r *rand.Rand) string {
		return years[r.IntN(len(years))] + "-" + pad2(r.IntN(14)) + "-" + pad2(r.IntN(33))
	}, isoDay, func(s string) (string, error) { return parseDate("d", s) })
}

func pad2(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// A number that ParsePhone gives back as it is (isMobile) is one its long way gives back too.
func TestIsMobileIsTheLongWay(t *testing.T) {
	holdsShortWay(t, rand.New(rand.NewPCG(5, 6)), 5000, func(r *rand.Rand) string {
		b := make([]byte, 10+r.IntN(3))
		for j := range b {
			b[j] = byte('0' + r.IntN(10))
		}
		b[0] = "1100"[r.IntN(4)]
		return string(b)
	}, isMobile, func(s string) (string, error) { return parsePhone("p", s) })
}

// holdsShortWay draws 100,000 strings with gen: each one that short lets through, long gives back as it
// is and without an error; no other one does (short misses none); and at least least of them take
// the short way.
func holdsShortWay(t *testing.T, r *rand.Rand, least int, gen func(*rand.Rand) string, short func(string) bool, long func(string) (string, error)) {
	t.Helper()
	took := 0
	for i := 0; i < 100000; i++ {
		s := gen(r)
		got, err := long(s)
		if short(s) {
			took++
			if got != s || err != nil {
				t.Fatalf("%s: the long way gives %q, %v", s, got, err)
			}
		} else if err == nil && got == s {
			t.Fatalf("%s comes back as it is the long way, and the short way does not see it", s)
		}
	}
	if took < least {
		t.Errorf("only %d of the strings took the short way", took)
	}
}
