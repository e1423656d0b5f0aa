package docs_test

import (
	"testing"

	"xiangzhi/backend/docs"
)

func TestCapital(t *testing.T) {
	for fen, want := range map[int64]string{
		0:             "人民币零元整",
		100:           "人民币壹元整",
		12000000:      "人民币壹拾贰万元整",
		12000050:      "人民币壹拾贰万元伍角",
		1000500:       "人民币壹万零伍元整",
		1050000:       "人民币壹万零伍佰元整",
		10010000:      "人民币壹拾万零壹佰元整",
		123456789:     "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分",
		100000000000:  "人民币壹拾亿元整",
		10000010000:   "人民币壹亿零壹佰元整",
		101:           "人民币壹元零壹分",
		5:             "人民币伍分",
		30:            "人民币叁角",
		200000000:     "人民币贰佰万元整",
		1000000000000: "人民币壹佰亿元整",
		// issue 15: 10, 100.05, 1,000,001 and either side of 壹亿
		1000:        "人民币壹拾元整",
		10005:       "人民币壹佰元零伍分",
		100000100:   "人民币壹佰万零壹元整",
		9999999900:  "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整",
		10000000000: "人民币壹亿元整",
		10000000001: "人民币壹亿元零壹分",
		10000000100: "人民币壹亿零壹元整",
		10001000000: "人民币壹亿零壹万元整",
		11000000000: "人民币壹亿壹仟万元整",
	} {
		if got := docs.Capital(fen); got != want {
			t.Errorf("Capital(%d) = %s, want %s", fen, got, want)
		}
	}
}

func TestParseYuan(t *testing.T) {
	for s, want := range map[string]int64{"120000": 12000000, "1,234.5": 123450, "¥88.00": 8800, "0.01": 1, "3元": 300,
		"12万": 12000000, "12.5万元": 12500000, "0.000001万": 1, "１２０００．５０": 1200050, "￥ 1 000": 100000, "0": 0, "1.50": 150} {
		got, err := docs.ParseYuan("amount", "合同金额", s)
		if err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "abc", "-5", "1.234", "1e5", "NaN", "Inf", "0x10",
		// Text after the number was dropped: 12万 read as 12 元, 3万5千 as 3.
		"3万5千", "12元5角", "12千", "5万万", "1.2.3", ".5", "1000000000000", "0.0000001万"} {
		if _, err := docs.ParseYuan("amount", "合同金额", s); err == nil {
			t.Errorf("ParseYuan(%q) accepted", s)
		}
	}
	if got := docs.Yuan(123456789); got != "¥1,234,567.89" {
		t.Errorf("Yuan = %s", got)
	}
}
