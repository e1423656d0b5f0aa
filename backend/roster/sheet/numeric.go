package sheet

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxSerial is the Excel date serial of 9999-12-31, the last date Excel knows.
const maxSerial = 2958465

// idKind is what the shown value of an ID cell says about how it is stored.
type idKind int

const (
	idText      idKind = iota // stored as text, or no number at all
	idNumber                  // certainly stored as a number
	idAmbiguous               // all digits and no more than 15 significant ones: only the cell type tells
)

// classifyID tells from how an ID cell is shown whether it was stored as a number. Scientific
// notation (4.30529E+17) or a decimal point always means a number whose last digits are lost,
// whether the cell holds it as a number or as text. Excel shows a number of more than 15
// significant digits in scientific notation, so digits alone are text, except that up to 15
// significant digits (an old 15-digit ID, or one ending in 000) look the same either way.
func classifyID(shown string) idKind {
	s := cleanValue(shown)
	switch {
	case isSci(s):
		return idNumber
	case !isDecimal(s):
		return idText
	case strings.ContainsRune(s, '.'):
		return idNumber
	case significantDigits(s) > 15:
		return idText
	}
	return idAmbiguous
}

// isSerial reports whether raw is an Excel date serial number: a plain positive number no
// larger than that of 9999-12-31. Eight-digit numbers such as 19800512 are not serials.
func isSerial(raw string) bool {
	raw = strings.TrimSpace(raw)
	if !isDecimal(raw) {
		return false
	}
	v, err := strconv.ParseFloat(raw, 64)
	return err == nil && v >= 1 && v <= maxSerial
}

// isDecimal reports whether s is digits with at most one decimal point and an optional sign.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// isSci reports whether s is a number in scientific notation, such as 4.30529E+17.
func isSci(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || !isDecimal(s[:i]) {
		return false
	}
	exp := strings.TrimPrefix(strings.TrimPrefix(s[i+1:], "+"), "-")
	return exp != "" && strings.Trim(exp, "0123456789") == ""
}

// significantDigits counts the digits of an integer string without leading and trailing zeros.
func significantDigits(s string) int {
	return len(strings.TrimRight(strings.TrimLeft(s, "+-0"), "0"))
}

// hasDateStyles reports whether any cell style of f shows numbers as dates or times. Without
// one, a date serial is shown as the plain number it is stored as.
func hasDateStyles(f *excelize.File) bool {
	for i := 0; ; i++ {
		st, err := f.GetStyle(i)
		if err != nil {
			return false
		}
		if isDateNumFmt(st.NumFmt) || st.CustomNumFmt != nil && isDateFormat(*st.CustomNumFmt) {
			return true
		}
	}
}

// isDateNumFmt reports whether the built-in number format id is a date or time format,
// including the East Asian ones.
func isDateNumFmt(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// isDateFormat reports whether the custom number format code has a date or time token (y, m, d,
// h or s) outside quoted text, escapes, brackets and the word General.
func isDateFormat(code string) bool {
	code = strings.ReplaceAll(strings.ToLower(code), "general", "")
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case 'y', 'm', 'd', 'h', 's':
			return true
		}
	}
	return false
}
