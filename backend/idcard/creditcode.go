package idcard

import (
	"strings"

	"xiangzhi/backend/errs"
)

// creditChars are the characters of a 统一社会信用代码 (GB 32100-2015) in the order of their values:
// the digits and the capital letters without I, O, S, V and Z.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// CreditCheckChar is the check character of the first 17 characters of a 统一社会信用代码: the
// weights are 3^i mod 31, the check is 31 minus the weighted sum mod 31 (31 written 0). It returns
// 0 when a character is not one a code may hold.
func CreditCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditChars, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * w
		w = w * 3 % 31
	}
	return creditChars[(31-sum%31)%31]
}

// ParseCreditCode reads a 统一社会信用代码 as typed (full-width characters, spaces and lower case
// allowed) and returns its 18 capital characters; "" gives "" and no error. A code of another length,
// with a letter no code holds (I, O, S, V, Z), or whose last character is not its check character, is
// refused with a message naming field.
func ParseCreditCode(field, s string) (string, error) {
	s = strings.ToUpper(compact(Normalize(s)))
	if s == "" {
		return "", nil
	}
	for i, r := range []rune(s) {
		if r > 127 || strings.IndexByte(creditChars, byte(r)) < 0 {
			return "", errs.Field(field, "统一社会信用代码第 %d 位“%c”不对：代码只用数字和除 I、O、S、V、Z 以外的大写字母", i+1, r)
		}
	}
	if len(s) != 18 {
		return "", errs.Field(field, "统一社会信用代码应为 18 位，“%s”是 %d 位", s, len(s))
	}
	if want := CreditCheckChar(s[:17]); s[17] != want {
		return "", errs.Field(field, "统一社会信用代码“%s”的校验位不对（按前 17 位算应为“%c”），请核对营业执照", s, want)
	}
	return s, nil
}
