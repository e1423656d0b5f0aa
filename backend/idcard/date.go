package idcard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"xiangzhi/backend/errs"
)

// maxSerial is the Excel serial number of 9999-12-31, the last date Excel knows.
const maxSerial = 2958465

// dateMarks turns 2026年11月27日 into 2026-11-27 and the other separators into '-'.
var dateMarks = strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", "/", "-", ".", "-")

// ParseDate reads a date as officers type it or as Excel gives it as text and returns it as
// "2006-01-02"; "" gives "" and no error.
//
// Accepted: 2026-11-27, 2026/11/27, 2026.11.27, 2026-1-5, 20261127, 2026年11月27日, any of these
// followed by a time that is ignored ("2026-11-27 00:00:00", "2026-11-27T08:00"), and Excel
// serial numbers 1–2958465 in the 1900 date system, integer or decimal (the fraction, a time of
// day, is ignored). Serial 60 is Excel's non-existent 1900-02-29 and is rejected. A bare
// four-digit year (1890–2100) or year and month (202611, 2026.11) is rejected as incomplete
// rather than read as a serial number.
func ParseDate(field, s string) (string, error) {
	s = Normalize(s)
	if s == "" || isoDay(s) { // a day already written as 2026-11-27: given back as it is
		return s, nil
	}
	return parseDate(field, s)
}

// parseDate is ParseDate of a normalized, non-empty s, the long way.
func parseDate(field, s string) (string, error) {
	typed := s
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if whole, frac, dot := strings.Cut(s, "."); allDigits(whole) && (!dot || allDigits(frac)) {
		if len(whole) == 8 && strings.Trim(frac, "0") == "" {
			return ymd(field, typed, whole[:4], whole[4:6], whole[6:])
		}
		return serial(field, typed, whole, frac)
	}
	parts := strings.Split(dateMarks.Replace(s), "-")
	if len(parts) != 3 || !allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]) {
		return "", errs.Field(field, "日期“%s”无法识别，请按“2026-11-27”的格式填写", typed)
	}
	return ymd(field, typed, parts[0], parts[1], parts[2])
}

// isoDay says that s is a day written as ParseDate writes it (2026-11-27), one that exists.
func isoDay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return false
	}
	y, m, d := atoi(s[:4]), atoi(s[5:7]), atoi(s[8:])
	_, ok := calendarDate(y, m, d)
	return ok && y >= 1000 && m >= 1 && m <= 12
}

// ymd checks a year, month and day written as digits.
func ymd(field, typed, y, m, d string) (string, error) {
	if len(y) != 4 {
		if len(d) == 4 {
			return "", errs.Field(field, "日期“%s”请按年、月、日的顺序填写，如2026-11-27", typed)
		}
		return "", errs.Field(field, "日期“%s”的年份应写4位，如2026-11-27", typed)
	}
	if len(m) > 2 || len(d) > 2 {
		return "", errs.Field(field, "日期“%s”无法识别，月和日最多2位，请按“2026-11-27”的格式填写", typed)
	}
	year, month, day := atoi(y), atoi(m), atoi(d)
	switch {
	case year < 1000:
		return "", errs.Field(field, "日期“%s”的年份“%s”不对", typed, y)
	case month < 1 || month > 12:
		return "", errs.Field(field, "日期“%s”的月份不对，应为1到12", typed)
	}
	t, ok := calendarDate(year, month, day)
	if !ok {
		return "", errs.Field(field, "日期“%s”不存在：%d年%d月没有%d日", typed, year, month, day)
	}
	return t.Format(time.DateOnly), nil
}

// serial converts an Excel serial number (whole and fractional digits) to a date.
func serial(field, typed, whole, frac string) (string, error) {
	if yearOrMonth(whole, frac) {
		return "", errs.Field(field, "“%s”不是完整的日期，请写出年、月、日，如2026-11-27", typed)
	}
	n, err := strconv.Atoi(whole)
	if err != nil || n < 1 || n > maxSerial {
		return "", errs.Field(field, "“%s”不是日期：作为Excel日期序号，它超出了1到%d的范围", typed, maxSerial)
	}
	if n == 60 {
		return "", errs.Field(field, "Excel日期序号60对应不存在的1900年2月29日，请直接填写日期")
	}
	if n > 60 {
		n-- // Excel counts the non-existent 1900-02-29
	}
	return time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(time.DateOnly), nil
}

// yearOrMonth reports whether a number reads as a bare year (2026), or a year and month
// (2026.11, 202611), which officers type far more often than an Excel serial of 1905 or 2454.
func yearOrMonth(whole, frac string) bool {
	isYear := func(s string) bool { return atoi(s) >= 1890 && atoi(s) <= 2100 }
	isMonth := func(s string) bool { return len(s) <= 2 && atoi(s) >= 1 && atoi(s) <= 12 }
	switch len(whole) {
	case 4:
		return isYear(whole) && (frac == "" || isMonth(frac))
	case 6:
		return frac == "" && isYear(whole[:4]) && isMonth(whole[4:])
	}
	return false
}

// DateCN writes a day as officers read it: 2026年11月27日.
func DateCN(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// ISODateCN writes an ISO day (2026-11-27) as DateCN does; anything else comes back as it was.
func ISODateCN(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return DateCN(t)
}
