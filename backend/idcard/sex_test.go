package idcard_test

import (
	"testing"

	"xiangzhi/backend/idcard"
)

func TestParseSex(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""}, {" ", ""},
		{"男", "男"}, {"男性", "男"}, {"M", "男"}, {"m", "男"}, {"male", "男"}, {"Male", "男"}, {"1", "男"},
		{"女", "女"}, {"女性", "女"}, {"F", "女"}, {"f", "女"}, {"female", "女"}, {"FEMALE", "女"}, {"2", "女"},
		{" 男 ", "男"}, {"\u3000女\u3000", "女"}, {"Ｍ", "男"}, {"２", "女"}, {"女 性", "女"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, err := idcard.ParseSex("sex", tt.in); err != nil || got != tt.want {
				t.Errorf("ParseSex(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, in := range []string{"0", "3", "未知", "男女", "man", "x"} {
		t.Run("Err_"+in, func(t *testing.T) {
			got, err := idcard.ParseSex("sex", in)
			wantErr(t, err, "sex", "性别“"+in+"”无法识别", "“男”或“女”", "M、F", "1表示男、2表示女")
			if got != "" {
				t.Errorf("ParseSex(%q) returned %q with its error", in, got)
			}
		})
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false}, {"\u3000", false},
		{"是", true}, {"是党员", true}, {"党员", true}, {"中共党员", true},
		{"Y", true}, {"y", true}, {"yes", true}, {"YES", true}, {"true", true}, {"True", true}, {"1", true},
		{"√", true}, {"✓", true}, {" 是 ", true}, {"１", true},
		{"否", false}, {"不是", false}, {"群众", false},
		{"N", false}, {"n", false}, {"no", false}, {"No", false}, {"false", false}, {"FALSE", false},
		{"0", false}, {"×", false}, {"０", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, err := idcard.ParseBool("isMember", tt.in); err != nil || got != tt.want {
				t.Errorf("ParseBool(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
			}
		})
	}
	for _, in := range []string{"2", "可能", "预备", "yess", "是否"} {
		t.Run("Err_"+in, func(t *testing.T) {
			got, err := idcard.ParseBool("isMember", in)
			wantErr(t, err, "isMember", "“"+in+"”无法识别", "“是”或“否”")
			if got {
				t.Errorf("ParseBool(%q) returned true with its error", in)
			}
		})
	}
}
