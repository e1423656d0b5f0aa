package idcard_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"xiangzhi/backend/idcard"
)

func TestMaskID(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"One", "1", "*"},
		{"Two", "12", "**"},
		{"Three", "123", "1*3"},
		{"Eighteen", "430529199001011234", "430529********1234"},
		{"EighteenX", "11010519491231002X", "110105********002X"},
		{"FullWidthWithSpaces", fullWidth("430529 19900101 1234"), "430529********1234"},
		{"Fifteen", "430529900101123", "4*************3"},
		{"Seventeen", "43052919900101123", "4***************3"},
		{"Nineteen", "4305291990010112345", "430529*********2345"},
		{"MultiByteShort", "张三", "**"},
		{"MultiByte", "身份证号码", "身***码"},
		{"MultiByteEighteen", strings.Repeat("一", 18), "一一一一一一********一一一一"},
		{"Emoji", "😀😀😀", "😀*😀"},
		{"InvalidUTF8", "\xff", "*"},
		{"InvalidUTF8Long", "\xff\xfe\xfd", "\uFFFD*\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idcard.MaskID(tt.in); got != tt.want {
				t.Errorf("MaskID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	t.Run("AllLengths", func(t *testing.T) {
		const digits = "4305291990010112344305291990"
		for n := 0; n <= len(digits); n++ {
			got := idcard.MaskID(digits[:n])
			if utf8.RuneCountInString(got) != n {
				t.Errorf("MaskID of %d digits = %q: length changed", n, got)
			}
			if n >= 3 && strings.Count(got, "*") < n-10 {
				t.Errorf("MaskID of %d digits = %q: too little hidden", n, got)
			}
		}
	})
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"One", "1", "*"},
		{"Two", "12", "**"},
		{"Mobile", "13812345678", "138****5678"},
		{"MobileWithSpacesAnd86", "+86 138 1234 5678", "138****5678"},
		{"MobileFullWidth", fullWidth("13812345678"), "138****5678"},
		{"Landline4", "0739-7321234", "0739-****34"},
		{"Landline3", "010-12345678", "010-****78"},
		{"LandlineParentheses", "(0739)7321234", "0739-****34"},
		{"LandlineExtensionDropped", "0739-7321234转88", "0739-****34"},
		{"Unparseable", "12345", "1***5"},
		{"NoAreaCode", "7321234", "7*****4"},
		{"MultiByte", "无电话", "无*话"},
		{"MultiByteShort", "无", "*"},
		{"InvalidUTF8", "\xff\xfe", "**"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idcard.MaskPhone(tt.in); got != tt.want {
				t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzMask checks that masking never panics and never shows an ID number's birth date.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"", "1", "12", "430529199001011234", "张三", "\xff", "0739-7321234转88", "+86", "转", "(", "０"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		idcard.MaskPhone(s)
		masked := idcard.MaskID(s)
		if id, err := idcard.Parse("id", s, today); err == nil && strings.Contains(masked, id.Birth.Format("20060102")) {
			t.Errorf("MaskID(%q) = %q shows the birth date", s, masked)
		}
	})
}
