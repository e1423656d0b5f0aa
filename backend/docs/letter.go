package docs

import (
	"strings"
	"time"

	"xiangzhi/backend/docs/engine"
)

// Letter is a 函, in the 信函格式 of GB/T 9704 §10.1: between offices that are not above one
// another, to ask, reply or inform.
type Letter struct {
	Org         string   `json:"org" label:"发文机关标志" required:"true" max:"30" help:"机关全称或规范化简称，如 丹口镇人民政府"`
	Number      string   `json:"number" label:"文号" max:"30" help:"如 丹政函〔2026〕5号"`
	Title       string   `json:"title" label:"标题" required:"true" max:"80" help:"如 关于商请……的函"`
	To          string   `json:"to" label:"主送机关" required:"true" max:"80"`
	Body        string   `json:"body" label:"正文" form:"textarea" required:"true" help:"每段一行；“一、”开头的段首句用黑体，“（一）”开头的用楷体"`
	Attachments []string `json:"attachments" label:"附件" max:"20" help:"附件名称，每个一行；有「附件内容」时可不填"`
	AnnexPages
	Issuer string `json:"issuer" label:"发文单位" required:"true" max:"40"`
	Date   Date   `json:"date" label:"成文日期" required:"true"`
	Note   string `json:"note" label:"附注" max:"80" help:"印在成文日期下一行的括号里，如 联系人：李华，电话：0739-7321234"`
	CopyTo string `json:"copyTo" label:"抄送" max:"300" help:"用逗号隔开；印在最后一页下方"`
}

func init() {
	register(&Kind{Name: "letter", Label: "函",
		new: func() Document { return &Letter{} },
		example: func() Document {
			return &Letter{Org: "丹口镇人民政府", Number: "丹政函〔2026〕5号", Title: "关于商请协助开展农村饮水安全检测的函",
				To:     "城步苗族自治县疾病预防控制中心",
				Body:   "近期，我镇桃林村群众反映饮用水浑浊。为保障群众饮水安全，商请贵中心于12月15日前派员对桃林村集中供水点水质进行检测，我镇将安排专人全程配合。\n请予支持为盼。",
				Issuer: "丹口镇人民政府", Date: "2026-11-27", Note: "联系人：刘志强，电话：0739-7321234", CopyTo: "县水利局"}
		}})
}

// Validate checks the letter.
func (l *Letter) Validate() error {
	if err := checkFields(l); err != nil {
		return err
	}
	return l.AnnexPages.check(l.Attachments)
}

// Heading is the title.
func (l *Letter) Heading() string { return l.Title }

// Dated is the date.
func (l *Letter) Dated() time.Time { return l.Date.Time() }

func (l *Letter) draw(d *engine.Doc) {
	d.LetterHeader(l.Org, l.Number)
	heading(d, l.Title, "", "", "主送机关", l.To)
	d.Field("正文")
	d.Body(l.Body)
	list := l.list(l.Attachments)
	attachments(d, list)
	d.Signature(l.Issuer, l.Date.CN())
	Colophon{Note: l.Note}.drawNote(d)
	l.AnnexPages.draw(d, len(list))
	if strings.TrimSpace(l.CopyTo) != "" { // a letter's 版记: the 抄送 line alone (§10.1)
		d.Colophon(engine.Colophon{CopyTo: l.CopyTo})
	}
}
