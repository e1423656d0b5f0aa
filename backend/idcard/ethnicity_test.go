package idcard_test

import (
	"strings"
	"testing"

	"xiangzhi/backend/idcard"
)

func TestEthnicities(t *testing.T) {
	if n := len(idcard.Ethnicities); n != 56 {
		t.Fatalf("%d ethnicities, want 56", n)
	}
	if idcard.Ethnicities[0] != "汉族" || idcard.Ethnicities[5] != "苗族" || idcard.Ethnicities[55] != "基诺族" {
		t.Errorf("order: first %s, sixth %s, last %s", idcard.Ethnicities[0], idcard.Ethnicities[5], idcard.Ethnicities[55])
	}
	seen := map[string]bool{}
	for _, name := range idcard.Ethnicities {
		if seen[name] || !strings.HasSuffix(name, "族") {
			t.Errorf("%q: duplicate or without 族", name)
		}
		seen[name] = true
	}
}

func TestParseEthnicity(t *testing.T) {
	for _, name := range idcard.Ethnicities {
		short := strings.TrimSuffix(name, "族")
		for _, in := range []string{name, short, " " + name + "\u3000"} {
			if got, err := idcard.ParseEthnicity("ethnicity", in); err != nil || got != name {
				t.Errorf("ParseEthnicity(%q) = %q, %v, want %q", in, got, err, name)
			}
		}
	}
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"Spaces", "  ", ""},
		{"Miao", "苗", "苗族"},
		{"Uyghur", "维吾尔", "维吾尔族"},
		{"TuNotTujia", "土", "土族"},
		{"Tujia", "土家", "土家族"},
		{"SpaceInside", "土 家 族", "土家族"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := idcard.ParseEthnicity("ethnicity", tt.in); err != nil || got != tt.want {
				t.Errorf("ParseEthnicity(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, in := range []string{"族", "汉人", "维族", "其他", "苗族族", "Han"} {
		t.Run("Err_"+in, func(t *testing.T) {
			got, err := idcard.ParseEthnicity("ethnicity", in)
			wantErr(t, err, "ethnicity", "民族“"+in+"”不是56个民族的名称之一", "汉族")
			if got != "" {
				t.Errorf("ParseEthnicity(%q) returned %q with its error", in, got)
			}
		})
	}
}
