package fonts

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// A WOFF2 font written by fontTools (as build/fonts/subset.py writes the embedded faces) expands to a
// TrueType font that draws every glyph as the original does, with the same advances and characters,
// and whose glyphs take no more room than the original's (the PDF writer copies them into documents).
func TestWOFF2Expands(t *testing.T) {
	const src = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf" // make apt installs it
	if _, err := os.Stat(src); err != nil {
		t.Skipf("%s: %v (make apt installs fonts-lxgw-wenkai)", src, err)
	}
	dir := t.TempDir()
	ttf, woff := filepath.Join(dir, "cut.ttf"), filepath.Join(dir, "cut.woff2")
	// a cut of a real font with composite glyphs (é, ǘ), long and short contours, quotes and Han
	script := `
import sys
from fontTools import subset
from fontTools.ttLib import TTFont
opts = subset.Options()
opts.layout_features = []
opts.hinting = False
font = TTFont(sys.argv[1])
sub = subset.Subsetter(opts)
sub.populate(text=sys.argv[4])
sub.subset(font)
font.save(sys.argv[2])
font.flavor = "woff2"
font.save(sys.argv[3])
`
	text := "Aaéǘ0129“”——，。丹口镇人民政府关于开展文明家庭评选活动的通知堃喆犇昇玥旻珺祎瑄赟镕"
	if out, err := exec.Command("/usr/bin/python3", "-c", script, src, ttf, woff, text).CombinedOutput(); err != nil {
		t.Fatalf("fontTools (apt install python3-fonttools python3-brotli): %v\n%s", err, out)
	}
	orig, err := os.ReadFile(ttf)
	if err != nil {
		t.Fatal(err)
	}
	packed, err := os.ReadFile(woff)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeWOFF2(packed)
	if err != nil {
		t.Fatal(err)
	}
	if err := Check("cut.woff2", got); err != nil {
		t.Fatal(err)
	}
	a, err := sfnt.Parse(orig)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sfnt.Parse(got)
	if err != nil {
		t.Fatalf("the expanded font does not parse: %v", err)
	}
	if a.NumGlyphs() != b.NumGlyphs() || a.NumGlyphs() < 40 {
		t.Fatalf("glyphs: %d expanded, %d in the original", b.NumGlyphs(), a.NumGlyphs())
	}
	var bufA, bufB sfnt.Buffer
	ppem := fixed.I(int(a.UnitsPerEm()))
	for g := sfnt.GlyphIndex(0); int(g) < a.NumGlyphs(); g++ {
		sa, errA := a.LoadGlyph(&bufA, g, ppem, nil)
		sa = append(sfnt.Segments(nil), sa...)
		sb, errB := b.LoadGlyph(&bufB, g, ppem, nil)
		if (errA == nil) != (errB == nil) || !reflect.DeepEqual(sa, sb) {
			t.Fatalf("glyph %d draws differently: %d segments (%v), want %d (%v)", g, len(sb), errB, len(sa), errA)
		}
		wa, _ := a.GlyphAdvance(&bufA, g, ppem, 0)
		wb, _ := b.GlyphAdvance(&bufB, g, ppem, 0)
		if wa != wb {
			t.Fatalf("glyph %d: advance %v, want %v", g, wb, wa)
		}
	}
	for _, r := range text {
		ga, _ := a.GlyphIndex(&bufA, r)
		gb, _ := b.GlyphIndex(&bufB, r)
		if ga == 0 || ga != gb {
			t.Errorf("%c: glyph %d, want %d", r, gb, ga)
		}
	}
	glyfSize := func(data []byte) int {
		tables, err := sfntTables(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			if tb.tag == "glyf" {
				return len(tb.data)
			}
		}
		t.Fatal("no glyf table")
		return 0
	}
	if g, o := glyfSize(got), glyfSize(orig); float64(g) > 1.02*float64(o) {
		t.Errorf("the expanded glyphs take %d bytes, the original %d", g, o)
	}
	// checksums: each table's, and the whole file's sum with head's adjustment is 0xB1B0AFBA
	if sum := checksum(got); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %08x", sum)
	}

	// damaged data is refused, never a panic
	for _, n := range []int{0, 11, 100, len(got) / 3, len(got) / 2, len(got) - 1} {
		if _, err := packGlyphs(got[:n]); err == nil && n < len(got)/2 {
			t.Errorf("a font cut to %d bytes was accepted", n)
		}
	}
	if _, err := decodeWOFF2(packed[:len(packed)/2]); err == nil {
		t.Error("a WOFF2 file cut in half was accepted")
	}
}

// Every simple glyph's deltas survive packing, at each size class (0, ±1…255, beyond), with runs of
// equal flags longer than a repeat count holds.
func TestPackSimple(t *testing.T) {
	var deltas []int
	for _, d := range []int{0, 1, -1, 255, -255, 256, -256, 32767, -32768, 7} {
		deltas = append(deltas, d)
	}
	for i := 0; i < 300; i++ { // a run of 300 equal flags: two repeats
		deltas = append(deltas, 3)
	}
	n := len(deltas)
	// one contour; flags unrepeated, every coordinate in two bytes (as tdewolff/font writes them)
	g := []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, byte((n - 1) >> 8), byte(n - 1), 0, 0}
	for i := 0; i < n; i++ {
		g = append(g, byte(i%2)) // on-curve every other point
	}
	for _, axis := range []int{1, -1} {
		for _, d := range deltas {
			v := uint16(int16(d * axis))
			g = append(g, byte(v>>8), byte(v))
		}
	}
	out, err := packSimple(nil, g)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) >= len(g) {
		t.Errorf("packed %d bytes, unpacked %d", len(out), len(g))
	}
	want, err := readSimple(g)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readSimple(out)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %+v (%v), want %+v", got, err, want)
	}
	if !reflect.DeepEqual(want.dx, deltas) || want.flags[1] != onCurve {
		t.Fatalf("the test's glyph reads as %v", want.dx)
	}
	if _, err := packSimple(nil, g[:len(g)-1]); err == nil {
		t.Error("a glyph cut short was accepted")
	}
}
