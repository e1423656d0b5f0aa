package docs

import (
	"fmt"
	"regexp"
	"strings"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// Annex is an attachment printed with the document, so that a notice and its registration form
// print as one (GB/T 9704 §8): on pages of its own after the text, 「附件1」 in 黑体 at the top
// left, its title centred on the third line, then its text and its table.
type Annex struct {
	Title   string `json:"title" label:"附件标题" required:"true" max:"80" help:"与「附件」里的名称一致"`
	Body    string `json:"body" label:"附件正文" form:"textarea" max:"5000" help:"每段一行"`
	Columns string `json:"columns" label:"表格列名" max:"300" help:"用顿号或逗号隔开，如 序号、户主姓名、家庭住址、推荐理由"`
	Rows    string `json:"rows" label:"表格内容" form:"textarea" max:"20000" help:"每行一条，格与格之间用 Tab 或竖线 | 隔开"`
	Blank   int    `json:"blank" label:"空白行数" max:"60" help:"表格后留给手填的空行数"`
}

// AnnexPages are the attachments a kind prints as pages; a kind embeds it.
type AnnexPages struct {
	Annexes []Annex `json:"annexes" label:"附件内容" max:"9" help:"要随文印出的附件，每个另起一页；不填则只在正文后列出附件名称"`
}

var (
	columnSep = regexp.MustCompile(`[、，,；;]`)
	cellSep   = regexp.MustCompile(`\t|\||｜`)
)

// check checks the annexes against the attachment list: the same titles in the same order, and
// table rows no wider than their columns.
func (a AnnexPages) check(list []string) error {
	for i, x := range a.Annexes {
		if len(list) > 0 && (i >= len(list) || strings.TrimSpace(list[i]) != strings.TrimSpace(x.Title)) {
			want := "（没有第" + fmt.Sprint(i+1) + "项）"
			if i < len(list) {
				want = "“" + list[i] + "”"
			}
			return errs.Field(fmt.Sprintf("annexes.%d.title", i), "「附件内容」第%d行的标题“%s”应与「附件」第%d项%s一致", i+1, x.Title, i+1, want)
		}
		cols := x.columns()
		if strings.TrimSpace(x.Body) == "" && len(x.rows()) == 0 && x.Blank == 0 {
			// a page with only its heading (and a table's header with no row) printed nothing to read
			return errs.Field(fmt.Sprintf("annexes.%d.body", i), "「附件内容」第%d行“%s”没有内容：请填写「附件正文」、「表格内容」或「空白行数」", i+1, x.Title)
		}
		if x.Rows != "" && len(cols) == 0 || x.Blank > 0 && len(cols) == 0 {
			return errs.Field(fmt.Sprintf("annexes.%d.columns", i), "「附件内容」第%d行有表格内容或空白行，要填写「表格列名」", i+1)
		}
		for r, row := range x.rows() {
			if len(row) > len(cols) {
				return errs.Field(fmt.Sprintf("annexes.%d.rows", i), "「附件内容」第%d行「表格内容」第%d行有%d格，多于%d列", i+1, r+1, len(row), len(cols))
			}
		}
	}
	return nil
}

// list is the attachment list to print: as given, else the annexes' titles.
func (a AnnexPages) list(given []string) []string {
	if len(given) > 0 || len(a.Annexes) == 0 {
		return given
	}
	out := make([]string, len(a.Annexes))
	for i, x := range a.Annexes {
		out[i] = x.Title
	}
	return out
}

func (x Annex) columns() []string {
	var out []string
	for _, c := range columnSep.Split(x.Columns, -1) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

func (x Annex) rows() [][]string {
	var out [][]string
	for _, l := range strings.Split(strings.ReplaceAll(x.Rows, "\r", ""), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		row := cellSep.Split(l, -1)
		for i := range row {
			row[i] = strings.TrimSpace(row[i])
		}
		out = append(out, row)
	}
	return out
}

// draw prints the annexes once the rest is drawn, each from a new page: 「附件」 when there is only
// one, else 「附件1」…
func (a AnnexPages) draw(d *engine.Doc, total int) {
	if len(a.Annexes) > 0 {
		d.Later(func() { a.pages(d, total) })
	}
}

func (a AnnexPages) pages(d *engine.Doc, total int) {
	for i, x := range a.Annexes {
		label := "附件"
		if total > 1 {
			label += fmt.Sprint(i + 1)
		}
		field := fmt.Sprintf("「附件内容」第%d行", i+1)
		d.AddPage()
		d.Field(field + "「附件标题」")
		d.Runs(0, engine.Run{Text: label, Role: fonts.Hei})
		d.Blank(1)
		d.Title(x.Title)
		if x.Body != "" {
			d.Field(field + "「附件正文」")
			d.Body(x.Body)
		}
		cols := x.columns()
		if len(cols) == 0 {
			continue
		}
		rows := x.rows()
		for k := range rows {
			rows[k] = append(rows[k], make([]string, len(cols)-len(rows[k]))...)
		}
		for k := 0; k < x.Blank; k++ {
			rows = append(rows, make([]string, len(cols)))
		}
		columns := make([]engine.Column, len(cols))
		for k, c := range cols {
			columns[k] = engine.Column{Title: c, Center: short(rows, k)}
		}
		d.Table(engine.Table{Field: field + "「表格内容」", Columns: columns, Rows: rows, Size: 12})
	}
}
