package docs

import (
	"fmt"
	"strconv"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/workday"
)

// Gongshi is a 公示: a list put before the public for a number of working
// days, with where and how to object.
type Gongshi struct {
	Org     string        `json:"org" label:"发文机关标志" form:"textarea" max:"60" help:"联合行文时每个机关占一行，“文件”写在最后一行末尾"`
	Number  string        `json:"number" label:"文号" max:"30"`
	Title   string        `json:"title" label:"标题" required:"true" max:"80"`
	Basis   string        `json:"basis" label:"公示依据" form:"textarea" required:"true" help:"依据的文件或会议"`
	Process string        `json:"process" label:"评选过程" form:"textarea" required:"true"`
	People  []GongshiItem `json:"people" label:"公示名单" required:"true" max:"2000"`
	Start   Date          `json:"start" label:"公示开始日期" required:"true"`
	Days    int           `json:"days" label:"公示期（工作日）" required:"true" max:"60"`
	Where   string        `json:"where" label:"反映地点" required:"true" max:"80" help:"如 丹口镇党政办（镇政府二楼）"`
	How     string        `json:"how" label:"反映方式" form:"textarea" required:"true" help:"来信、来电、来访的方式与要求"`
	Contact string        `json:"contact" label:"联系人" required:"true" max:"20"`
	Phone   string        `json:"phone" label:"联系电话" required:"true" max:"30" phone:"true"`
	Monitor string        `json:"monitor" label:"监督电话" max:"40" phone:"note" help:"受理异议的纪检监督电话，如 0739-7325678（镇纪委）"`
	Issuer  string        `json:"issuer" label:"发布单位" required:"true" max:"40"`
	Date    Date          `json:"date" label:"发布日期" required:"true"`
}

// GongshiItem is one person or household on the list.
type GongshiItem struct {
	Name    string `json:"name" label:"姓名" required:"true" max:"20"`
	ID      string `json:"id" label:"身份证号" max:"18" help:"完整号码也可，打印时自动隐去中间8位"`
	Village string `json:"village" label:"村（组）" required:"true" max:"30"`
	Reason  string `json:"reason" label:"主要事迹或事由" max:"300"`
}

func init() {
	register(&Kind{Name: "gongshi", Label: "公示",
		new: func() Document { return &Gongshi{} },
		example: func() Document {
			return &Gongshi{Title: "关于2026年度“文明家庭”拟表彰对象的公示",
				Basis:   "根据《丹口镇2026年度“文明家庭”评选活动实施方案》（丹政发〔2026〕12号）",
				Process: "经村民小组推荐、村“两委”审核、镇评选领导小组评审，拟表彰以下3户家庭为2026年度“文明家庭”",
				People: []GongshiItem{
					{Name: "杨秀英", ID: "430529195803121221", Village: "丹口村三组", Reason: "照顾瘫痪婆婆十二年，邻里和睦"},
					{Name: "蓝卫东", ID: "430529197011053311", Village: "桃林村一组", Reason: "带头移风易俗，婚事新办"},
					{Name: "刘春花", ID: "430529198502283423", Village: "下团村五组", Reason: "热心公益，捐资修建村道"},
				},
				Start: "2026-11-30", Days: 5, Where: "丹口镇党政办（镇政府二楼）", How: "以单位名义反映的须加盖公章，以个人名义反映的须署真实姓名并留联系方式",
				Contact: "李华", Phone: "0739-7321234", Monitor: "0739-7325678（镇纪委）", Issuer: "丹口镇人民政府", Date: "2026-11-27"}
		}})
}

// Validate checks the notice; an ID given in full must be a valid one. Every problem is named at once,
// the IDs' with the fields'.
func (g *Gongshi) Validate() error {
	var probs errs.Problems
	probs.Keep(checkFields(g))
	// (an ID's birth date is checked against the notice's date; without one, against none)
	on := g.Date.Time()
	if probs.Has("date") || on.IsZero() {
		on = time.Date(9999, 12, 31, 0, 0, 0, 0, time.Local)
	}
	for i, p := range g.People {
		if p.ID == "" || isMasked(p.ID) {
			continue
		}
		if _, err := idcard.Parse("id", p.ID, on); err != nil {
			probs.Keep(errs.Field(fmt.Sprintf("people.%d.id", i), "「公示名单」第%d行「身份证号」：%s", i+1, errs.As(err).Message))
		}
	}
	return probs.Err()
}

func isMasked(id string) bool {
	for _, r := range id {
		if r == '*' {
			return true
		}
	}
	return false
}

// Heading is the notice's title.
func (g *Gongshi) Heading() string { return g.Title }

// Dated is the notice's date.
func (g *Gongshi) Dated() time.Time { return g.Date.Time() }

// Period is the first and last day of the notice period.
func (g *Gongshi) Period() (time.Time, time.Time) { return workday.Period(g.Start.Time(), g.Days) }

func (g *Gongshi) draw(d *engine.Doc) {
	header(d, g.Org, g.Number)
	heading(d, g.Title, "", "", "", "")
	d.Field("公示依据")
	d.Paragraph(trimStop(g.Basis) + "，" + trimStop(g.Process) + "。现将名单予以公示（名单附后）。")
	first, last := g.Period()
	d.Field("公示期")
	d.Paragraph(fmt.Sprintf("公示期为%d个工作日，自%s至%s。公示期间，如对公示对象有异议，请以书面、电话或来访等方式向%s反映。%s。",
		g.Days, CN(first), CN(last), trimStop(g.Where), trimStop(g.How)))
	d.Paragraph("公示无异议的，将按程序呈报。")
	// the standard closing lines: who to ask and where to complain, each on a line of its own
	d.Field("联系人")
	d.Paragraph("联系人：" + g.Contact + "　　联系电话：" + g.Phone)
	if g.Monitor != "" {
		d.Field("监督电话")
		d.Paragraph("监督电话：" + g.Monitor)
	}
	d.Blank(1)
	rows := make([][]string, len(g.People))
	withID := false
	for i, p := range g.People {
		rows[i] = []string{strconv.Itoa(i + 1), p.Name, maskID(p.ID), p.Village, p.Reason}
		withID = withID || p.ID != ""
	}
	cols := []engine.Column{{Title: "序号", Width: 1.1, Center: true}, {Title: "姓名", Width: 1.8, Center: true},
		{Title: "身份证号", Width: 4.3, Center: true}, {Title: "村（组）", Width: 2.4}, {Title: "主要事迹或事由", Width: 4.6}}
	if !withID {
		cols = append(cols[:2], cols[3:]...)
		for i := range rows {
			rows[i] = append(rows[i][:2], rows[i][3:]...)
		}
	}
	d.Table(engine.Table{Field: "公示名单", Columns: cols, Rows: rows, Size: 12, KeepWith: signatureLines})
	d.Signature(g.Issuer, g.Date.CN())
}

// maskID hides the middle of a full ID number; masked or empty ones pass.
func maskID(id string) string {
	if id == "" || isMasked(id) {
		return id
	}
	return idcard.MaskID(id)
}

// trimStop drops a final full stop, comma or semicolon so sentences can be joined.
func trimStop(s string) string {
	for _, p := range []string{"。", "，", "；", ".", ",", ";"} {
		if len(s) >= len(p) && s[len(s)-len(p):] == p {
			return s[:len(s)-len(p)]
		}
	}
	return s
}
