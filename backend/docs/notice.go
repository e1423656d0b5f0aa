package docs

import (
	"fmt"
	"time"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/errs"
)

// Notice is a 通知: posted on the village board or sent to the villages.
type Notice struct {
	Org         string     `json:"org" label:"发文机关标志" form:"textarea" max:"60" help:"如“丹口镇人民政府文件”；联合行文时每个机关占一行，“文件”写在最后一行末尾；留空则不印红头"`
	Number      string     `json:"number" label:"文号" max:"30" help:"如 丹政发〔2026〕12号"`
	Title       string     `json:"title" label:"标题" required:"true" max:"80"`
	To          string     `json:"to" label:"主送" max:"80" help:"如 各村（社区）"`
	Body        string     `json:"body" label:"正文" form:"textarea" required:"true" help:"每段一行；“一、”开头的段首句用黑体，“（一）”开头的用楷体"`
	Columns     []string   `json:"columns" label:"表格列名" max:"10" help:"正文后附一张表时填写，如 序号、村（社区）、时间、地点"`
	Rows        [][]string `json:"rows" label:"表格内容" max:"2000"`
	Attachments []string   `json:"attachments" label:"附件" max:"20" help:"附件名称，每个一行；有「附件内容」时可不填"`
	AnnexPages
	Issuer string `json:"issuer" label:"发文单位" required:"true" max:"40"`
	Date   Date   `json:"date" label:"成文日期" required:"true"`
	Colophon
}

func init() {
	register(&Kind{Name: "notice", Label: "通知",
		new: func() Document { return &Notice{} },
		example: func() Document {
			return &Notice{Org: "丹口镇人民政府文件", Number: "丹政发〔2026〕12号", Title: "关于开展2026年度“文明家庭”评选活动的通知", To: "各村（社区）",
				Body:        "为弘扬文明新风，经镇党委、政府研究，决定在全镇开展2026年度“文明家庭”评选活动。现将有关事项通知如下。\n一、评选范围。全镇各村（社区）常住家庭均可参评。\n二、评选程序。（一）推荐。由村民小组推荐，村“两委”审核。（二）公示。拟表彰名单公示5个工作日。\n三、工作要求。请各村于12月10日前报送推荐名单，联系电话：0739-7321234。",
				Columns:     []string{"序号", "片区", "推荐名额", "报送时间"},
				Rows:        [][]string{{"1", "丹口、桃林、下团", "各3户", "12月10日前"}, {"2", "其余各村（社区）", "各2户", "12月10日前"}},
				Attachments: []string{"2026年度“文明家庭”推荐表"},
				AnnexPages: AnnexPages{Annexes: []Annex{{Title: "2026年度“文明家庭”推荐表", Columns: "序号、村（社区）、户主姓名、家庭人口、主要事迹、村“两委”意见",
					Rows: "1\t丹口村\t杨秀英\t5\t照顾瘫痪婆婆十二年，邻里和睦\t同意推荐", Blank: 8}}},
				Issuer: "丹口镇人民政府", Date: "2026-11-27",
				Colophon: Colophon{Note: "此件公开发布", CopyTo: "县文明办，县妇联", Printer: "丹口镇党政办公室"}}
		}})
}

// Bulletin is a 通报: laid out as a 通知, to commend, criticise or pass on news.
type Bulletin struct{ Notice }

func init() {
	register(&Kind{Name: "bulletin", Label: "通报",
		new: func() Document { return &Bulletin{} },
		example: func() Document {
			return &Bulletin{Notice{Org: "丹口镇人民政府文件", Number: "丹政通〔2026〕4号", Title: "关于表彰2026年度民情工作先进村（社区）的通报", To: "各村（社区）、镇直各单位",
				Body: "2026年，各村（社区）认真落实民情工作制度，今年以来共收集办理民情1380件，群众满意率96.5%。经镇党委、政府研究，决定对桃林村、下团村、新铺社区等3个民情工作先进村（社区）予以通报表彰。\n" +
					"希望受表彰的单位珍惜荣誉、再接再厉。各村（社区）要以先进为榜样，把民情工作做细做实。",
				Issuer: "丹口镇人民政府", Date: "2026-11-26", Colophon: Colophon{Note: "此件公开发布", Printer: "丹口镇党政办公室"}}}
		}})
}

// Validate checks the notice (code invalid, naming the field): a table
// needs its column names and every row as many cells as there are columns.
func (n *Notice) Validate() error {
	if err := checkFields(n); err != nil {
		return err
	}
	if err := n.AnnexPages.check(n.Attachments); err != nil {
		return err
	}
	return checkGrid(n.Columns, n.Rows, "rows", "表格内容", "表格列名")
}

// Heading is the notice's title.
func (n *Notice) Heading() string { return n.Title }

// Dated is the notice's date.
func (n *Notice) Dated() time.Time { return n.Date.Time() }

func (n *Notice) draw(d *engine.Doc) {
	header(d, n.Org, n.Number)
	heading(d, n.Title, "", "", "主送", n.To)
	list := n.list(n.Attachments)
	d.Field("正文")
	d.Body(n.Body)
	if len(n.Rows) > 0 {
		cols := make([]engine.Column, len(n.Columns))
		for i, c := range n.Columns {
			cols[i] = engine.Column{Title: c, Center: short(n.Rows, i)}
		}
		keep := 0
		if len(list) == 0 {
			keep = signatureLines
		}
		d.Table(engine.Table{Field: "表格内容", Columns: cols, Rows: n.Rows, Size: 12, KeepWith: keep})
	}
	attachments(d, list)
	d.Signature(n.Issuer, n.Date.CN())
	n.drawNote(d)
	n.AnnexPages.draw(d, len(list))
	n.drawRecord(d, "抄送", n.Issuer, n.Date)
}

// short reports whether every cell of column i holds at most 4 characters
// (numbers, counts, short codes), which are centred.
func short(rows [][]string, i int) bool {
	for _, r := range rows {
		if i < len(r) && utf8.RuneCountInString(r[i]) > 4 {
			return false
		}
	}
	return true
}

// checkGrid checks a table given as column names and rows of cells.
func checkGrid(columns []string, rows [][]string, key, rowsLabel, colsLabel string) error {
	if len(rows) > 0 && len(columns) == 0 {
		return errs.Field("columns", "有「%s」时要填写「%s」", rowsLabel, colsLabel)
	}
	for i, r := range rows {
		if len(r) != len(columns) {
			return errs.Field(fmt.Sprintf("%s.%d", key, i), "「%s」第%d行有%d格，应与「%s」一样是%d格", rowsLabel, i+1, len(r), colsLabel, len(columns))
		}
	}
	return nil
}

// signatureLines are the grid lines of a signature (issuer and date) a closing table keeps on its
// last page, so that the signature never stands alone on a page.
const signatureLines = 2

// heading draws the title, then the number (labelled, right-aligned) and
// the addressee ("各村（社区）：") when they are given. field names the
// number's input field.
func heading(d *engine.Doc, title, field, number, toField, to string) {
	d.Field("标题")
	d.Title(title)
	if number != "" {
		d.Field(field)
		d.Right(number, 0)
	}
	if to != "" {
		d.Field(toField)
		d.KeepNext(func() { d.Line(to + "：") }) // never alone at the foot of a page
	}
}

// header draws the red header when there is an issuing-authority mark,
// else the document number alone, right-aligned, when there is one.
func header(d *engine.Doc, org, number string) {
	switch {
	case org != "":
		d.RedHeader(org, number)
	case number != "":
		d.Field("文号")
		d.Right(number, 0)
		d.Blank(1)
	}
}

// attachments draws the attachment list one line under the body, "附件：1.…" (no space after the
// number, GB/T 9704 §7.3.4), with the following items aligned under the first.
func attachments(d *engine.Doc, list []string) {
	if len(list) == 0 {
		return
	}
	d.Blank(1)
	d.Field("附件")
	for i, a := range list {
		prefix := "附件："
		if i > 0 {
			prefix = "　　　"
		}
		if len(list) > 1 {
			prefix += fmt.Sprintf("%d.", i+1)
		}
		d.Attachment(prefix, a)
	}
}
