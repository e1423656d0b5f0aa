package linebreak

import "strings"

// class is how a character takes part in line breaking.
type class int

const (
	// clsWord: letters, digits and every other character that is kept
	// together with its neighbours of the same class (3.14, 0739-7321234,
	// a@b.cn, 12.5%).
	clsWord class = iota
	// clsCJK: Han characters, CJK punctuation and full-width forms; a
	// break is allowed on both sides of each one (subject to the
	// punctuation rules).
	clsCJK
	// clsSpace: an ASCII space, a break opportunity dropped at a line end.
	clsSpace
	// clsNewline: "\n", which ends a line.
	clsNewline
)

func classOf(r rune) class {
	switch {
	case r == ' ':
		return clsSpace
	case r == '\n':
		return clsNewline
	case isCJK(r):
		return clsCJK
	}
	return clsWord
}

// isCJK reports whether r is laid out as one full-width cell of the grid.
func isCJK(r rune) bool {
	switch {
	case r == 0x00B7: // middle dot ·
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E: // dashes, quotes, …, ‰
	case r >= 0x2100 && r <= 0x21FF: // letterlike (℃ №), number forms (Ⅻ), arrows
	case r >= 0x2460 && r <= 0x24FF: // enclosed numbers ① ⑴ ⒈
	case r >= 0x2500 && r <= 0x27BF: // box drawing, shapes □■○●△, symbols ☆★, dingbats
	case r >= 0x2E80 && r <= 0x9FFF: // radicals, CJK symbols and punctuation, kana, ideographs
	case r >= 0xA960 && r <= 0xA97F, r >= 0xAC00 && r <= 0xD7FF: // Hangul
	case r >= 0xF900 && r <= 0xFAFF: // compatibility ideographs
	case r >= 0xFE10 && r <= 0xFE1F, r >= 0xFE30 && r <= 0xFE6F: // vertical, compatibility and small forms
	case r >= 0xFF00 && r <= 0xFFEF: // half-width and full-width forms
	case r >= 0x20000 && r <= 0x3FFFF: // ideographs of the supplementary planes (𫓧, 𬱟, 𠅤 in names)
	default:
		return false
	}
	return true
}

// Closing and pausing marks, which must not start a line.
const noStartMarks = "。，、；：？！）》」』”’】〕〉…—·％‰］｝〗〙．℃′″" + ",.;:?!)]}%°"

// Opening marks, which must not end a line.
const noEndMarks = "（《「『“‘【〔〈［｛〖〘№" + "([{"

// Units a number is read with: a line does not end between 15 and 人, 2026 and 年, 8 and 个.
const numberUnits = "年月日时分秒个人户名位件次项条天周岁期号份套间栋层室台辆亩斤吨米元角万亿千百"

// bound reports whether before and after belong together as a number and its unit (15人, 4日,
// 38.5万元), which a line does not part. A date may still break between its parts (2026年|12月4日):
// kept whole, it would push up to six characters down and letter-space the line it leaves.
func bound(before, after rune) bool {
	return before >= '0' && before <= '9' && strings.ContainsRune(numberUnits, after) ||
		strings.ContainsRune("万亿千百", before) && after == '元'
}

func noStart(r rune) bool { return strings.ContainsRune(noStartMarks, r) }

func noEnd(r rune) bool { return strings.ContainsRune(noEndMarks, r) }

// Allowed reports whether a line may end with before and the next begin
// with after: not inside a word or number, nor between a number and its
// unit or inside a date, not before a closing mark and not after an
// opening one.
func Allowed(before, after rune) bool {
	if noEnd(before) || noStart(after) || bound(before, after) || after == ' ' || before == '\n' || after == '\n' {
		return false
	}
	return classOf(before) != clsWord || classOf(after) != clsWord
}
