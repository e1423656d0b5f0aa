// Package docs holds the document kinds officers print — 通知, 通报, 请示, 报告,
// 函, 公示, 会议记录, 会议纪要, 民情交办单 and 办理回执, 催办通知书, 人民调解协议书, 合同审查意见书,
// 荣誉证书, 台账 — each a typed struct that validates itself and draws itself with
// package engine, and the archive of issued documents.
package docs

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"xiangzhi/backend/docs/docx"
	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
)

// Document is one document kind's input.
type Document interface {
	// Validate checks the input; errors have code invalid and name the field.
	Validate() error
	// Heading is the title shown in lists and stored in the PDF's metadata.
	Heading() string
	// Dated is the document's own date (its creation date in the PDF).
	Dated() time.Time
	// draw draws the document.
	draw(d *engine.Doc)
}

// Kind describes a document kind.
type Kind struct {
	Name      string  `json:"name"`      // e.g. "notice"
	Label     string  `json:"label"`     // e.g. "通知"
	Landscape bool    `json:"landscape"` // printed on landscape A4
	Fields    []Field `json:"fields"`    // the input's fields, for forms
	Example   string  `json:"example"`   // an example input as indented JSON
	new       func() Document
	example   func() Document
	opts      func(Document) engine.Options
}

var (
	kinds  = map[string]*Kind{}
	byType = map[reflect.Type]*Kind{}
)

func register(k *Kind) {
	if !slices.Contains(order, k.Name) {
		panic("docs: kind " + k.Name + " is missing from order, so it would not be listed")
	}
	byType[reflect.TypeOf(k.new())] = k
	k.Fields = fieldsOf(k.new())
	b, err := json.MarshalIndent(k.example(), "", "  ")
	if err != nil {
		panic(err)
	}
	k.Example = string(b)
	kinds[k.Name] = k
}

// order is the order kinds are listed in.
var order = []string{"notice", "bulletin", "request", "report", "letter", "gongshi", "record", "summary", "slip", "receipt", "reminder", "agreement",
	"review", "certificate", "ledger", "statreport"}

// Kinds lists every document kind.
func Kinds() []Kind {
	out := make([]Kind, 0, len(kinds))
	for _, n := range order {
		if k, ok := kinds[n]; ok {
			out = append(out, *k)
		}
	}
	return out
}

// Lookup returns a kind by name; code not_found for an unknown name.
func Lookup(name string) (*Kind, error) {
	k, ok := kinds[name]
	if !ok {
		var names []string
		for n := range kinds {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, errs.Field("kind", "没有“%s”这种文书；可用的有：%s", name, strings.Join(names, "、"))
	}
	return k, nil
}

// KindOf returns the kind of a document value (a *Notice, a *Slip, …); code internal for a type
// that is no kind.
func KindOf(doc Document) (*Kind, error) {
	if k, ok := byType[reflect.TypeOf(doc)]; ok {
		return k, nil
	}
	return nil, errs.New(errs.Internal, "%T 不是一种文书", doc)
}

// RenderDocument validates a document value built by a domain from its own data and draws it with
// the fonts of set. Codes as for Render.
func RenderDocument(set *fonts.Set, doc Document) ([]byte, error) {
	k, err := KindOf(doc)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	return k.Draw(set, doc, "")
}

// Decode reads a kind's input from JSON, refusing unknown fields, and
// validates it (code invalid, naming the field).
func (k *Kind) Decode(input []byte) (Document, error) {
	if len(input) > MaxInputBytes {
		return nil, errs.New(errs.Invalid, "输入内容有 %.1f MB，超过 %d MB 的上限；请分成几份文书", float64(len(input))/(1<<20), MaxInputBytes>>20)
	}
	doc := k.new()
	dec := json.NewDecoder(bytes.NewReader(input))
	dec.DisallowUnknownFields()
	if err := dec.Decode(doc); err != nil {
		return nil, jsonError(doc, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errs.New(errs.Invalid, "输入的 JSON 在结尾之后还有多余内容")
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	return doc, nil
}

// jsonError turns a JSON decoding error into a message naming the field.
func jsonError(doc Document, err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return errs.New(errs.Invalid, "输入应是一个 JSON 对象（{ \"title\": …, … }），按字段写出各项内容；现在是%s", jsonKind(typeErr.Value))
	case errors.As(err, &typeErr):
		return errs.Field(typeErr.Field, "「%s」的类型不对：应为%s", labelOf(doc, typeErr.Field), typeName(typeErr.Type.Kind().String()))
	case errors.As(err, &syntaxErr):
		return errs.New(errs.Invalid, "输入不是有效的 JSON（第 %d 个字节附近有错）", syntaxErr.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return errs.Field(name, "输入中有未知字段“%s”，请核对字段名", name)
	case errors.Is(err, io.EOF):
		return errs.New(errs.Invalid, "输入为空")
	}
	return errs.Wrap(err, errs.Invalid, "输入无法读取")
}

// MaxInputBytes bounds a document's input: far above any notice, minutes or ledger an office writes.
const MaxInputBytes = 4 << 20

// jsonKind names what a JSON value was (the Value of an UnmarshalTypeError).
func jsonKind(v string) string {
	switch v {
	case "array":
		return "一个列表（[…]）"
	case "string":
		return "一段文字"
	case "number":
		return "一个数字"
	case "bool":
		return "是/否"
	}
	return v
}

func typeName(kind string) string {
	switch kind {
	case "string":
		return "文字"
	case "slice":
		return "列表"
	case "int", "int64", "float64":
		return "数字"
	case "bool":
		return "是/否"
	case "struct":
		return "对象"
	}
	return kind
}

// Render validates a kind's JSON input and draws it with the fonts of set.
func Render(set *fonts.Set, kind string, input []byte) ([]byte, Document, error) {
	k, doc, err := parse(kind, input)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := k.Draw(set, doc, "")
	return pdf, doc, err
}

// RenderWord is Render as a .docx file for WPS and Word.
func RenderWord(set *fonts.Set, kind string, input []byte) ([]byte, Document, error) {
	k, doc, err := parse(kind, input)
	if err != nil {
		return nil, nil, err
	}
	file, err := k.Word(set, doc, "")
	return file, doc, err
}

// parse looks the kind up and decodes and validates its input.
func parse(kind string, input []byte) (*Kind, Document, error) {
	k, err := Lookup(kind)
	if err != nil {
		return nil, nil, err
	}
	doc, err := k.Decode(input)
	return k, doc, err
}

// Draw draws a validated document of this kind. A non-empty replaces
// (e.g. "丹政发〔2026〕12号《……》（存档号丹口-2026-通知-0003）") adds a line saying what it corrects.
func (k *Kind) Draw(set *fonts.Set, doc Document, replaces string) ([]byte, error) {
	opt, err := k.options(set, doc)
	if err != nil {
		return nil, err
	}
	// a layout that would leave a signature alone on a page, or a heading at the foot of one, asks for
	// earlier page breaks; the document is laid out again with them (each pass moves only lines after
	// the previous pass's breaks, so a few passes settle it)
	for pass := 1; ; pass++ {
		d := k.lay(set, doc, replaces, opt)
		more := d.Breaks()
		if len(more) == 0 || pass == maxLayouts {
			return d.Bytes()
		}
		opt.Breaks = append(slices.Clip(opt.Breaks), more...)
	}
}

// Word writes a validated document of this kind as a .docx file for WPS and Word, laid out to the
// same numbers (package docx); replaces as for Draw.
func (k *Kind) Word(set *fonts.Set, doc Document, replaces string) ([]byte, error) {
	opt, err := k.options(set, doc)
	if err != nil {
		return nil, err
	}
	d := k.lay(set, doc, replaces, opt)
	if err := d.Err(); err != nil {
		return nil, err
	}
	return docx.Write(d.Blocks(), docx.Options{Title: opt.Title, Author: opt.Author, Date: opt.Date, Landscape: opt.Landscape, PageNumbers: opt.PageNumbers})
}

// options are the engine options of doc, once its text is known to print with set.
func (k *Kind) options(set *fonts.Set, doc Document) (engine.Options, error) {
	opt := engine.Options{Title: doc.Heading(), Date: doc.Dated(), PageNumbers: true, Landscape: k.Landscape}
	if k.opts != nil {
		opt = k.opts(doc)
	}
	return opt, checkPrintable(set, doc)
}

// lay draws doc on a new engine document.
func (k *Kind) lay(set *fonts.Set, doc Document, replaces string, opt engine.Options) *engine.Doc {
	d := engine.New(set, opt)
	doc.draw(d)
	if replaces != "" && !k.Landscape {
		d.Field("更正说明")
		d.Blank(1)
		d.Runs(0, engine.Run{Text: "更正说明：", Role: fonts.Hei}, engine.Run{Text: "本件更正并替代" + replaces + "，原件作废。", Role: fonts.Fang})
	}
	return d
}

// maxLayouts bounds how many times a document is laid out to place its page breaks.
const maxLayouts = 6

// CN formats a date as officers read it: 2026年11月27日 (idcard.DateCN, the one formatter).
func CN(t time.Time) string { return idcard.DateCN(t) }
