package docs

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

// Upward is a document sent up to a higher office (上行文): a 请示 asks it to approve or decide one
// matter, a 报告 tells it of work done. Both carry 签发人 in the header (GB/T 9704 §7.2.3) and go
// to one office.
type Upward struct {
	Org         string   `json:"org" label:"发文机关标志" form:"textarea" required:"true" max:"60" help:"如“丹口镇人民政府文件”；联合行文时每个机关占一行，“文件”写在最后一行末尾"`
	Number      string   `json:"number" label:"文号" required:"true" max:"30" help:"如 丹政呈〔2026〕3号"`
	Signers     []string `json:"signers" label:"签发人" required:"true" max:"4" help:"签发人姓名，每人一行；印时每行两人"`
	Title       string   `json:"title" label:"标题" required:"true" max:"80"`
	To          string   `json:"to" label:"主送机关" required:"true" max:"40" help:"只写一个上级机关，如 城步苗族自治县民政局"`
	Body        string   `json:"body" label:"正文" form:"textarea" required:"true" help:"每段一行；“一、”开头的段首句用黑体，“（一）”开头的用楷体"`
	Attachments []string `json:"attachments" label:"附件" max:"20" help:"附件名称，每个一行；有「附件内容」时可不填"`
	AnnexPages
	Issuer  string `json:"issuer" label:"发文单位" required:"true" max:"40"`
	Date    Date   `json:"date" label:"成文日期" required:"true"`
	Contact string `json:"contact" label:"联系人" max:"20" help:"印在附注里；请示必填"`
	Phone   string `json:"phone" label:"联系电话" max:"30" phone:"true" help:"印在附注里；请示必填"`
	Colophon
}

// Request is a 请示.
type Request struct{ Upward }

// Report is a 报告.
type Report struct{ Upward }

func init() {
	register(&Kind{Name: "request", Label: "请示",
		new: func() Document { return &Request{} },
		example: func() Document {
			return &Request{Upward{Org: "丹口镇人民政府文件", Number: "丹政呈〔2026〕3号", Signers: []string{"王明"},
				Title: "关于申请下团村道路硬化项目资金的请示", To: "城步苗族自治县交通运输局",
				Body: "下团村五组至七组通组道路长2.3公里，现为砂石路面，雨季泥泞，群众出行困难，在今年第四季度民情恳谈会上反映强烈。经镇政府研究，拟于2027年实施硬化，预算投资69万元，村民自筹和镇财政配套共24万元，尚缺45万元。\n" +
					"特申请县交通运输局安排通组道路硬化补助资金45万元。\n妥否，请批示。",
				Attachments: []string{"下团村通组道路硬化项目预算表"}, Issuer: "丹口镇人民政府", Date: "2026-11-27",
				Contact: "刘志强", Phone: "0739-7321234", Colophon: Colophon{Printer: "丹口镇党政办公室"}}}
		}})
	register(&Kind{Name: "report", Label: "报告",
		new: func() Document { return &Report{} },
		example: func() Document {
			return &Report{Upward{Org: "丹口镇人民政府文件", Number: "丹政报〔2026〕8号", Signers: []string{"王明"},
				Title: "关于2026年前三季度民情办理情况的报告", To: "城步苗族自治县人民政府",
				Body: "2026年前三季度，我镇共收集民情146件，已办结131件，办结率89.7%，群众满意率96.2%。现将有关情况报告如下。\n" +
					"一、主要做法。（一）坚持每月民情分析会。（二）落实限时办结和督办制度。\n二、存在问题。部分跨部门事项办理周期较长。\n三、下步打算。完善联办机制，压实办理责任。\n特此报告。",
				Issuer: "丹口镇人民政府", Date: "2026-11-26", Colophon: Colophon{Printer: "丹口镇党政办公室"}}}
		}})
}

// Validate checks a 请示: one matter to one office, the title a 请示's, and the contact for the 附注.
func (r *Request) Validate() error {
	if err := r.check("请示"); err != nil {
		return err
	}
	if strings.ContainsAny(r.To, "、，,；;") {
		return errs.Field("to", "请示只能主送一个上级机关，「主送机关」“%s”有几个；其他机关可以写在「抄送」里", r.To)
	}
	if r.Contact == "" || r.Phone == "" {
		field, label := "contact", "联系人"
		if r.Contact != "" {
			field, label = "phone", "联系电话"
		}
		return errs.Field(field, "请示要在附注里注明联系人和电话，请填写「%s」", label)
	}
	return nil
}

// Validate checks a 报告: it asks for nothing, so its title is a 报告's.
func (r *Report) Validate() error { return r.check("报告") }

// maxSignerName is the longest name of a 签发人, in characters: room for a minority name written out
// (阿布都热合曼·买买提), while two short names still share a line beside the number.
const maxSignerName = 12

// check validates the fields and that the title names the kind, without mixing 请示 and 报告.
func (u *Upward) check(kind string) error {
	if err := checkFields(u); err != nil {
		return err
	}
	if err := u.AnnexPages.check(u.Attachments); err != nil {
		return err
	}
	for i, s := range u.Signers {
		if n := utf8.RuneCountInString(s); n > maxSignerName {
			return errs.Field(fmt.Sprintf("signers.%d", i), "「签发人」第%d项太长：%d 个字，每项写一个人的姓名，最多 %d 个字", i+1, n, maxSignerName)
		}
	}
	if strings.Contains(u.Title, "请示报告") || strings.Contains(u.Title, "报告请示") {
		return errs.Field("title", "「标题」不能写“请示报告”：请求批准的用请示，汇报工作的用报告")
	}
	if !strings.HasSuffix(u.Title, kind) {
		return errs.Field("title", "%s的「标题」应以“%s”结尾，如“关于……的%s”", kind, kind, kind)
	}
	return nil
}

// Heading is the title.
func (u *Upward) Heading() string { return u.Title }

// Dated is the date.
func (u *Upward) Dated() time.Time { return u.Date.Time() }

func (u *Upward) draw(d *engine.Doc) {
	d.UpwardHeader(u.Org, u.Number, u.Signers)
	heading(d, u.Title, "", "", "主送机关", u.To)
	d.Field("正文")
	d.Body(u.Body)
	list := u.list(u.Attachments)
	attachments(d, list)
	d.Signature(u.Issuer, u.Date.CN())
	u.drawNote(d)
	if u.Contact != "" || u.Phone != "" {
		d.Field("联系人")
		contact := strings.Trim(strings.Join([]string{labelled("联系人", u.Contact), labelled("联系电话", u.Phone)}, "，"), "，")
		d.Runs(2, engine.Run{Text: "（" + contact + "）", Role: fonts.Fang})
	}
	u.AnnexPages.draw(d, len(list))
	u.drawRecord(d, "抄送", u.Issuer, u.Date)
}

// labelled is "name：value", or nothing without a value.
func labelled(name, value string) string {
	if value == "" {
		return ""
	}
	return name + "：" + value
}
