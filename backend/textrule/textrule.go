// Package textrule is the one rule for text that people type or that comes in from files, the same in
// sheets, forms, the command line and documents. Names, places and codes (Name) are what names are:
// letters of any script (Han characters, the letters of minority and foreign names), digits, the
// middle dot of transcribed names and ordinary punctuation; control characters, bidi overrides,
// zero-width characters, stray combining marks and a leading formula sign (=, +, -, @) are refused.
// Free text (Free) keeps lines and tabs and loses the invisible characters that can disguise it.
package textrule

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"xiangzhi/backend/errs"
)

// invisible reports the characters that change how text looks without being seen: bidi embeddings
// and overrides (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
// (U+200B–U+200D, U+2060, U+FEFF) and the other format characters.
func invisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// Show writes a character a message must name as U+XXXX when it cannot be shown safely (a control
// character, an invisible one), so that no message echoes an escape sequence to a terminal.
func Show(r rune) string {
	if unicode.IsControl(r) || invisible(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || !unicode.IsPrint(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return "“" + string(r) + "”"
}

// Name checks and tidies a name, place or code: NFC-normalised, trimmed, runs of spaces made one, at most
// max characters (0: no limit), not empty when required. field and label name it in the errors (code
// invalid).
func Name(field, label, s string, max int, required bool) (string, error) {
	s = norm.NFC.String(strings.TrimSpace(s)) // a line break inside is refused below, not joined
	if s == "" {
		if required {
			return "", errs.Field(field, "%s不能为空", label)
		}
		return "", nil
	}
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return "", errs.Field(field, "%s不能超过 %d 个字（现有 %d 个）", label, max, n)
	}
	prev := ' '
	spaced := false // a space other than one ' ' between words: there are spaces to tidy
	for i, r := range s {
		if plain(r) {
			prev = r
			continue
		}
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			spaced = true
		}
		switch {
		case r == utf8.RuneError:
			return "", errs.Field(field, "%s含有无法识别的字符", label)
		case r == '\n' || r == '\r':
			return "", errs.Field(field, "%s不能含有换行", label)
		case r == '\t':
			return "", errs.Field(field, "%s不能含有制表符", label)
		case unicode.IsControl(r):
			return "", errs.Field(field, "%s不能含有控制字符（%s）", label, Show(r))
		case invisible(r):
			return "", errs.Field(field, "%s不能含有看不见的格式字符（%s，可能用来伪装文字）", label, Show(r))
		case unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) || !unicode.IsGraphic(r) && r != ' ':
			return "", errs.Field(field, "%s含有无法显示的字符（%s）", label, Show(r))
		case (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)) && !unicode.IsLetter(prev) && !unicode.Is(unicode.Mn, prev):
			return "", errs.Field(field, "%s含有孤立的附加符号（%s）", label, Show(r))
		case i == 0 && strings.ContainsRune("=+-@", r):
			return "", errs.Field(field, "%s不能以“%c”开头（表格软件会把它当作公式）", label, r)
		}
		prev = r
	}
	if !spaced {
		return s, nil
	}
	return strings.Join(strings.Fields(s), " "), nil
}

// plain says that r is a common Chinese character (U+4E00–U+9FFF), an ASCII letter or a digit: a
// character none of Name's refusals is about, which most names are made of.
func plain(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// Free tidies free text (notes, findings, a document's body): NFC-normalised, line ends as \n,
// control characters other than line breaks and tabs and the invisible format characters removed,
// trimmed; at most max characters (0: no limit), else an error naming field and label.
func Free(field, label, s string, max int) (string, error) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == utf8.RuneError, unicode.IsControl(r), invisible(r):
			return -1
		}
		return r
	}, norm.NFC.String(s))
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return "", errs.Field(field, "%s不能超过 %d 个字（现有 %d 个）", label, max, n)
	}
	return s, nil
}
