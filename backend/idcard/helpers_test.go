package idcard_test

import (
	"strings"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// valid returns first17 followed by its check digit.
func valid(first17 string) string {
	return first17 + string(idcard.CheckDigit(first17))
}

// fixToday makes idcard.Now return noon of the given day until the test ends.
func fixToday(t *testing.T, y int, m time.Month, d int) {
	t.Helper()
	old := idcard.Now
	idcard.Now = func() time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.Local) }
	t.Cleanup(func() { idcard.Now = old })
}

// wantErr fails unless err is an *errs.Error with code invalid, the given field and a message
// holding every one of parts.
func wantErr(t *testing.T, err error, field string, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one saying %q", parts)
	}
	e, ok := err.(*errs.Error)
	if !ok {
		t.Fatalf("error %v is %T, want *errs.Error", err, err)
	}
	if e.Code != errs.Invalid {
		t.Errorf("code = %q, want %q", e.Code, errs.Invalid)
	}
	if e.Field != field {
		t.Errorf("field = %q, want %q", e.Field, field)
	}
	for _, p := range parts {
		if !strings.Contains(e.Message, p) {
			t.Errorf("message %q does not contain %q", e.Message, p)
		}
	}
}

// fullWidth turns ASCII digits, letters and '-' into their full-width forms.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F {
			return r + 0xFEE0
		}
		return r
	}, s)
}
