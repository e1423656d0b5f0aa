package linebreak_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xiangzhi/backend/docs/linebreak"
)

// measure gives 1.0 for Han and full-width characters, 0.5 for ASCII.
func measure(_ string, r rune) float64 {
	if r < 0x80 {
		return 0.5
	}
	return 1.0
}

func breakText(t *testing.T, text string, opt linebreak.Options) []linebreak.Line {
	t.Helper()
	lines, err := linebreak.Break([]linebreak.Run{{Text: text, Font: "fang"}}, measure, opt)
	if err != nil {
		t.Fatalf("Break(%q): %v", text, err)
	}
	checkRoundTrip(t, text, lines)
	return lines
}

// drawn is the text drawn on a line.
func drawn(l linebreak.Line) string {
	var sb strings.Builder
	for _, p := range l.Pieces {
		sb.WriteString(p.Text)
	}
	return sb.String()
}

func texts(lines []linebreak.Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = drawn(l)
	}
	return out
}

func checkRoundTrip(t *testing.T, want string, lines []linebreak.Line) {
	t.Helper()
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString(drawn(l))
		sb.WriteString(l.Dropped)
	}
	if got := sb.String(); got != want {
		t.Fatalf("round trip:\n got %q\nwant %q", got, want)
	}
}

// checkLine verifies that pieces are ordered, measured and end at l.Width.
func checkLine(t *testing.T, l linebreak.Line, width float64) {
	t.Helper()
	x := -1e-9
	for _, p := range l.Pieces {
		if p.X < x-1e-9 {
			t.Fatalf("piece %q at %v overlaps the previous one ending at %v", p.Text, p.X, x)
		}
		w := 0.0
		for _, r := range p.Text {
			w += measure(p.Font, r)
		}
		if diff := w - p.Width; diff > 1e-9 || diff < -1e-9 {
			t.Fatalf("piece %q: Width %v, measured %v", p.Text, p.Width, w)
		}
		x = p.X + p.Width
		if x > width+1e-9 {
			t.Fatalf("piece %q ends at %v beyond width %v", p.Text, x, width)
		}
	}
	if len(l.Pieces) > 0 && (x-l.Width > 1e-9 || l.Width-x > 1e-9) {
		t.Fatalf("line Width %v, last piece ends at %v", l.Width, x)
	}
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
