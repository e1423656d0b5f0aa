package gofpdf

// This file replaces upstream's utf8fontfile.go (see README.md): a TrueType
// font is parsed once into a UTF8Font, which never changes afterwards and
// may be shared by any number of documents, concurrently; each document
// builds its own subset from it. Characters above U+FFFF are read from the
// font's format-12 cmap.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
)

// UTF8Font is a parsed TrueType font for AddUTF8FontParsed. It is read-only
// once made, so one value can serve every document of a process.
type UTF8Font struct {
	data   []byte
	tables map[string][]byte // each table's bytes, slices of data

	upem         int
	longLoca     bool
	numGlyphs    int
	numHMetrics  int
	bmp          []uint16        // glyph of each BMP code point, 0 for none
	smp          map[rune]uint16 // glyph of each character above U+FFFF the font has
	desc         FontDescType
	underlinePos float64
	underlineThk float64
	charWidths   []int // width (1/1000 em) of each BMP code point, as fontDefType.Cw wants it
	defaultWidth float64

	idOnce sync.Once
	idStr  string
}

// ParseUTF8Font reads a TrueType font (a single font with glyf outlines, not
// a collection or a CFF OpenType font). data is kept, not copied, and never
// written to: the caller must not change it afterwards.
func ParseUTF8Font(data []byte) (*UTF8Font, error) {
	if len(data) < 12 {
		return nil, errors.New("not a TrueType font: file too short")
	}
	switch binary.BigEndian.Uint32(data) {
	case 0x00010000, 0x74727565: // 1.0, "true"
	case 0x4F54544F: // "OTTO"
		return nil, errors.New("CFF-based OpenType fonts are not supported")
	case 0x74746366: // "ttcf"
		return nil, errors.New("font collections are not supported")
	default:
		return nil, errors.New("not a TrueType font")
	}
	f := &UTF8Font{data: data, tables: map[string][]byte{}}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("font table directory is truncated")
	}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(data)) {
			return nil, fmt.Errorf("font table %q lies outside the file", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+size : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font has no %q table", t)
		}
	}
	if err := f.parseMetrics(); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	if err := f.checkLoca(); err != nil {
		return nil, err
	}
	f.fillWidths()
	return f, nil
}

// reader reads big-endian numbers from a table, reporting a short table once.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *reader) i16(off int) int { return int(int16(r.u16(off))) }

func (r *reader) u32(off int) int {
	if off < 0 || off+4 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint32(r.b[off:]))
}

// parseMetrics reads the numbers the PDF font descriptor needs, as upstream did.
func (f *UTF8Font) parseMetrics() error {
	head := &reader{b: f.tables["head"]}
	f.upem = head.u16(18)
	if f.upem == 0 {
		return errors.New("font head table has no units per em")
	}
	scale := 1000.0 / float64(f.upem)
	s := func(v int) int { return int(float64(v) * scale) }
	f.desc.FontBBox = fontBoxType{s(head.i16(36)), s(head.i16(38)), s(head.i16(40)), s(head.i16(42))}
	f.longLoca = head.i16(50) == 1
	hhea := &reader{b: f.tables["hhea"]}
	f.desc.Ascent, f.desc.Descent = s(hhea.i16(4)), s(hhea.i16(6))
	f.numHMetrics = hhea.u16(34)
	maxp := &reader{b: f.tables["maxp"]}
	f.numGlyphs = maxp.u16(4)
	if head.bad || hhea.bad || maxp.bad {
		return errors.New("font head, hhea or maxp table is truncated")
	}
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs || 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) > len(f.tables["hmtx"]) {
		return errors.New("font hmtx table does not match its glyph count")
	}
	weight := 500
	f.desc.CapHeight = f.desc.Ascent
	if t := f.tables["OS/2"]; t != nil {
		os2 := &reader{b: t}
		weight = os2.u16(4)
		if f.desc.Ascent == 0 {
			f.desc.Ascent = s(os2.i16(68))
		}
		if f.desc.Descent == 0 {
			f.desc.Descent = s(os2.i16(70))
		}
		if os2.u16(0) > 1 && len(t) >= 90 {
			f.desc.CapHeight = s(os2.i16(88))
		}
	}
	f.desc.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	f.desc.Flags = 4
	if t := f.tables["post"]; t != nil {
		post := &reader{b: t}
		f.desc.ItalicAngle = post.i16(4)
		f.underlinePos = float64(post.i16(8)) * scale
		f.underlineThk = float64(post.i16(10)) * scale
		if f.desc.ItalicAngle != 0 {
			f.desc.Flags |= 64
		}
		if post.u32(12) != 0 {
			f.desc.Flags |= 1
		}
	}
	if weight >= 600 {
		f.desc.Flags |= 262144
	}
	f.defaultWidth = float64(f.advance(0)) * scale
	f.desc.MissingWidth = round(f.defaultWidth)
	return nil
}

// advance is glyph g's advance width in font units.
func (f *UTF8Font) advance(g int) int {
	if g >= f.numHMetrics {
		g = f.numHMetrics - 1
	}
	return int(binary.BigEndian.Uint16(f.tables["hmtx"][4*g:]))
}

// parseCmap reads the Unicode cmaps: format 4 for the BMP, format 12 (when
// the font has one) for the characters above U+FFFF.
func (f *UTF8Font) parseCmap() error {
	c := &reader{b: f.tables["cmap"]}
	var fmt4, fmt12 []byte
	for i, n := 0, c.u16(2); i < n; i++ {
		platform, encoding, off := c.u16(4+8*i), c.u16(6+8*i), c.u32(8+8*i)
		if c.bad || off >= len(c.b) {
			return errors.New("font cmap table is truncated")
		}
		unicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if !unicode {
			continue
		}
		sub := c.b[off:]
		switch (&reader{b: sub}).u16(0) {
		case 4:
			if fmt4 == nil {
				fmt4 = sub
			}
		case 12:
			if fmt12 == nil {
				fmt12 = sub
			}
		}
	}
	if fmt4 == nil {
		return errors.New("font has no Unicode cmap (format 4)")
	}
	f.bmp = make([]uint16, 0x10000)
	t := &reader{b: fmt4}
	segs := t.u16(6) / 2
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for s := 0; s < segs; s++ {
		end, start, delta, ro := t.u16(ends+2*s), t.u16(starts+2*s), t.u16(deltas+2*s), t.u16(offsets+2*s)
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			g := 0
			if ro == 0 {
				g = (ch + delta) & 0xFFFF
			} else if at := offsets + 2*s + ro + 2*(ch-start); at+2 <= len(fmt4) {
				if g = t.u16(at); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < f.numGlyphs {
				f.bmp[ch] = uint16(g)
			}
		}
	}
	if t.bad {
		return errors.New("font cmap (format 4) is truncated")
	}
	f.smp = map[rune]uint16{}
	if fmt12 != nil {
		t := &reader{b: fmt12}
		for i, n := 0, t.u32(12); i < n && !t.bad; i++ {
			first, last, g := t.u32(16+12*i), t.u32(20+12*i), t.u32(24+12*i)
			for ch := max(first, 0x10000); ch <= last && ch <= 0x10FFFF; ch++ {
				if gi := g + ch - first; gi > 0 && gi < f.numGlyphs {
					f.smp[rune(ch)] = uint16(gi)
				}
			}
		}
		if t.bad {
			return errors.New("font cmap (format 12) is truncated")
		}
	}
	return nil
}

// checkLoca makes sure every glyph's data lies within the glyf table.
func (f *UTF8Font) checkLoca() error {
	need := 2 * (f.numGlyphs + 1)
	if f.longLoca {
		need *= 2
	}
	if len(f.tables["loca"]) < need {
		return errors.New("font loca table is truncated")
	}
	for g := 0; g < f.numGlyphs; g++ {
		start, end := f.glyphSpan(g)
		if start > end || end > len(f.tables["glyf"]) {
			return fmt.Errorf("font glyph %d lies outside the glyf table", g)
		}
	}
	return nil
}

// glyphSpan is where glyph g lies in the glyf table.
func (f *UTF8Font) glyphSpan(g int) (int, int) {
	loca := f.tables["loca"]
	if f.longLoca {
		return int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	}
	return 2 * int(binary.BigEndian.Uint16(loca[2*g:])), 2 * int(binary.BigEndian.Uint16(loca[2*g+2:]))
}

// fillWidths fills charWidths the way fontDefType.Cw is read: the width of
// each BMP code point in 1/1000 em, 65535 for a glyph of no width, 0 for
// none, and the number of mapped code points at index 0.
func (f *UTF8Font) fillWidths() {
	f.charWidths = make([]int, 0x10000)
	n := 0
	for ch := 1; ch < 0xFFFF; ch++ {
		if g := f.bmp[ch]; g != 0 {
			w := f.width(int(g))
			if w == 0 {
				w = 65535
			}
			f.charWidths[ch] = w
			n++
		}
	}
	f.charWidths[0] = n
}

// width is glyph g's advance in 1/1000 em.
func (f *UTF8Font) width(g int) int {
	return int(math.Round(float64(f.advance(g)) * 1000 / float64(f.upem)))
}

// Glyph returns the glyph index of r, 0 when the font has none.
func (f *UTF8Font) Glyph(r rune) int {
	switch {
	case r >= 0 && r < 0xFFFF:
		return int(f.bmp[r])
	case r > 0xFFFF:
		return int(f.smp[r])
	}
	return 0
}

// composite glyph flags
const (
	argsAreWords   = 1 << 0
	haveScale      = 1 << 3
	moreComponents = 1 << 5
	haveXYScale    = 1 << 6
	have2x2        = 1 << 7
)

// components calls fn with the offset, within glyph data g, of each
// component glyph index of a composite glyph.
func components(g []byte, fn func(at int)) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return
	}
	for at := 10; at+4 <= len(g); {
		flags := int(binary.BigEndian.Uint16(g[at:]))
		fn(at + 2)
		at += 4
		if flags&argsAreWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			return
		}
	}
}

// subset is a font cut down to the glyphs of some codes.
type subset struct {
	file   []byte      // the TrueType file
	glyph  map[int]int // code → glyph in file
	widths map[int]int // code → advance in 1/1000 em
}

// subset builds a TrueType font holding glyph 0 and the glyphs of codes
// (code → character; a character of 0, or one the font lacks, is left
// out), with the components of composite glyphs. Glyphs are renumbered in
// their original order and the new font's cmap maps each code to its
// glyph, so equal inputs give equal bytes.
func (f *UTF8Font) subset(codes map[int]int) subset {
	out := subset{glyph: map[int]int{}, widths: map[int]int{}}
	keep := map[int]bool{0: true}
	var todo []int
	for _, r := range codes {
		if g := f.Glyph(rune(r)); r != 0 && g != 0 && !keep[g] {
			keep[g] = true
			todo = append(todo, g)
		}
	}
	glyf := f.tables["glyf"]
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		start, end := f.glyphSpan(g)
		components(glyf[start:end], func(at int) {
			c := int(binary.BigEndian.Uint16(glyf[start+at:]))
			if c < f.numGlyphs && !keep[c] {
				keep[c] = true
				todo = append(todo, c)
			}
		})
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	renum := make(map[int]int, len(old))
	for i, g := range old {
		renum[g] = i
	}
	for code, r := range codes {
		if g := f.Glyph(rune(r)); r != 0 && g != 0 {
			out.glyph[code] = renum[g]
			out.widths[code] = f.width(g)
		}
	}

	var newGlyf, loca, hmtx []byte
	offsets := make([]int, 0, len(old)+1)
	for _, g := range old {
		offsets = append(offsets, len(newGlyf))
		start, end := f.glyphSpan(g)
		data := append([]byte(nil), glyf[start:end]...)
		components(data, func(at int) {
			c := int(binary.BigEndian.Uint16(data[at:]))
			binary.BigEndian.PutUint16(data[at:], uint16(renum[c]))
		})
		newGlyf = append(newGlyf, data...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.advance(g)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsb(g)))
	}
	offsets = append(offsets, len(newGlyf))
	longLoca := len(newGlyf)/2 > 0xFFFF
	for _, o := range offsets {
		if longLoca {
			loca = binary.BigEndian.AppendUint32(loca, uint32(o))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(o/2))
		}
	}

	tables := map[string][]byte{"glyf": newGlyf, "loca": loca, "hmtx": hmtx, "cmap": cmap4(out.glyph)}
	for _, t := range []string{"name", "cvt ", "fpgm", "prep", "gasp", "OS/2"} {
		if b := f.tables[t]; len(b) > 0 {
			tables[t] = b
		}
	}
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set once the file is assembled
	binary.BigEndian.PutUint16(head[50:], map[bool]uint16{false: 0, true: 1}[longLoca])
	tables["head"] = head
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(old)))
	tables["hhea"] = hhea
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(old)))
	tables["maxp"] = maxp
	if post := f.tables["post"]; len(post) >= 16 {
		// format 3: no glyph names
		tables["post"] = append(append([]byte{0, 3, 0, 0}, post[4:16]...), make([]byte, 16)...)
	}
	out.file = assemble(tables)
	return out
}

// lsb is glyph g's left side bearing in font units.
func (f *UTF8Font) lsb(g int) int {
	hmtx := f.tables["hmtx"]
	if g < f.numHMetrics {
		return int(binary.BigEndian.Uint16(hmtx[4*g+2:]))
	}
	return int(binary.BigEndian.Uint16(hmtx[4*f.numHMetrics+2*(g-f.numHMetrics):]))
}

// cmap4 builds a cmap table with one format-4 subtable (Windows, Unicode
// BMP) mapping each code to its glyph.
func cmap4(glyph map[int]int) []byte {
	codes := make([]int, 0, len(glyph))
	for c := range glyph {
		if c > 0 && c < 0xFFFF {
			codes = append(codes, c)
		}
	}
	sort.Ints(codes)
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, c := range codes {
		d := (glyph[c] - c) & 0xFFFF
		if n := len(segs); n > 0 && segs[n-1].end == c-1 && segs[n-1].delta == d {
			segs[n-1].end = c
			continue
		}
		segs = append(segs, seg{c, c, d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	search *= 2
	var sub []byte
	u16 := func(v int) { sub = binary.BigEndian.AppendUint16(sub, uint16(v)) }
	u16(4)
	u16(16 + 8*n) // length
	u16(0)        // language
	u16(2 * n)
	u16(search)
	u16(selector)
	u16(2*n - search)
	for _, s := range segs {
		u16(s.end)
	}
	u16(0)
	for _, s := range segs {
		u16(s.start)
	}
	for _, s := range segs {
		u16(s.delta)
	}
	for range segs {
		u16(0)
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// assemble writes a TrueType file of tables, in tag order, with their
// checksums and the head table's checkSumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	search, selector := 1, 0
	for search*2 <= n {
		search, selector = search*2, selector+1
	}
	search *= 16
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(search))
	binary.BigEndian.PutUint16(out[8:], uint16(selector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-search))
	headAt := 0
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], tableChecksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if tables["head"] != nil {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-tableChecksum(out))
	}
	return out
}

// tableChecksum is the TrueType table checksum: the sum of b as big-endian
// 32-bit words, the last one padded with zeros.
func tableChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// Subset returns the TrueType file the PDF embeds for codes (code →
// character, as a document records them) and the glyph each code has in
// it; for tests and tools.
func (f *UTF8Font) Subset(codes map[int]int) (file []byte, glyph map[int]int) {
	s := f.subset(codes)
	return s.file, s.glyph
}

// UTF8CutFont is a utility function that generates a TrueType font composed
// only of the runes included in cutset. The rune glyphs are copied from
// inBuf; the new font maps each rune of the Basic Multilingual Plane to its
// glyph. It returns nil when inBuf is not a TrueType font.
func UTF8CutFont(inBuf []byte, cutset string) (outBuf []byte) {
	f, err := ParseUTF8Font(inBuf)
	if err != nil {
		return nil
	}
	codes := map[int]int{}
	for _, r := range cutset {
		codes[int(r)] = int(r)
	}
	return f.subset(codes).file
}
