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

// today is the date the tests give Parse as "today": birth dates after it are refused.
var today = time.Date(2026, time.June, 15, 0, 0, 0, 0, time.Local)

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
