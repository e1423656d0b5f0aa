// Package sheet is the spreadsheet layer of the roster (花名册) import and export, and of the other
// sheets read by the same rules (a Layout each: the 民情台账 of backend/cases): it knows the
// columns, their Chinese headers and the cells of an .xlsx file, and nothing of the database.
// Validating what the cells hold (ID numbers, dates, relations) is another package's work; this
// one hands it the cells and writes its problems back into a report workbook.
package sheet

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Column describes one column of the roster sheet.
type Column struct {
	// Key is the stable name of the column used in code and in Row.Cells.
	Key string
	// Header is the Chinese header written in row 1 of the template and of exports.
	Header string
	// Synonyms are other headers that people use for the same column; they are matched after
	// normalisation (see Lookup).
	Synonyms []string
	// Help is one short Chinese line, written under the header in the template.
	Help string
	// Choices, when set, become a drop-down list in the template.
	Choices []string
	// Text marks columns that must be stored as text so Excel keeps every digit.
	Text bool
	// Width is the column width in the template and exports, in Excel character units.
	Width float64
}

// Columns lists the roster columns in the order of the template and of exports.
var Columns = []Column{
	{Key: "village", Header: "村(社区)", Synonyms: []string{"村", "村名", "社区", "村（社区）", "村/社区", "行政村", "所在村"},
		Help: "行政村或社区的名称，如：儒林村", Width: 12},
	{Key: "piece", Header: "片", Synonyms: []string{"片区", "片名"}, Help: "所属片区，没有可不填", Width: 8},
	{Key: "group", Header: "组", Synonyms: []string{"村民小组", "小组", "组别", "组名"}, Help: "村民小组，如：3组", Width: 8},
	{Key: "neighbourhood", Header: "邻", Synonyms: []string{"邻名", "邻里", "邻组"}, Help: "所属邻，没有可不填", Width: 8},
	{Key: "household_code", Header: "户编号", Synonyms: []string{"户号", "户编码"}, Text: true,
		Help: "同一户的成员填同一个编号，可不填", Width: 12},
	{Key: "head_name", Header: "户主姓名", Synonyms: []string{"户主"}, Help: "本户户主的姓名", Width: 10},
	{Key: "relation", Header: "与户主关系", Synonyms: []string{"关系", "与户主的关系", "家庭关系"},
		Choices: []string{"户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "儿媳", "女婿", "兄弟姐妹", "其他"},
		Help:    "从下拉列表中选择，户主本人选“户主”", Width: 11},
	{Key: "name", Header: "姓名", Synonyms: []string{"名字", "居民姓名", "成员姓名"}, Help: "必填，居民本人的姓名", Width: 10},
	{Key: "id_number", Header: "身份证号", Synonyms: []string{"身份证号码", "公民身份号码", "身份证", "证件号码", "身份号码"},
		Text: true, Help: "18位，请以文本格式填写，勿用数字格式", Width: 21},
	{Key: "sex", Header: "性别", Choices: []string{"男", "女"}, Help: "男或女；填了身份证号可不填", Width: 6},
	{Key: "birth_date", Header: "出生日期", Synonyms: []string{"出生年月", "出生年月日", "生日"},
		Help: "如 1980-05-12；填了身份证号可不填", Width: 12},
	{Key: "ethnicity", Header: "民族", Choices: []string{"汉族", "苗族", "侗族", "瑶族", "土家族", "回族", "壮族", "其他"},
		Help: "如：汉族、苗族", Width: 8},
	{Key: "phone", Header: "联系电话", Synonyms: []string{"手机号", "手机号码", "电话", "电话号码", "联系方式", "手机"},
		Text: true, Help: "手机号或座机号，请以文本格式填写", Width: 14},
	{Key: "address", Header: "家庭住址", Synonyms: []string{"住址", "地址", "现住址", "居住地址", "户籍地址"},
		Help: "现居住的详细地址", Width: 24},
	{Key: "tags", Header: "重点户类别", Synonyms: []string{"户类别", "重点户", "人员类别", "类别", "标签"},
		Help: "低保户、五保户、留守老人、留守儿童、残疾人、特殊人群，多个用、分隔", Width: 20},
	{Key: "party_member", Header: "是否党员", Synonyms: []string{"党员", "政治面貌"}, Choices: []string{"是", "否"},
		Help: "是或否", Width: 9},
	{Key: "notes", Header: "备注", Synonyms: []string{"说明"}, Help: "其他需要说明的情况", Width: 20},
}

// Required returns the keys of the columns an imported roster must have, in Columns order.
func Required() []string { return append([]string(nil), Roster.Required...) }

// serialHeaders are headers of a running-number column, which is ignored.
var serialHeaders = map[string]bool{"序号": true, "序": true, "no": true, "no.": true}

// Layout is one kind of sheet this package reads and writes: its columns and how its template and
// exports look. The roster is one (Roster); other domains declare their own (the 民情台账 of
// backend/cases) and get the same reading rules — header found under titles, synonyms, dates in any
// form, a report of rejected rows — without a copy of them.
type Layout struct {
	// Noun names what the sheet is in messages: 花名册, 民情台账.
	Noun string
	// SheetName is the data sheet of the template and of exports.
	SheetName string
	// Title, when set, is a title row (merged across the columns) above the header in the template
	// and in exports.
	Title string
	// Columns are the columns in the order of the template and of exports.
	Columns []Column
	// Required are the keys of the columns an imported sheet must have.
	Required []string
	// Anchor is the key of a column the header row must name for a sheet to be read; it also breaks
	// ties between header rows naming as many known columns.
	Anchor string
	// IDKey is the key of a column of resident ID numbers, whose cells stored as numbers (digits
	// lost) are marked Numeric; "" for none.
	IDKey string
	// DateKeys are the keys of date columns: a cell holding an Excel date has its stored serial
	// number in Raw and is marked Numeric.
	DateKeys []string
	// OpenChoices are the columns whose drop-down only suggests: other values are allowed after a
	// warning. The others refuse anything not in the list.
	OpenChoices map[string]bool
	// Instructions are the lines of the template's "说明" sheet.
	Instructions []string
	// ExportApplication is the application name Write records; a workbook carrying it holds only
	// text (see Write).
	ExportApplication string

	byHeader map[string]int  // normalised header or synonym -> index in Columns
	byKey    map[string]int  // key -> index in Columns
	helps    map[string]bool // normalised Help texts
	dates    map[string]bool // DateKeys
}

// NewLayout indexes l's headers and synonyms. It panics when two columns share a header, or a
// required, anchor, ID or date key is not a column: a layout is a program's constant.
func NewLayout(l Layout) *Layout {
	l.byHeader, l.byKey, l.helps, l.dates = map[string]int{}, map[string]int{}, map[string]bool{}, map[string]bool{}
	for i, c := range l.Columns {
		l.byKey[c.Key] = i
		l.helps[normalizeHeader(c.Help)] = true
		for _, h := range append([]string{c.Header}, c.Synonyms...) {
			n := normalizeHeader(h)
			if j, dup := l.byHeader[n]; dup && j != i {
				panic(fmt.Sprintf("sheet: header %q used by both %s and %s", h, l.Columns[j].Key, c.Key))
			}
			l.byHeader[n] = i
		}
	}
	keys := append(append([]string{l.Anchor}, l.Required...), l.DateKeys...)
	if l.IDKey != "" {
		keys = append(keys, l.IDKey)
	}
	for _, k := range keys {
		if _, ok := l.byKey[k]; !ok {
			panic(fmt.Sprintf("sheet: layout %s names %q, which is not one of its columns", l.Noun, k))
		}
	}
	for _, k := range l.DateKeys {
		l.dates[k] = true
	}
	return &l
}

// Roster is the layout of the resident roster (花名册).
var Roster = NewLayout(Layout{
	Noun: "花名册", SheetName: rosterSheet, Columns: Columns,
	Required: []string{"village", "group", "name"}, Anchor: "name", IDKey: "id_number", DateKeys: []string{"birth_date"},
	OpenChoices: map[string]bool{"relation": true, "ethnicity": true}, Instructions: instructions,
	ExportApplication: exportApplication,
})

// Lookup returns the roster column whose header or synonym matches header (see Layout.Lookup).
func Lookup(header string) (Column, bool) { return Roster.Lookup(header) }

// Lookup returns the column whose header or synonym matches header. Headers are compared
// without white space, with full-width characters made half-width, Latin letters in lower
// case and without a trailing "（必填）" or "*"; failing that, also without a trailing remark in
// brackets such as "（18位）".
func (l *Layout) Lookup(header string) (Column, bool) {
	n := normalizeHeader(header)
	if i, ok := l.byHeader[n]; ok {
		return l.Columns[i], true
	}
	if j := strings.LastIndexByte(n, '('); j > 0 && strings.HasSuffix(n, ")") {
		if i, ok := l.byHeader[n[:j]]; ok {
			return l.Columns[i], true
		}
	}
	return Column{}, false
}

// ColumnByKey returns the roster column with the given key.
func ColumnByKey(key string) (Column, bool) { return Roster.ColumnByKey(key) }

// ColumnByKey returns the column with the given key.
func (l *Layout) ColumnByKey(key string) (Column, bool) {
	i, ok := l.byKey[key]
	if !ok {
		return Column{}, false
	}
	return l.Columns[i], true
}

// Header returns the Chinese header of key: the column's, 整行 for "" (a problem of the whole row),
// else key itself.
func (l *Layout) Header(key string) string {
	if c, ok := l.ColumnByKey(key); ok {
		return c.Header
	}
	if key == "" {
		return "整行"
	}
	return key
}

// normalizeHeader returns header as it is compared with known headers: without any white
// space, full-width ASCII turned half-width, Latin letters in lower case, and without a
// trailing "(必填)" or "*" (or a leading "*").
func normalizeHeader(header string) string {
	var b strings.Builder
	for _, r := range cleanValue(header) {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	for {
		t := strings.TrimSuffix(strings.TrimSuffix(s, "(必填)"), "*")
		t = strings.TrimPrefix(t, "*")
		if t == s {
			return s
		}
		s = t
	}
}

// cleanValue returns s with full-width ASCII characters (and the ideographic space) turned
// half-width and surrounding white space removed. It returns s itself when nothing changes.
func cleanValue(s string) string {
	if !needsCleaning(s) {
		return s
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\u3000':
			r = ' '
		case r >= '\uff01' && r <= '\uff5e':
			r -= 0xfee0
		}
		b = append(b, r)
	}
	return strings.TrimFunc(string(b), isTrimmed)
}

// needsCleaning reports whether cleanValue would change s: it has white space at either end,
// or a byte that may start a full-width form, an ideographic space or a no-break space.
func needsCleaning(s string) bool {
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if isTrimmed(first) || isTrimmed(last) {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xef, 0xe3, 0xc2, 0xe2: // U+FFxx and U+FEFF, U+3000, U+00A0, U+2000..U+205F
			return true
		}
	}
	return false
}

// isTrimmed reports whether r is removed from the ends of values: white space, the byte-order
// mark and zero-width spaces.
func isTrimmed(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' }
