package docs

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// Date is a calendar date in the input, written 2026-11-27 (2026/11/27
// and 2026年11月27日 are accepted too).
type Date string

// Time returns the date; the zero time when it does not parse.
func (d Date) Time() time.Time {
	s, err := idcard.ParseDate("", string(d))
	if err != nil || s == "" {
		return time.Time{}
	}
	t, _ := time.ParseInLocation("2006-01-02", s, time.Local)
	return t
}

// CN formats the date as 2026年11月27日.
func (d Date) CN() string { return CN(d.Time()) }

// Field describes one input field for forms and for messages.
type Field struct {
	Key      string   `json:"key"`
	Label    string   `json:"label"`
	Type     string   `json:"type"` // text, textarea, date, number, select, lines ([]string), table ([]struct), grid ([][]string), numbers ([]float64)
	Required bool     `json:"required"`
	Options  []string `json:"options,omitempty"`
	Help     string   `json:"help,omitempty"`
	Max      int      `json:"max,omitempty"` // most characters (text) or items (lists)
	Columns  []Field  `json:"columns,omitempty"`
}

var dateType = reflect.TypeOf(Date(""))

// tagged is a field of a document struct that has a JSON key, with what
// its tags say: json (key), label, required, max, options, help, form.
type tagged struct {
	index    []int // the field's index path (FieldByIndex)
	typ      reflect.Type
	key      string
	label    string
	required bool
	max      int
	options  []string
	help     string
	form     string
	phone    string // "true": a phone number, checked and written canonically; "note": one with a note after it
}

// taggedFields lists the fields of struct type t that have a JSON key, those of an embedded struct
// (a part several kinds share, like Colophon) in its place.
func taggedFields(t reflect.Type) []tagged {
	var out []tagged
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct && sf.Tag.Get("json") == "" {
			for _, f := range taggedFields(sf.Type) {
				f.index = append([]int{i}, f.index...)
				out = append(out, f)
			}
			continue
		}
		key := strings.Split(sf.Tag.Get("json"), ",")[0]
		if key == "" || key == "-" {
			continue
		}
		f := tagged{index: []int{i}, typ: sf.Type, key: key, label: sf.Tag.Get("label"), required: sf.Tag.Get("required") == "true",
			help: sf.Tag.Get("help"), form: sf.Tag.Get("form"), phone: sf.Tag.Get("phone")}
		if o := sf.Tag.Get("options"); o != "" {
			f.options = strings.Split(o, ",")
		}
		fmt.Sscan(sf.Tag.Get("max"), &f.max)
		out = append(out, f)
	}
	return out
}

// at returns the JSON path (people.2.name) and the Chinese label
// (「公示名单」第3行「姓名」) of f in the struct at path, itself labelled where.
func (f tagged) at(path, where string) (string, string) {
	if path != "" {
		return path + "." + f.key, where + "「" + f.label + "」"
	}
	return f.key, where + "「" + f.label + "」"
}

// fieldsOf describes the fields of a document struct from its tags:
// json (key), label, form (type when not implied), required, options, help, max.
func fieldsOf(v any) []Field {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var out []Field
	for _, tf := range taggedFields(t) {
		f := Field{Key: tf.key, Label: tf.label, Required: tf.required, Help: tf.help, Options: tf.options, Max: tf.max}
		switch {
		case tf.typ == dateType:
			f.Type = "date"
		case tf.typ.Kind() == reflect.Int:
			f.Type = "number"
		case tf.typ.Kind() == reflect.Slice && tf.typ.Elem().Kind() == reflect.String:
			f.Type = "lines"
		case tf.typ.Kind() == reflect.Slice && tf.typ.Elem().Kind() == reflect.Struct:
			f.Type = "table"
			f.Columns = fieldsOf(reflect.New(tf.typ.Elem()).Interface())
		case tf.typ.Kind() == reflect.Slice && tf.typ.Elem().Kind() == reflect.Slice:
			f.Type = "grid"
		case tf.typ.Kind() == reflect.Slice:
			f.Type = "numbers"
		case f.Options != nil:
			f.Type = "select"
		default:
			f.Type = tf.form
			if f.Type == "" {
				f.Type = "text"
			}
		}
		out = append(out, f)
	}
	return out
}

// checkFields validates v against its tags: required fields filled,
// dates real, options respected, lengths within max. Messages name the
// field in Chinese; the error's Field is the JSON path (rows.2.name).
func checkFields(v any) error {
	return checkStruct(reflect.Indirect(reflect.ValueOf(v)), "", "")
}

// Limits for fields whose tags give none, so that no input can make a document without end: text
// (a paragraph field, or one line), list items, and the cells of a table given as rows.
const (
	defaultMaxText     = 200
	defaultMaxTextarea = 20000
	defaultMaxItems    = 500
	maxCellText        = 500
)

// checkStruct checks every tagged field of v and returns the problems of all of them at once (see
// errs.Problems), so that a form with three empty fields names the three on one save.
func checkStruct(v reflect.Value, path, where string) error {
	var probs errs.Problems
	for _, f := range taggedFields(v.Type()) {
		probs.Keep(checkField(v, f, path, where))
	}
	return probs.Err()
}

// checkField checks one field of v, and the rows of a list of them.
func checkField(v reflect.Value, f tagged, path, where string) error {
	p, label := f.at(path, where)
	required, max := f.required, f.max
	if max == 0 {
		switch {
		case f.typ.Kind() == reflect.Slice:
			max = defaultMaxItems
		case f.form == "textarea":
			max = defaultMaxTextarea
		case f.typ.Kind() == reflect.String:
			max = defaultMaxText
		}
	}
	fv := v.FieldByIndex(f.index)
	switch {
	case f.typ == dateType:
		s := strings.TrimSpace(fv.String())
		if s == "" {
			if required {
				return errs.Field(p, "%s不能为空", label)
			}
			return nil
		}
		if _, err := idcard.ParseDate(p, s); err != nil {
			return errs.Field(p, "%s“%s”不是有效日期，请写成 2026-11-27", label, s)
		}
	case f.typ.Kind() == reflect.String:
		s := strings.TrimSpace(fv.String())
		fv.SetString(s)
		if s == "" && required {
			return errs.Field(p, "%s不能为空", label)
		}
		if max > 0 && utf8.RuneCountInString(s) > max {
			return errs.Field(p, "%s太长：%d 个字，最多 %d 个字", label, utf8.RuneCountInString(s), max)
		}
		if f.options != nil && s != "" && !contains(f.options, s) {
			return errs.Field(p, "%s只能是：%s", label, strings.Join(f.options, "、"))
		}
		if f.phone != "" && s != "" {
			number, note := s, ""
			if f.phone == "note" {
				number, note = phoneNote(s)
			}
			canonical, err := idcard.ParsePhone(p, number)
			if err != nil {
				return errs.Field(p, "%s“%s”不是有效的电话号码：%s", label, number, errs.As(err).Message)
			}
			fv.SetString(canonical + note)
		}
	case f.typ.Kind() == reflect.Int:
		if required && fv.Int() <= 0 {
			return errs.Field(p, "%s应为大于 0 的整数", label)
		}
		if max > 0 && fv.Int() > int64(max) {
			return errs.Field(p, "%s最大为 %d", label, max)
		}
	case f.typ.Kind() == reflect.Slice:
		n := fv.Len()
		if n == 0 && required {
			return errs.Field(p, "%s至少要有一项", label)
		}
		if max > 0 && n > max {
			return errs.Field(p, "%s最多 %d 项，现有 %d 项", label, max, n)
		}
		var probs errs.Problems // the problems of every row, each row's at once
		for j := 0; j < n; j++ {
			e := fv.Index(j)
			ep := fmt.Sprintf("%s.%d", p, j)
			if e.Kind() == reflect.String {
				e.SetString(strings.TrimSpace(e.String()))
				if e.String() == "" {
					return errs.Field(ep, "%s第%d项是空的", label, j+1)
				}
				if n := utf8.RuneCountInString(e.String()); n > maxCellText {
					return errs.Field(ep, "%s第%d项太长：%d 个字，最多 %d 个字", label, j+1, n, maxCellText)
				}
				continue
			}
			if e.Kind() == reflect.Slice && e.Type().Elem().Kind() == reflect.String { // a table given as rows of cells
				for k := 0; k < e.Len(); k++ {
					if n := utf8.RuneCountInString(e.Index(k).String()); n > maxCellText {
						return errs.Field(ep, "%s第%d行第%d格太长：%d 个字，最多 %d 个字", label, j+1, k+1, n, maxCellText)
					}
				}
				continue
			}
			if e.Kind() != reflect.Struct {
				continue
			}
			probs.Keep(checkStruct(e, ep, fmt.Sprintf("%s第%d行", label, j+1)))
		}
		return probs.Err()
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// labelOf returns the Chinese label of a JSON path in doc, or the path.
func labelOf(doc any, path string) string {
	fs := fieldsOf(doc)
	var label string
	for _, part := range strings.Split(path, ".") {
		found := false
		for _, f := range fs {
			if f.Key == part {
				label, fs, found = f.Label, f.Columns, true
				break
			}
		}
		if !found && label == "" {
			return path
		}
	}
	return label
}

// checkPrintable checks that every text of doc can be printed with set:
// the error (code invalid) has the field's JSON path as Field and names
// the field, the character and its position, e.g. 「公示名单」第3行「姓名」第2个字.
func checkPrintable(set *fonts.Set, doc any) error {
	return eachText(reflect.Indirect(reflect.ValueOf(doc)), "", "", func(key, label, text string) error {
		return engine.CheckField(set, key, label, text)
	})
}

// eachText calls fn with the path, label and value of every string in
// the struct v, including those in lists, grids and table rows.
func eachText(v reflect.Value, path, where string, fn func(key, label, text string) error) error {
	for _, f := range taggedFields(v.Type()) {
		p, label := f.at(path, where)
		if err := eachValue(v.FieldByIndex(f.index), p, label, fn); err != nil {
			return err
		}
	}
	return nil
}

func eachValue(v reflect.Value, path, label string, fn func(key, label, text string) error) error {
	switch v.Kind() {
	case reflect.String:
		return fn(path, label, v.String())
	case reflect.Struct:
		return eachText(v, path, label, fn)
	case reflect.Slice:
		for j := 0; j < v.Len(); j++ {
			e := v.Index(j)
			l := fmt.Sprintf("%s第%d项", label, j+1)
			if e.Kind() == reflect.Struct || e.Kind() == reflect.Slice {
				l = fmt.Sprintf("%s第%d行", label, j+1)
			}
			if err := eachValue(e, fmt.Sprintf("%s.%d", path, j), l, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// phoneNote splits a phone number from the note after it: 0739-7325678（镇纪委）.
func phoneNote(s string) (number, note string) {
	for i, r := range s {
		if unicode.Is(unicode.Han, r) || r == '（' || r == '(' && !strings.ContainsAny(s[i:min(i+2, len(s))], "0123456789") {
			return strings.TrimSpace(s[:i]), s[i:]
		}
	}
	return s, ""
}
