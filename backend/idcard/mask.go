package idcard

import "strings"

// MaskID hides the middle of an ID number for lists and public notices: an 18-character number
// keeps its first 6 and last 4 characters (430529********1234); a number of 3 to 17 characters
// keeps only its first and last; 1 or 2 characters are hidden entirely. It never panics.
func MaskID(s string) string {
	r := []rune(compact(s))
	switch n := len(r); {
	case n >= 18:
		return keep(r, 6, 4)
	case n >= 3:
		return keep(r, 1, 1)
	default:
		return strings.Repeat("*", n)
	}
}

// MaskPhone hides the middle of a phone number: a mobile keeps its first 3 and last 4 digits
// (138****5678); a landline keeps its area code and the last 2 digits of the number, with a fixed
// four stars and without the extension (0739-****34). Anything ParsePhone rejects keeps only its
// first and last character (all hidden when shorter than 3). It never panics.
func MaskPhone(s string) string {
	if p, err := ParsePhone("", s); err == nil && p != "" {
		if p[0] == '1' {
			return p[:3] + "****" + p[7:]
		}
		area, num, _ := strings.Cut(p, "-")
		num, _, _ = strings.Cut(num, "转")
		return area + "-****" + num[len(num)-2:]
	}
	r := []rune(compact(s))
	if len(r) < 3 {
		return strings.Repeat("*", len(r))
	}
	return keep(r, 1, 1)
}

// keep returns r with all but its first head and last tail runes replaced by '*'.
func keep(r []rune, head, tail int) string {
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}
