package fonts_test

import (
	"encoding/binary"
	"slices"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"xiangzhi/backend/docs/fonts"
)

// The font a PDF embeds is cut from the parsed face by the patched gofpdf
// (third_party/gofpdf): every character keeps its own outline and advance,
// the subset's cmap finds it, the file's checksums hold, and characters
// above U+FFFF (given codes of the surrogate range, as documents give them)
// get their glyphs from the face's format-12 cmap.
func TestPDFSubsetKeepsGlyphs(t *testing.T) {
	set, err := fonts.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range fonts.Roles {
		for _, face := range set.Faces(role) {
			font, err := face.PDF()
			if err != nil {
				t.Fatal(err)
			}
			// ASCII, GB2312, punctuation, characters of names outside GB2312, above U+FFFF, and
			// two that the 楷体 faces draw as composite glyphs (¨ and ˊ), whose components follow them
			text := []rune("Aw9@%，。“”〔〕一二张王喆堃犇昇玥𬱟𫓧𫄧𠅤𡎚¨ˊ")
			codes := map[int]int{}
			for i, r := range text {
				code := int(r)
				if r > 0xFFFF {
					code = 0xD800 + i
				}
				codes[code] = int(r)
			}
			file, glyph := font.Subset(codes)
			checkSubset(t, face, file, glyph, codes)
		}
	}
}

func checkSubset(t *testing.T, face *fonts.Face, file []byte, glyph map[int]int, codes map[int]int) {
	t.Helper()
	if sum := checksum(file); sum != 0xB1B0AFBA {
		t.Errorf("%s: the subset's checksum is %#x, want 0xB1B0AFBA", face.Name, sum)
	}
	orig, err := sfnt.Parse(face.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(file)
	if err != nil {
		t.Fatalf("%s: the subset is not a font: %v", face.Name, err)
	}
	var ob, sb sfnt.Buffer
	ppem := fixed.I(1000)
	found := 0
	for code, r := range codes {
		og, err := orig.GlyphIndex(&ob, rune(r))
		if err != nil || og == 0 {
			if _, ok := glyph[code]; ok {
				t.Errorf("%s: %c is not in the face but has glyph %d in the subset", face.Name, r, glyph[code])
			}
			continue
		}
		found++
		sg := sfnt.GlyphIndex(glyph[code])
		if sg == 0 {
			t.Errorf("%s: %c (code %#x) has no glyph in the subset", face.Name, r, code)
			continue
		}
		if code <= 0xFFFF && code < 0xD800 {
			if cg, _ := sub.GlyphIndex(&sb, rune(code)); cg != sg {
				t.Errorf("%s: the subset's cmap gives %c glyph %d, want %d", face.Name, r, cg, sg)
			}
		}
		oa, _ := orig.GlyphAdvance(&ob, og, ppem, 0)
		sa, _ := sub.GlyphAdvance(&sb, sg, ppem, 0)
		if oa != sa || lsb(face.Bytes(), int(og)) != lsb(file, int(sg)) {
			t.Errorf("%s: %c advances %v in the subset, %v in the face, or its side bearing differs", face.Name, r, sa, oa)
		}
		os, err1 := orig.LoadGlyph(&ob, og, ppem, nil)
		ss, err2 := sub.LoadGlyph(&sb, sg, ppem, nil)
		if err1 != nil || err2 != nil || len(os) == 0 || !slices.Equal(os, ss) {
			t.Errorf("%s: %c is drawn differently in the subset (%d segments, %v; face %d segments, %v)", face.Name, r, len(ss), err2, len(os), err1)
		}
	}
	if found < 10 {
		t.Errorf("%s has only %d of the test characters", face.Name, found)
	}
}

// lsb is glyph g's left side bearing, from the font's hmtx table.
func lsb(font []byte, g int) int16 {
	table := func(tag string) []byte {
		for i := 0; i < int(binary.BigEndian.Uint16(font[4:])); i++ {
			if rec := font[12+16*i:]; string(rec[:4]) == tag {
				return font[binary.BigEndian.Uint32(rec[8:]):]
			}
		}
		return nil
	}
	n := int(binary.BigEndian.Uint16(table("hhea")[34:]))
	hmtx := table("hmtx")
	if g < n {
		return int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
	}
	return int16(binary.BigEndian.Uint16(hmtx[4*n+2*(g-n):]))
}

// checksum is the sum of a TrueType file as big-endian 32-bit words.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
