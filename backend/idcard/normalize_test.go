package idcard_test

import (
	"testing"

	"xiangzhi/backend/idcard"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"OnlySpaces", " \t\u3000\u00a0\n", ""},
		{"Plain", "张三", "张三"},
		{"FullWidthDigitsLetters", "ＡＢＣａｂｃ０１２３", "ABCabc0123"},
		{"FullWidthPunctuation", "！（－）～，", "!(-)~,"},
		{"RangeEnd", "\uff5e\uff5f", "~\uff5f"},
		{"IdeographicPunctuationKept", "。、", "。、"},
		{"IdeographicSpaceTrimmed", "\u3000张三\u3000", "张三"},
		{"NBSPCollapsed", "张\u00a0\u00a0三", "张 三"},
		{"MixedRunCollapsed", "a \t\u3000\n b", "a b"},
		{"TrimBothEnds", "  城步  苗族  ", "城步 苗族"},
		{"ZeroWidthDropped", "\ufeff4305\u200b29", "430529"},
		{"InvalidUTF8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idcard.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := idcard.Normalize(tt.want); again != tt.want {
				t.Errorf("Normalize(%q) = %q: not idempotent", tt.want, again)
			}
		})
	}
}
