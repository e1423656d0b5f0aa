package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/tdewolff/font"
)

// The embedded faces are WOFF2 files (build/fonts/subset.py): WOFF2 splits the glyph outlines into
// streams that compress better, 13 % smaller than the same font compressed with brotli whole, which
// keeps the installer within its 30 MB. tdewolff/font expands them back to TrueType, but writes every
// coordinate in two bytes and every flag unrepeated; the PDF writer copies glyphs as they are into
// each document, so the outlines are packed again here, as TrueType packs them.

// decodeWOFF2 expands a WOFF2 font to TrueType with its glyphs packed.
func decodeWOFF2(packed []byte) ([]byte, error) {
	sfnt, err := font.ParseWOFF2(packed)
	if err != nil {
		return nil, err
	}
	return packGlyphs(sfnt)
}

// sfntTable is one table of a TrueType font.
type sfntTable struct {
	tag  string
	data []byte
}

// packGlyphs returns the TrueType font data with each simple glyph's flags and coordinates written in
// their shortest form, the loca table rebuilt (short offsets when they fit), and the table checksums
// and head's checksum adjustment computed again.
func packGlyphs(data []byte) ([]byte, error) {
	tables, err := sfntTables(data)
	if err != nil {
		return nil, err
	}
	byTag := map[string]int{}
	for i, t := range tables {
		byTag[t.tag] = i
	}
	for _, tag := range []string{"head", "maxp", "loca", "glyf"} {
		if _, ok := byTag[tag]; !ok {
			return nil, fmt.Errorf("no %s table", tag)
		}
	}
	head := append([]byte(nil), tables[byTag["head"]].data...)
	maxp, loca, glyf := tables[byTag["maxp"]].data, tables[byTag["loca"]].data, tables[byTag["glyf"]].data
	if len(head) < 54 || len(maxp) < 6 {
		return nil, errors.New("head or maxp table too short")
	}
	glyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	long := binary.BigEndian.Uint16(head[50:]) == 1
	offset := func(i int) (int, error) {
		if long {
			if 4*i+4 > len(loca) {
				return 0, errors.New("loca table too short")
			}
			return int(binary.BigEndian.Uint32(loca[4*i:])), nil
		}
		if 2*i+2 > len(loca) {
			return 0, errors.New("loca table too short")
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*i:])), nil
	}

	newGlyf := make([]byte, 0, len(glyf)/2)
	offsets := make([]int, glyphs+1)
	for g := 0; g < glyphs; g++ {
		start, err := offset(g)
		if err != nil {
			return nil, err
		}
		end, err := offset(g + 1)
		if err != nil {
			return nil, err
		}
		if start > end || end > len(glyf) {
			return nil, fmt.Errorf("glyph %d lies outside the glyf table", g)
		}
		offsets[g] = len(newGlyf)
		glyph := glyf[start:end]
		if len(glyph) >= 10 && int16(binary.BigEndian.Uint16(glyph)) >= 0 {
			if newGlyf, err = packSimple(newGlyf, glyph); err != nil {
				return nil, fmt.Errorf("glyph %d: %w", g, err)
			}
		} else {
			newGlyf = append(newGlyf, glyph...) // empty, or composite: nothing to pack
		}
		if len(newGlyf)%2 == 1 {
			newGlyf = append(newGlyf, 0)
		}
	}
	offsets[glyphs] = len(newGlyf)

	short := len(newGlyf)/2 <= 0xFFFF
	var newLoca []byte
	for _, o := range offsets {
		if short {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(o/2))
		} else {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(o))
		}
	}
	if short {
		binary.BigEndian.PutUint16(head[50:], 0)
	} else {
		binary.BigEndian.PutUint16(head[50:], 1)
	}
	tables[byTag["head"]].data = head
	tables[byTag["loca"]].data = newLoca
	tables[byTag["glyf"]].data = newGlyf
	return writeSFNT(binary.BigEndian.Uint32(data), tables), nil
}

// TrueType's simple glyph flags.
const (
	onCurve  = 0x01
	xShort   = 0x02
	yShort   = 0x04
	repeat   = 0x08
	xSame    = 0x10 // with xShort: positive
	ySame    = 0x20 // with yShort: positive
	keepFlag = onCurve | 0x40 | 0x80
)

// simpleGlyph is a simple glyph read: its bytes up to the flags (header, contour ends, instructions),
// each point's flags other than the coordinate forms, and each point's deltas.
type simpleGlyph struct {
	head   []byte
	flags  []byte
	dx, dy []int
}

// readSimple reads simple glyph g.
func readSimple(g []byte) (simpleGlyph, error) {
	var s simpleGlyph
	contours := int(binary.BigEndian.Uint16(g))
	p := 10 + 2*contours
	if p+2 > len(g) {
		return s, errors.New("truncated glyph")
	}
	points := 0
	if contours > 0 {
		points = int(binary.BigEndian.Uint16(g[p-2:])) + 1
	}
	p += 2 + int(binary.BigEndian.Uint16(g[p:]))
	if p > len(g) {
		return s, errors.New("truncated instructions")
	}
	s.head = g[:p]
	flags := make([]byte, 0, points)
	for len(flags) < points {
		if p >= len(g) {
			return s, errors.New("truncated flags")
		}
		f := g[p]
		p++
		flags = append(flags, f)
		if f&repeat != 0 {
			if p >= len(g) {
				return s, errors.New("truncated flags")
			}
			for n := int(g[p]); n > 0 && len(flags) < points; n-- {
				flags = append(flags, f)
			}
			p++
		}
	}
	s.dx, s.dy = make([]int, points), make([]int, points)
	for _, axis := range []struct {
		d           []int
		short, plus byte
	}{{s.dx, xShort, xSame}, {s.dy, yShort, ySame}} {
		for i, f := range flags {
			switch {
			case f&axis.short != 0:
				if p >= len(g) {
					return s, errors.New("truncated coordinates")
				}
				axis.d[i] = int(g[p])
				if f&axis.plus == 0 {
					axis.d[i] = -axis.d[i]
				}
				p++
			case f&axis.plus != 0:
				axis.d[i] = 0
			default:
				if p+2 > len(g) {
					return s, errors.New("truncated coordinates")
				}
				axis.d[i] = int(int16(binary.BigEndian.Uint16(g[p:])))
				p += 2
			}
		}
	}
	s.flags = make([]byte, points)
	for i, f := range flags {
		s.flags[i] = f & keepFlag
	}
	return s, nil
}

// packSimple appends simple glyph g to out with its flags and coordinates in their shortest form.
func packSimple(out, g []byte) ([]byte, error) {
	s, err := readSimple(g)
	if err != nil {
		return nil, err
	}
	out = append(out, s.head...)
	points := len(s.flags)
	packed := make([]byte, points)
	for i, f := range s.flags {
		packed[i] = f | shortForm(s.dx[i], xShort, xSame) | shortForm(s.dy[i], yShort, ySame)
	}
	for i := 0; i < points; {
		run := 1
		for i+run < points && packed[i+run] == packed[i] && run < 256 {
			run++
		}
		if run > 1 {
			out = append(out, packed[i]|repeat, byte(run-1))
		} else {
			out = append(out, packed[i])
		}
		i += run
	}
	for _, axis := range []struct {
		d     []int
		short byte
	}{{s.dx, xShort}, {s.dy, yShort}} {
		for i, d := range axis.d {
			switch {
			case packed[i]&axis.short != 0:
				if d < 0 {
					d = -d
				}
				out = append(out, byte(d))
			case d == 0:
			default:
				out = binary.BigEndian.AppendUint16(out, uint16(int16(d)))
			}
		}
	}
	return out, nil
}

// shortForm is the flag bits that write delta d in its shortest form: nothing for 0, one byte with
// its sign in plus up to 255, else two bytes.
func shortForm(d int, short, plus byte) byte {
	switch {
	case d == 0:
		return plus
	case d > 0 && d <= 255:
		return short | plus
	case d < 0 && d >= -255:
		return short
	}
	return 0
}

// sfntTables reads the table directory of TrueType font data.
func sfntTables(data []byte) ([]sfntTable, error) {
	if len(data) < 12 {
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("truncated table directory")
	}
	tables := make([]sfntTable, n)
	for i := range tables {
		rec := data[12+16*i:]
		off, length := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("table %q lies outside the file", rec[:4])
		}
		tables[i] = sfntTable{tag: string(rec[:4]), data: data[off : off+length]}
	}
	return tables, nil
}

// writeSFNT writes a TrueType font of tables, sorted by tag, each starting on four bytes, with their
// checksums and head's checksum adjustment.
func writeSFNT(version uint32, tables []sfntTable) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 16 << entrySelector
	out := binary.BigEndian.AppendUint32(nil, version)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(searchRange))
	out = binary.BigEndian.AppendUint16(out, uint16(entrySelector))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-searchRange))
	offset := 12 + 16*n
	headAt := -1
	for _, t := range tables {
		if t.tag == "head" {
			binary.BigEndian.PutUint32(t.data[8:], 0) // checkSumAdjustment, counted as 0
			headAt = offset
		}
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(t.data))
		out = binary.BigEndian.AppendUint32(out, uint32(offset))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		offset += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is TrueType's table checksum: the sum of its big-endian 32-bit words, zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
