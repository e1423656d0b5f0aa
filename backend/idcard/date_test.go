package idcard_test

import (
	"testing"
	"time"

	"xiangzhi/backend/idcard"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"OnlySpaces", "\u3000", ""},
		{"ISO", "2026-11-27", "2026-11-27"},
		{"Slashes", "2026/11/27", "2026-11-27"},
		{"Dots", "2026.11.27", "2026-11-27"},
		{"Compact", "20261127", "2026-11-27"},
		{"Chinese", "2026年11月27日", "2026-11-27"},
		{"ChineseHao", "2026年11月27号", "2026-11-27"},
		{"ChineseNoRi", "2026年11月27", "2026-11-27"},
		{"ChineseShort", "2026年1月5日", "2026-01-05"},
		{"ShortMonthDay", "2026-1-5", "2026-01-05"},
		{"ShortSlashes", "2026/1/5", "2026-01-05"},
		{"WithTime", "2026-11-27 00:00:00", "2026-11-27"},
		{"SlashesWithTime", "2026/11/27 8:30", "2026-11-27"},
		{"WithTSeparator", "2026-11-27T08:00:00", "2026-11-27"},
		{"ChineseWithWeekday", "2026年11月27日 星期五", "2026-11-27"},
		{"FullWidth", "２０２６－１１－２７", "2026-11-27"},
		{"Padded", "  2026-11-27\t", "2026-11-27"},
		{"LeapDay", "2024-02-29", "2024-02-29"},
		{"Year2000LeapDay", "20000229", "2000-02-29"},
		{"CompactDecimalZero", "20261127.0", "2026-11-27"},
		{"Serial1", "1", "1900-01-01"},
		{"Serial59", "59", "1900-02-28"},
		{"Serial61", "61", "1900-03-01"},
		{"Serial45000", "45000", "2023-03-15"},
		{"Serial46353", "46353", "2026-11-27"},
		{"SerialDecimal", "45000.75", "2023-03-15"},
		{"SerialDecimalZero", "46353.0", "2026-11-27"},
		{"SerialWithTime", "45000 12:00", "2023-03-15"},
		{"SerialMax", "2958465", "9999-12-31"},
		{"SerialFullWidth", "４５０００", "2023-03-15"},
		{"SerialLeadingZeros", "0045000", "2023-03-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := idcard.ParseDate("birth", tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
			if again, err := idcard.ParseDate("birth", got); err != nil || again != got {
				t.Errorf("ParseDate(%q) = %q, %v: ISO form not stable", got, again, err)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		name, in string
		parts    []string
	}{
		{"ErrSerial60FakeLeapDay", "60", []string{"序号60", "不存在的1900年2月29日"}},
		{"ErrSerial0", "0", []string{"超出了1到2958465的范围"}},
		{"ErrSerialDecimalBelow1", "0.5", []string{"超出了1到2958465的范围"}},
		{"ErrSerialTooBig", "2958466", []string{"超出了1到2958465的范围"}},
		{"ErrYearOnly", "2026", []string{"不是完整的日期"}},
		{"ErrYearMonthDot", "2026.11", []string{"不是完整的日期"}},
		{"ErrYearMonthCompact", "202611", []string{"不是完整的日期"}},
		{"ErrFeb30", "2026-02-30", []string{"不存在", "2026年2月没有30日"}},
		{"ErrFeb29NotLeap", "2023-02-29", []string{"2023年2月没有29日"}},
		{"ErrFeb29Year1900", "1900-02-29", []string{"1900年2月没有29日"}},
		{"ErrApril31", "2026/4/31", []string{"2026年4月没有31日"}},
		{"ErrDay0", "2026-11-00", []string{"2026年11月没有0日"}},
		{"ErrCompactBadDay", "20260230", []string{"不存在"}},
		{"ErrMonth13", "2026-13-01", []string{"月份不对"}},
		{"ErrMonth0", "2026-0-01", []string{"月份不对"}},
		{"ErrCompactMonth13", "19901331", []string{"月份不对"}},
		{"ErrTwoDigitYear", "26-11-27", []string{"年份应写4位"}},
		{"ErrDayFirst", "27/11/2026", []string{"年、月、日的顺序"}},
		{"ErrYear0226", "0226-11-27", []string{"年份“0226”不对"}},
		{"ErrLongMonth", "2026-011-27", []string{"月和日最多2位"}},
		{"ErrYearMonth", "2026-11", []string{"无法识别", "2026-11-27"}},
		{"ErrChineseNoDay", "2026年11月", []string{"无法识别"}},
		{"ErrDoubleSeparator", "2026--11-27", []string{"无法识别"}},
		{"ErrNegative", "-45000", []string{"无法识别"}},
		{"ErrWords", "明天", []string{"日期“明天”无法识别"}},
		{"ErrMixedLetters", "2026-11-2x", []string{"无法识别"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := idcard.ParseDate("birth", tt.in)
			wantErr(t, err, "birth", tt.parts...)
			if got != "" {
				t.Errorf("ParseDate(%q) returned %q with its error", tt.in, got)
			}
		})
	}
}

func TestDateCN(t *testing.T) {
	if got := idcard.DateCN(time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC)); got != "2027年1月31日" {
		t.Errorf("DateCN: %q", got)
	}
	for in, want := range map[string]string{"2026-11-27": "2026年11月27日", "2026-02-30": "2026-02-30", "": ""} {
		if got := idcard.ISODateCN(in); got != want {
			t.Errorf("ISODateCN(%q) = %q, want %q", in, got, want)
		}
	}
}
