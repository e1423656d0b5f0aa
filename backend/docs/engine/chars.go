package engine

import (
	"fmt"
	"strings"
	"unicode"

	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// CheckText reports the first character of text that cannot be printed in
// role with the fonts of set: a control or format character, or one no
// available font has a glyph for (characters above U+FFFF, such as the
// rare ones of names, print like any other when a font has them). The
// error (code invalid) names field, the character and its position.
func CheckText(set *fonts.Set, role fonts.Role, field, text string) error {
	return checkText(set, role, field, where(field), text, 0)
}

// CheckField is CheckText for an input field: the error's Field is key
// (e.g. "people.2.name") and its message names the field as label (e.g.
// "「公示名单」第3行「姓名」"). Any role's face may draw a character, so
// the check is the same for every role.
func CheckField(set *fonts.Set, key, label, text string) error {
	return checkText(set, fonts.Fang, key, label, text, 0)
}

// checkText is CheckText for text that comes after before characters of
// the field, so that positions count from the start of the field.
func checkText(set *fonts.Set, role fonts.Role, field, label, text string, before int) error {
	pos := before
	for _, r := range text {
		pos++
		switch {
		case r == '\n' || r == '\r' || r == ' ' || r == '\t':
			continue
		case r == unicode.ReplacementChar:
			return errs.Field(field, "%s第%d个字无法识别（文字编码有误），请重新输入", label, pos)
		case r > 0xFFFF && (r < 0x20000 || r > 0x3FFFF) && set.Pick(role, r) == nil:
			return errs.Field(field, "%s第%d个字符“%c”（U+%04X）是表情符号或特殊符号，公文字体中没有，无法打印，请删除", label, pos, r, r)
		case unicode.Is(unicode.Cf, r):
			return errs.Field(field, "%s第%d个字符（U+%04X）是看不见的格式字符（如文字方向控制、零宽字符，可能用来伪装文字），请删除后重新输入", label, pos, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cs, r) || unicode.Is(unicode.Co, r):
			return errs.Field(field, "%s第%d个字符（U+%04X）是不可见的控制字符或自造字，请删除后重新输入", label, pos, r)
		}
		if set.Pick(role, r) == nil {
			return errs.Field(field, "%s第%d个字“%c”（U+%04X）在所有可用字体中都没有字形，打印出来会是空框；请在「公文 → 打印字体」中选用含此字的字体，或在本机安装含此字的字体后重新打开程序", label, pos, r, r)
		}
	}
	return nil
}

func where(field string) string {
	if field == "" {
		return ""
	}
	return "「" + field + "」"
}

// clean turns CR LF and CR into LF and tabs into spaces.
func clean(text string) string {
	if !strings.ContainsAny(text, "\r\t") {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return strings.ReplaceAll(text, "\t", " ")
}

// ok checks text for the current field and records the first problem.
func (d *Doc) ok(role fonts.Role, text string) bool {
	if d.err != nil {
		return false
	}
	if err := checkText(d.set, role, d.field, where(d.field), text, d.base); err != nil {
		d.err = err
		return false
	}
	return true
}

// fail records an error unless one is recorded already.
func (d *Doc) fail(format string, args ...any) {
	if d.err == nil {
		d.err = errs.Field(d.field, "%s", fmt.Sprintf(format, args...))
	}
}
