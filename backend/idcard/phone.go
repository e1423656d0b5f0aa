package idcard

import (
	"strings"

	"xiangzhi/backend/errs"
)

// extMarks introduce an extension, longest first where one is the start of another.
var extMarks = []string{"转分机", "分机号", "分机", "转", "ext.", "ext"}

// dashes maps the dash look-alikes people paste from Word or web pages to '-'.
var dashes = strings.NewReplacer("‐", "-", "‑", "-", "‒", "-", "–", "-", "—", "-", "―", "-", "−", "-")

// ParsePhone checks a phone number and returns it in canonical form: 11 digits for a mobile
// ("13812345678") or area code, dash and number for a landline ("0739-7321234", with an
// extension "0739-7321234转88"); "" gives "" and no error, since callers decide requiredness.
//
// Full-width digits, spaces, dashes, parentheses and a leading +86, 0086 or (+86) are accepted.
// Area codes follow the Chinese rule: 010 and 02x have 3 digits, all others 4, and no other code
// starts with 01. An extension is written after 转, 分机 or ext, or as a last dash-separated group
// of 1–6 digits. A 7–8 digit number without area code is rejected with a request for one.
func ParsePhone(field, s string) (string, error) {
	s = Normalize(s)
	if s == "" || isMobile(s) { // 13812345678, as most are written: given back as it is
		return s, nil
	}
	return parsePhone(field, dashes.Replace(s))
}

// isMobile says that s is a mobile number written as ParsePhone writes it: 11 digits, 1 and then 3
// to 9.
func isMobile(s string) bool { return len(s) == 11 && s[0] == '1' && s[1] >= '3' && allDigits(s) }

// parsePhone is ParsePhone of a normalized s, the long way.
func parsePhone(field, s string) (string, error) {
	if s == "" {
		return "", nil
	}
	main, ext, err := splitExt(field, s)
	if err != nil {
		return "", err
	}
	main, intl := trimCountry(strings.TrimSpace(main))
	var groups []string // runs of digits between separators
	start := -1
	for i, r := range main + " " {
		switch {
		case r >= '0' && r <= '9':
			if start < 0 {
				start = i
			}
		case r == ' ' || r == '-' || r == '(' || r == ')':
			if start >= 0 {
				groups = append(groups, main[start:i])
				start = -1
			}
		case r == '+':
			return "", errs.Field(field, "只能填写中国大陆的电话号码，国际号码请勿以“+”开头")
		default:
			return "", errs.Field(field, "电话号码中有无法识别的字符“%c”，请只填写数字", r)
		}
	}
	d := strings.Join(groups, "")
	switch {
	case d == "":
		return "", errs.Field(field, "电话号码“%s”中没有数字", s)
	case intl && d[0] != '0' && (d[0] != '1' || len(d) > 1 && d[1] < '3'):
		d = "0" + d // +86 739 7321234, +86 10 12345678: the trunk 0 is left out after +86
	case len(d) == 13 && strings.HasPrefix(d, "861"):
		d = d[2:] // 86 13812345678
	case len(d) == 12 && strings.HasPrefix(d, "01") && d[2] >= '3':
		d = d[1:] // 013812345678: a mobile dialled with a trunk 0
	}
	if d[0] == '1' {
		return mobile(field, d, ext)
	}
	if d[0] != '0' {
		if len(d) == 7 || len(d) == 8 {
			return "", errs.Field(field, "固定电话“%s”缺少区号，请加上区号，如0739-7321234", s)
		}
		return "", errs.Field(field, "电话号码“%s”无法识别：手机号应为11位，固定电话应为区号加7到8位号码", s)
	}
	return landline(field, d, groups, ext)
}

// splitExt cuts an extension introduced by one of extMarks off s and checks it.
func splitExt(field, s string) (main, ext string, err error) {
	lower := asciiLower(s)
	at, mark := -1, ""
	for _, m := range extMarks {
		if i := strings.Index(lower, m); i >= 0 && (at < 0 || i < at) {
			at, mark = i, m
		}
	}
	if at < 0 {
		return s, "", nil
	}
	ext = strings.Trim(s[at+len(mark):], " :.-号")
	if ext == "" {
		return "", "", errs.Field(field, "“%s”后面缺少分机号", mark)
	}
	if !allDigits(ext) || len(ext) > 6 {
		return "", "", errs.Field(field, "分机号“%s”不对，应为1到6位数字", ext)
	}
	return s[:at], ext, nil
}

// trimCountry removes a leading +86, 0086 or (+86) and reports whether there was one.
func trimCountry(s string) (string, bool) {
	for _, p := range []string{"(+86)", "(0086)", "+86", "0086"} {
		if strings.HasPrefix(s, p) {
			return strings.TrimLeft(s[len(p):], " -"), true
		}
	}
	return s, false
}

// mobile checks an 11-digit mobile number.
func mobile(field, d, ext string) (string, error) {
	switch {
	case len(d) != 11:
		return "", errs.Field(field, "手机号应为11位，现在是%d位", len(d))
	case d[1] < '3':
		return "", errs.Field(field, "手机号“%s”不对：第二位应为3到9，请核对是否抄错", d)
	case ext != "":
		return "", errs.Field(field, "手机号不能带分机号")
	}
	return d, nil
}

// landline checks an area code plus local number (plus extension) and formats it.
func landline(field, d string, groups []string, ext string) (string, error) {
	if len(d) < 3 {
		return "", errs.Field(field, "固定电话“%s”太短，应为区号加7到8位号码", d)
	}
	if d[1] == '0' {
		return "", errs.Field(field, "“00”开头的是国际号码，只能填写中国大陆的手机号或固定电话")
	}
	if d[1] == '1' && d[2] != '0' {
		return "", errs.Field(field, "区号“%s”不存在：以01开头的区号只有北京的010", d[:min(4, len(d))])
	}
	n := 4
	if d[1] == '2' || d[1] == '1' {
		n = 3
	}
	if len(d) < n {
		return "", errs.Field(field, "固定电话“%s”太短，应为区号加7到8位号码", d)
	}
	area, num := d[:n], d[n:]
	if len(num) > 8 && ext == "" && len(groups) >= 2 {
		// 0739-7321234-88: the last group is an extension
		last := groups[len(groups)-1]
		if rest := len(num) - len(last); len(last) <= 6 && rest >= 7 && rest <= 8 {
			num, ext = num[:rest], last
		}
	}
	if len(num) < 7 || len(num) > 8 {
		return "", errs.Field(field, "固定电话号码位数不对：区号%s后面应为7到8位号码，现在是%d位", area, len(num))
	}
	out := area + "-" + num
	if ext != "" {
		out += "转" + ext
	}
	return out, nil
}
