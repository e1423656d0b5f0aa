package gofpdf

// This file is part of the patch described in README.md: UTF-8 fonts added
// from a parsed UTF8Font, text written as CIDs (characters above U+FFFF get
// CIDs of the surrogate range), and the font objects written per document.

import (
	"crypto/sha1"
	"fmt"
	"hash/crc32"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Characters above U+FFFF are written with CIDs from the UTF-16 surrogate
// range, which no character of text ever has: each document numbers them
// per font in the order it meets them. The CIDToGIDMap gives each its
// glyph and the ToUnicode CMap its true character, so copying and searching
// the PDF give the real text.
const (
	firstSupplementaryCID = 0xD800
	lastSupplementaryCID  = 0xDFFF
)

// AddUTF8FontParsed makes font available as familyStr and styleStr, like
// AddUTF8FontFromBytes but without reading the font again: parse it once
// with ParseUTF8Font and add it to every document that uses it.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	familyStr = fontFamilyEscape(familyStr)
	fontKey := getFontKey(familyStr, styleStr)
	if _, ok := f.fonts[fontKey]; ok {
		return
	}
	f.fonts[fontKey] = f.utf8FontDef(fontKey, "", font)
}

// utf8FontDef is the definition of a UTF-8 font added as fontKey.
func (f *Fpdf) utf8FontDef(fontKey, file string, font *UTF8Font) fontDefType {
	used := makeSubsetRange(57)
	if f.aliasNbPagesStr != "" {
		used = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:        "UTF8",
		Name:      fontKey,
		Desc:      font.desc,
		Up:        int(round(font.underlinePos)),
		Ut:        round(font.underlineThk),
		Cw:        font.charWidths,
		File:      file,
		utf8Font:  font,
		usedRunes: used,
		smpCIDs:   map[rune]int{},
	}
	// upstream hashed the whole definition, widths included, as JSON for
	// every document: the font's identity and its key say the same
	def.i = fmt.Sprintf("%x", sha1.Sum([]byte(fontKey+"\x00"+font.id())))
	return def
}

// id identifies the font's file: its length and CRC-32C, which the
// processor computes ten times faster than a SHA-1 of the same megabytes
// (a process that prints one document pays for it once per font).
func (font *UTF8Font) id() string {
	font.idOnce.Do(func() {
		font.idStr = fmt.Sprintf("%08x-%d", crc32.Checksum(font.data, castagnoli), len(font.data))
	})
	return font.idStr
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// utf8Codes writes s as the current UTF-8 font's CIDs (two bytes each, big
// endian) and records them as used.
func (f *Fpdf) utf8Codes(s string) string {
	font := &f.currentFont
	b := make([]byte, 0, 2*len(s))
	for _, r := range s {
		code := int(r)
		if r > 0xFFFF {
			cid, ok := font.smpCIDs[r]
			if !ok {
				cid = firstSupplementaryCID + len(font.smpCIDs)
				if cid > lastSupplementaryCID {
					f.SetErrorf("more than %d different characters above U+FFFF in font %s", lastSupplementaryCID-firstSupplementaryCID+1, font.Name)
					cid = 0xFFFD
				} else {
					font.smpCIDs[r] = cid
				}
			}
			code = cid
		}
		font.usedRunes[code] = int(r)
		b = append(b, byte(code>>8), byte(code))
	}
	return string(b)
}

// putUTF8Font writes the objects of a UTF-8 font: the Type0 font, its
// CIDFontType2 descendant with the widths of the codes used, the ToUnicode
// CMap, the descriptor, the CIDToGIDMap and the subset font file.
func (f *Fpdf) putUTF8Font(font fontDefType) {
	name := "utf8" + font.Name
	sub := font.utf8Font.subset(font.usedRunes)
	f.newobj()
	f.outf("<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\nendobj", name, f.n+1, f.n+2)

	f.newobj()
	f.out("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + name + "\n" +
		"/CIDSystemInfo " + strconv.Itoa(f.n+2) + " 0 R\n/FontDescriptor " + strconv.Itoa(f.n+3) + " 0 R")
	if font.Desc.MissingWidth != 0 {
		f.out("/DW " + strconv.Itoa(font.Desc.MissingWidth))
	}
	f.out("/W " + cidWidths(sub.widths))
	f.out("/CIDToGIDMap " + strconv.Itoa(f.n+4) + " 0 R>>")
	f.out("endobj")

	cmap := toUnicodeCMap(font.usedRunes, sub.glyph)
	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(cmap)) + ">>")
	f.putstream([]byte(cmap))
	f.out("endobj")

	f.newobj()
	f.out("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>")
	f.out("endobj")

	f.newobj()
	var s fmtBuffer
	s.printf("<</Type /FontDescriptor /FontName /%s\n /Ascent %d", name, font.Desc.Ascent)
	s.printf(" /Descent %d", font.Desc.Descent)
	s.printf(" /CapHeight %d", font.Desc.CapHeight)
	s.printf(" /Flags %d", (font.Desc.Flags|4)&^32)
	s.printf("/FontBBox [%d %d %d %d] ", font.Desc.FontBBox.Xmin, font.Desc.FontBBox.Ymin,
		font.Desc.FontBBox.Xmax, font.Desc.FontBBox.Ymax)
	s.printf(" /ItalicAngle %d", font.Desc.ItalicAngle)
	s.printf(" /StemV %d", font.Desc.StemV)
	s.printf(" /MissingWidth %d", font.Desc.MissingWidth)
	s.printf("/FontFile2 %d 0 R", f.n+2)
	s.printf(">>")
	f.out(s.String())
	f.out("endobj")

	last := 0
	for cid := range sub.glyph {
		last = max(last, cid)
	}
	// up to the last CID used: no other is drawn
	cidToGID := make([]byte, 2*(last+1))
	for cid, g := range sub.glyph {
		cidToGID[2*cid], cidToGID[2*cid+1] = byte(g>>8), byte(g)
	}
	cidToGID = sliceCompress(cidToGID)
	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(cidToGID)) + "/Filter /FlateDecode>>")
	f.putstream(cidToGID)
	f.out("endobj")

	file := sliceCompress(sub.file)
	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(file)))
	f.out("/Filter /FlateDecode")
	f.out("/Length1 " + strconv.Itoa(len(sub.file)))
	f.out(">>")
	f.putstream(file)
	f.out("endobj")
}

// sortedCodes returns the keys of m in order.
func sortedCodes(m map[int]int) []int {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	return codes
}

// cidWidths is the /W array of codes' widths: each run of consecutive
// codes as "first [w1 w2 …]".
func cidWidths(widths map[int]int) string {
	var sb strings.Builder
	sb.WriteString("[")
	prev := -2
	for _, c := range sortedCodes(widths) {
		if c != prev+1 {
			if prev >= 0 {
				sb.WriteString("] ")
			}
			sb.WriteString(strconv.Itoa(c) + " [")
		} else {
			sb.WriteString(" ")
		}
		sb.WriteString(strconv.Itoa(widths[c]))
		prev = c
	}
	if prev >= 0 {
		sb.WriteString("]")
	}
	sb.WriteString("]")
	return sb.String()
}

// toUnicodeCMap maps each code drawn with a glyph to its character, in
// UTF-16 (a surrogate pair for a character above U+FFFF).
func toUnicodeCMap(used map[int]int, glyph map[int]int) string {
	var codes []int
	for _, c := range sortedCodes(used) {
		if _, ok := glyph[c]; ok && used[c] != 0 {
			codes = append(codes, c)
		}
	}
	var sb strings.Builder
	sb.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(len(codes), 100) // at most 100 entries per section
		fmt.Fprintf(&sb, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			fmt.Fprintf(&sb, "<%04X> <", c)
			for _, u := range utf16.Encode([]rune{rune(used[c])}) {
				fmt.Fprintf(&sb, "%04X", u)
			}
			sb.WriteString(">\n")
		}
		sb.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	sb.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return sb.String()
}
