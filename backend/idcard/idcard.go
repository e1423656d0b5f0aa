// Package idcard checks, normalizes and masks the personal data township officers type or import:
// resident ID numbers (GB 11643-1999), phone numbers, dates, sex, ethnicity and yes/no answers.
// Every error is an *errs.Error with code invalid, the caller's field and a Chinese message.
package idcard

import (
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/errs"
)

// ID is a valid 18-character resident ID number and what it says about its holder.
type ID struct {
	Number string    // the 18 characters, a final X in upper case
	Region string    // the 6-digit administrative division code
	Birth  time.Time // the birth date, at midnight UTC
	Sex    string    // "男" or "女"
}

// weights and checkChars are ISO 7064 MOD 11-2 as used by GB 11643-1999.
var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

// provinces are the valid first two digits of a region code.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true, "91": true,
}

// earliestBirth is the earliest birth date accepted in an ID number.
var earliestBirth = time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckDigit returns the check character ('0'–'9' or 'X') for the first 17 characters of
// first17, or 0 when it has fewer than 17 characters or one of them is not a digit.
func CheckDigit(first17 string) byte {
	if len(first17) < 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Parse checks an 18-character resident ID number (full-width digits, spaces and a lower-case x
// are accepted) and returns it with the region, birth date and sex it encodes. A birth date after
// today (the caller's date, from the database's clock) is refused.
func Parse(field, s string, today time.Time) (ID, error) {
	s = strings.ReplaceAll(compact(s), "x", "X")
	if s == "" {
		return ID{}, errs.Field(field, "身份证号为空，请填写18位身份证号")
	}
	runes := []rune(s)
	for i, r := range runes {
		switch {
		case r >= '0' && r <= '9', r == 'X' && i == len(runes)-1:
		case r == 'X':
			return ID{}, errs.Field(field, "身份证号第%d位是X，X只能出现在最后一位", i+1)
		default:
			return ID{}, errs.Field(field, "身份证号只能由数字组成（最后一位可以是X），第%d位“%c”不对", i+1, r)
		}
	}
	switch len(s) {
	case 18:
	case 15:
		return ID{}, errs.Field(field, "这是15位的旧身份证号，现已不再使用，请填写现行身份证上的18位号码")
	default:
		return ID{}, errs.Field(field, "身份证号应为18位，现在是%d位", len(s))
	}
	if s[0] == '0' {
		return ID{}, errs.Field(field, "身份证号前6位是地区码，不能以0开头，请核对是否抄错")
	}
	if !provinces[s[:2]] {
		return ID{}, errs.Field(field, "身份证号前两位“%s”不是有效的省级地区码，请核对是否抄错", s[:2])
	}
	birth, err := idBirth(field, s[6:14], today)
	if err != nil {
		return ID{}, err
	}
	if s[17] != CheckDigit(s) {
		return ID{}, errs.Field(field, "身份证号校验位不对，请核对是否抄错")
	}
	sex := "女"
	if (s[16]-'0')%2 == 1 {
		sex = "男"
	}
	return ID{Number: s, Region: s[:6], Birth: birth, Sex: sex}, nil
}

// idBirth checks the YYYYMMDD birth date of an ID number.
func idBirth(field, ymd string, today time.Time) (time.Time, error) {
	y, m, d := atoi(ymd[:4]), atoi(ymd[4:6]), atoi(ymd[6:])
	birth, ok := calendarDate(y, m, d)
	if !ok {
		return time.Time{}, errs.Field(field, "身份证号第7到14位是出生日期，“%s”不是真实存在的日期，请核对是否抄错", ymd)
	}
	if birth.Before(earliestBirth) {
		return time.Time{}, errs.Field(field, "身份证号中的出生日期“%s”早于1890年，请核对是否抄错", ymd)
	}
	ny, nm, nd := today.Date()
	if birth.After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, errs.Field(field, "身份证号中的出生日期“%s”晚于今天，请核对是否抄错", ymd)
	}
	return birth, nil
}

// calendarDate returns y-m-d at midnight UTC and whether that day exists.
func calendarDate(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// atoi converts a string of ASCII digits (checked by the caller) to an int.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// Age returns the holder's age in completed years on the calendar day of at (0 before birth);
// someone born on 29 February turns a year older on 1 March in common years.
func (id ID) Age(at time.Time) int {
	if id.Birth.IsZero() {
		return 0
	}
	y, m, d := at.Date()
	by, bm, bd := id.Birth.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return max(age, 0)
}

// CheckAgainst compares a typed sex ("男", "女" or "") and birth date (ISO or any form ParseDate
// accepts, or "") with what id says, and reports every mismatch in one error; a zero id passes.
func CheckAgainst(field string, id ID, sex string, birth string) error {
	if id.Number == "" {
		return nil
	}
	var problems []string
	if sex != "" && sex != id.Sex {
		problems = append(problems, fmt.Sprintf("身份证号显示性别为%s，但填写的是%s", id.Sex, sex))
	}
	if birth != "" {
		typed, err := ParseDate(field, birth)
		if err != nil {
			return err
		}
		if want := id.Birth.Format(time.DateOnly); typed != want {
			problems = append(problems, fmt.Sprintf("身份证号显示出生日期为%s，但填写的是%s", want, typed))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return errs.Field(field, "%s", strings.Join(problems, "；"))
}
