package docs

import (
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// Certificate is a batch of 荣誉证书, one landscape page per recipient.
type Certificate struct {
	Title      string            `json:"title" label:"证书标题" max:"8" help:"默认“荣誉证书”"`
	Activity   string            `json:"activity" label:"评选活动" required:"true" max:"60" help:"如 丹口镇2026年度“文明家庭”评选"`
	Honour     string            `json:"honour" label:"荣誉称号" required:"true" max:"20" help:"如 文明家庭"`
	Text       string            `json:"text" label:"证书正文" form:"textarea" max:"200" help:"可用 {姓名}、{称号}、{活动}；留空用默认写法"`
	Prefix     string            `json:"prefix" label:"证书编号前缀" max:"20" help:"如 丹文明〔2026〕，后接序号"`
	Recipients []CertificateItem `json:"recipients" label:"获奖名单" required:"true" max:"5000"`
	Issuer     string            `json:"issuer" label:"颁发单位" required:"true" max:"40"`
	Date       Date              `json:"date" label:"颁发日期" required:"true"`
}

// CertificateItem is one recipient.
type CertificateItem struct {
	Name   string `json:"name" label:"姓名或家庭" required:"true" max:"30" help:"如 杨秀英家庭"`
	Honour string `json:"honour" label:"称号（另填）" max:"20"`
	Number string `json:"number" label:"证书编号（另填）" max:"30"`
}

const defaultCitation = "{姓名}：\n在{活动}中，被评为“{称号}”。\n特发此证，以资鼓励。"

func init() {
	register(&Kind{Name: "certificate", Label: "荣誉证书", Landscape: true,
		new: func() Document { return &Certificate{} },
		example: func() Document {
			return &Certificate{Activity: "丹口镇2026年度“文明家庭”评选", Honour: "文明家庭", Prefix: "丹文明〔2026〕",
				Recipients: []CertificateItem{{Name: "杨秀英家庭"}, {Name: "蓝卫东家庭"}, {Name: "刘春花家庭", Honour: "最美家庭"}},
				Issuer:     "中共丹口镇委员会　丹口镇人民政府", Date: "2026-11-20"}
		},
		opts: func(doc Document) engine.Options {
			c := doc.(*Certificate)
			return engine.Options{Title: c.Heading(), Date: c.Date.Time(), Landscape: true}
		}})
}

// Validate checks the batch; a custom text must name the recipient.
func (c *Certificate) Validate() error {
	if err := checkFields(c); err != nil {
		return err
	}
	if c.Text != "" && !strings.Contains(c.Text, "{姓名}") {
		return errs.Field("text", "「证书正文」要写上 {姓名}，打印时换成每位获奖者的名字")
	}
	return nil
}

// Heading names the batch.
func (c *Certificate) Heading() string { return c.title() + "（" + c.Honour + "）" }

// Dated is the day the certificates are awarded.
func (c *Certificate) Dated() time.Time { return c.Date.Time() }

func (c *Certificate) title() string {
	if c.Title == "" {
		return "荣誉证书"
	}
	return c.Title
}

func (c *Certificate) draw(d *engine.Doc) {
	text := c.Text
	if text == "" {
		text = defaultCitation
	}
	gold := engine.RGB{R: 176, G: 134, B: 40}
	for i, p := range c.Recipients {
		d.AddPage()
		w, h := d.PageSize()
		d.Frame(12, 12, w-24, h-24, 1.6, engine.Red)
		d.Frame(16, 16, w-32, h-32, 0.4, gold)
		d.Field("证书标题")
		title := strings.Join(strings.Split(c.title(), ""), "　")
		d.CenterAt(0, w, 58, fonts.Title, 48, engine.Red, title)
		honour := c.Honour
		if p.Honour != "" {
			honour = p.Honour
		}
		if strings.Contains(text, "“{称号}”") { // quotes inside quotes are single: “‘十星级文明户’示范户”
			honour = strings.NewReplacer("“", "‘", "”", "’").Replace(honour)
		}
		body := strings.NewReplacer("{姓名}", p.Name, "{称号}", honour, "{活动}", c.Activity).Replace(text)
		d.Field(fmt.Sprintf("获奖名单第%d行", i+1))
		first, rest, _ := strings.Cut(body, "\n")
		// 24 pt, smaller when a long citation would run into the issuer's lines
		size := 24.0
		for ; size > 14; size -= 2 {
			lines := d.CountLines(w-96, fonts.Kai, size, 0, first) + d.CountLines(w-96, fonts.Kai, size, 2, rest)
			if float64(lines)*size*0.625 <= h-60-84 {
				break
			}
		}
		y := d.Block(48, 84, w-96, fonts.Kai, size, size*0.625, 0, engine.Black, first)
		d.Block(48, y, w-96, fonts.Kai, size, size*0.625, 2, engine.Black, rest)
		d.Field("颁发单位")
		d.CenterAt(w-170, 130, h-52, fonts.Fang, 18, engine.Black, c.Issuer)
		d.CenterAt(w-170, 130, h-40, fonts.Fang, 18, engine.Black, c.Date.CN())
		number := p.Number
		if number == "" && c.Prefix != "" {
			number = fmt.Sprintf("%s%03d号", c.Prefix, i+1)
		}
		if number != "" {
			d.Field("证书编号")
			d.TextAt(30, h-26, fonts.Fang, 11, engine.Black, "证书编号："+number)
		}
	}
}
