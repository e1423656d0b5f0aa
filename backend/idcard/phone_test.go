package idcard_test

import (
	"testing"

	"xiangzhi/backend/idcard"
)

func TestParsePhone(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"OnlySpaces", " \u3000 ", ""},
		{"Mobile", "13812345678", "13812345678"},
		{"MobileSpaces", "138 1234 5678", "13812345678"},
		{"MobileDashes", "138-1234-5678", "13812345678"},
		{"MobileFullWidth", "１３８　１２３４　５６７８", "13812345678"},
		{"MobilePlus86", "+8613812345678", "13812345678"},
		{"MobilePlus86Spaces", "+86 138 1234 5678", "13812345678"},
		{"MobileParenPlus86", "(+86)13812345678", "13812345678"},
		{"Mobile0086", "0086 13812345678", "13812345678"},
		{"Mobile86", "86 13812345678", "13812345678"},
		{"MobileTrunk0", "013812345678", "13812345678"},
		{"Mobile19", "19912345678", "19912345678"},
		{"Beijing", "010-12345678", "010-12345678"},
		{"BeijingNoDash", "01012345678", "010-12345678"},
		{"Guangzhou", "020 87654321", "020-87654321"},
		{"Landline4", "0739-7321234", "0739-7321234"},
		{"Landline4NoDash", "07397321234", "0739-7321234"},
		{"Landline4Eight", "0731-88887777", "0731-88887777"},
		{"Parentheses", "(0739)7321234", "0739-7321234"},
		{"FullWidthParentheses", "（０７３９）７３２１２３４", "0739-7321234"},
		{"EmDash", "0739—7321234", "0739-7321234"},
		{"SpacedGroups", "0739 732 1234", "0739-7321234"},
		{"Plus86Landline", "+86 739 7321234", "0739-7321234"},
		{"Plus86Beijing", "+86-10-12345678", "010-12345678"},
		{"ExtZhuan", "0739-7321234转88", "0739-7321234转88"},
		{"ExtZhuanSpaced", "(0739)7321234 转 8801", "0739-7321234转8801"},
		{"ExtDash", "0739-7321234-88", "0739-7321234转88"},
		{"ExtDashBeijing", "010-12345678-123", "010-12345678转123"},
		{"ExtEnglish", "0739-7321234 ext. 88", "0739-7321234转88"},
		{"ExtEnglishUpper", "0739-7321234 EXT 88", "0739-7321234转88"},
		{"ExtFenji", "0739-7321234分机88", "0739-7321234转88"},
		{"ExtZhuanFenjiHao", "0739-7321234转分机号：88", "0739-7321234转88"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := idcard.ParsePhone("phone", tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParsePhone(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
			if again, err := idcard.ParsePhone("phone", got); err != nil || again != got {
				t.Errorf("ParsePhone(%q) = %q, %v: canonical form not stable", got, again, err)
			}
		})
	}
}

func TestParsePhoneErrors(t *testing.T) {
	tests := []struct {
		name, in string
		parts    []string
	}{
		{"ErrNoAreaCode7", "7321234", []string{"缺少区号", "0739-7321234"}},
		{"ErrNoAreaCode8", "8765 4321", []string{"缺少区号"}},
		{"ErrMobileShort", "1381234567", []string{"手机号应为11位，现在是10位"}},
		{"ErrMobileLong", "138123456789", []string{"手机号应为11位，现在是12位"}},
		{"ErrMobileSecondDigit", "12812345678", []string{"第二位应为3到9"}},
		{"ErrMobileExtension", "13812345678转1", []string{"手机号不能带分机号"}},
		{"ErrLandlineShort", "0739-73212", []string{"区号0739后面应为7到8位号码，现在是5位"}},
		{"ErrLandlineLong", "0739-732123456", []string{"现在是9位"}},
		{"ErrBeijingShort", "010-123456", []string{"区号010后面", "现在是6位"}},
		{"ErrAreaOnly", "0739", []string{"现在是0位"}},
		{"ErrTooShort", "07", []string{"太短"}},
		{"ErrLetter", "0739-732l234", []string{"无法识别的字符“l”"}},
		{"ErrChinese", "手机13812345678", []string{"无法识别的字符“手”"}},
		{"ErrForeignPlus", "+1 415 555 1234", []string{"国际号码"}},
		{"ErrForeign00", "001 415 555 1234", []string{"“00”开头的是国际号码"}},
		{"ErrExtensionLetters", "0739-7321234转abc", []string{"分机号“abc”不对"}},
		{"ErrExtensionLong", "0739-7321234转1234567", []string{"分机号“1234567”不对"}},
		{"ErrExtensionMissing", "0739-7321234转", []string{"“转”后面缺少分机号"}},
		{"ErrNoDigits", "-()-", []string{"没有数字"}},
		{"ErrLongLastGroup", "0739 000000000", []string{"区号0739后面应为7到8位号码，现在是9位"}},
		{"ErrArea01x", "0110-1234567", []string{"区号“0110”不存在", "010"}},
		{"ErrArea01x7", "(0170)1234567", []string{"区号“0170”不存在"}},
		{"ErrUnrecognized", "400-123-4567", []string{"无法识别", "手机号应为11位"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := idcard.ParsePhone("phone", tt.in)
			wantErr(t, err, "phone", tt.parts...)
			if got != "" {
				t.Errorf("ParsePhone(%q) returned %q with its error", tt.in, got)
			}
		})
	}
}
