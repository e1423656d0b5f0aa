package engine_test

import (
	"testing"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// BodyLines counts the grid lines Runs takes (28 characters a line, the first indented); Keep moves
// to a new page only when a block does not fit on what is left of the current one, and never from
// the top of a page.
func TestKeepAndBodyLines(t *testing.T) {
	set := mustFonts(t)
	d := engine.New(set, engine.Options{})
	d.AddPage()
	for n, want := range map[int]int{1: 1, 26: 1, 27: 2, 54: 2, 55: 3} {
		if got := d.BodyLines(2, engine.Run{Text: han(0, n), Role: fonts.Fang}); got != want {
			t.Errorf("%d characters indented 2: %d lines, want %d", n, got, want)
		}
	}
	d.Keep(30) // at the top of a page: stays, though 30 lines are more than a page
	if d.Pages() != 1 {
		t.Fatalf("Keep at the top of a page started another: %d pages", d.Pages())
	}
	for i := 0; i < engine.Lines-3; i++ { // three lines left
		d.Line(han(i, 10))
	}
	d.Keep(3)
	if d.Pages() != 1 {
		t.Fatalf("a block of 3 lines fits in 3: %d pages", d.Pages())
	}
	d.Keep(4)
	if d.Pages() != 2 {
		t.Fatalf("a block of 4 lines in 3: %d pages", d.Pages())
	}
	d.Line("第二页")
	if _, err := d.Bytes(); err != nil {
		t.Fatal(err)
	}
}
