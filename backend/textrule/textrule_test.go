package textrule_test

import (
	"errors"
	"strings"
	"testing"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/textrule"
)

func TestName(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"  杨  明 ", "杨 明"},
		{"阿依古丽·买买提", "阿依古丽·买买提"},
		{"Maria José", "Maria José"},
		{"Jose\u0301", "José"}, // a combining accent after its letter, composed
		{"丹口镇 1-2 号", "丹口镇 1-2 号"},
		{"0012", "0012"},
		{"杨\u00a0明", "杨 明"}, // a no-break space, and an ideographic one, are spaces
		{"杨\u3000明", "杨 明"},
		{"杨 \u3000明", "杨 明"},
	} {
		got, err := textrule.Name("name", "姓名", c.in, 30, true)
		if err != nil || got != c.want {
			t.Errorf("Name(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct {
		in, want string
	}{
		{"", "不能为空"},
		{"测试村\u202e", "看不见的格式字符（U+202E"},
		{"杨\u200b明", "看不见的格式字符（U+200B"},
		{"杨\x1b[31m明", "控制字符（U+001B）"},
		{"杨\x00明", "控制字符（U+0000）"},
		{"杨\x7f明", "控制字符（U+007F）"},
		{"\u0301杨明", "孤立的附加符号"},
		{"杨 \u0301明", "孤立的附加符号"},
		{`=HYPERLINK("http://x","李四")`, "不能以“=”开头"},
		{"+8613800000000", "不能以“+”开头"},
		{"@SUM(A1)", "不能以“@”开头"},
		{"杨\ue000明", "无法显示的字符（U+E000"},
		{strings.Repeat("名", 31), "不能超过 30 个字"},
	} {
		_, err := textrule.Name("name", "姓名", c.in, 30, true)
		var e *errs.Error
		if !errors.As(err, &e) || e.Code != errs.Invalid || e.Field != "name" || !strings.Contains(e.Message, c.want) {
			t.Errorf("Name(%q): %v; want %q", c.in, err, c.want)
			continue
		}
		if strings.ContainsAny(e.Message, "\x00\x1b\x7f\u202e\u200b") {
			t.Errorf("the message echoes the raw character: %q", e.Message)
		}
	}
}

func TestFree(t *testing.T) {
	got, err := textrule.Free("notes", "备注", " 第一行\r\n第二\u200b行\x1b[2J\t末尾\u202e \n", 100)
	if err != nil || got != "第一行\n第二行[2J\t末尾" {
		t.Errorf("Free = %q, %v", got, err)
	}
	if _, err := textrule.Free("notes", "备注", strings.Repeat("字", 11), 10); err == nil {
		t.Error("over the limit")
	}
}

func TestNameRefusesLineBreaksInside(t *testing.T) {
	if _, err := textrule.Name("officeName", "单位名称", "丹口\n镇", 30, true); err == nil {
		t.Error("a line break inside a name")
	}
	if got, err := textrule.Name("officeName", "单位名称", "丹口镇\n", 30, true); err != nil || got != "丹口镇" {
		t.Errorf("a trailing line break: %q %v", got, err)
	}
}
