package idcard_test

import (
	"testing"
	"time"

	"xiangzhi/backend/idcard"
)

// FuzzParsers checks that no parser panics, that every error is a field error, and that what
// ParsePhone and ParseDate return reads back unchanged.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"", "0", "1", ".", "+86", "转", "0739-7321234-88", "010", "60", "2026年",
		"20261127", "45000.5", "11010519491231002x", "430529900101123", "(+86)", "00", "2958465"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := idcard.ParsePhone("f", s); err != nil {
			wantErr(t, err, "f")
		} else if again, err := idcard.ParsePhone("f", p); err != nil || again != p {
			t.Errorf("ParsePhone(%q) = %q, which reads back as %q, %v", s, p, again, err)
		}
		if d, err := idcard.ParseDate("f", s); err != nil {
			wantErr(t, err, "f")
		} else if d != "" {
			if _, perr := time.Parse(time.DateOnly, d); perr != nil {
				t.Errorf("ParseDate(%q) = %q, not ISO", s, d)
			}
			if again, err := idcard.ParseDate("f", d); err != nil || again != d {
				t.Errorf("ParseDate(%q) = %q, which reads back as %q, %v", s, d, again, err)
			}
		}
		if id, err := idcard.Parse("f", s, today); err != nil {
			wantErr(t, err, "f")
		} else if id.Number[17] != idcard.CheckDigit(id.Number) {
			t.Errorf("Parse(%q) accepted a wrong check digit", s)
		}
		for _, parse := range []func(string, string) (string, error){idcard.ParseSex, idcard.ParseEthnicity} {
			if _, err := parse("f", s); err != nil {
				wantErr(t, err, "f")
			}
		}
		if _, err := idcard.ParseBool("f", s); err != nil {
			wantErr(t, err, "f")
		}
	})
}
