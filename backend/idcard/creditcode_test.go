package idcard

import (
	"strings"
	"testing"

	"xiangzhi/backend/errs"
)

func TestCreditCode(t *testing.T) {
	// Codes printed on real business licences (their check characters were not computed here).
	for _, code := range []string{"91350100M000100Y43", "9144030071526726XG", "914403001922038216",
		"91330100799655058B", "91110000802100433B"} {
		got, err := ParseCreditCode("creditCode", code)
		if err != nil || got != code {
			t.Errorf("%s: %q %v", code, got, err)
		}
	}
	// As typed: lower case, full width, spaces.
	if got, err := ParseCreditCode("creditCode", " ９１４４０３００７１５２６７２６ｘｇ "); err != nil || got != "9144030071526726XG" {
		t.Errorf("full width: %q %v", got, err)
	}
	if got, err := ParseCreditCode("creditCode", ""); err != nil || got != "" {
		t.Errorf("empty: %q %v", got, err)
	}
	for _, c := range []struct{ in, says string }{
		{"9144030071526726XH", "校验位不对（按前 17 位算应为“G”）"},
		{"9144030071526726X", "应为 18 位"},
		{"9144030071526726XGG", "应为 18 位"},
		{"9144030071526726IG", "第 17 位“I”不对"},
		{"914403007152672６号G", "第 17 位“号”不对"},
	} {
		_, err := ParseCreditCode("creditCode", c.in)
		e := errs.As(err)
		if err == nil || e.Field != "creditCode" || !strings.Contains(e.Message, c.says) {
			t.Errorf("%s: %v, want a message with %q", c.in, err, c.says)
		}
	}
}
