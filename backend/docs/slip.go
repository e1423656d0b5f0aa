package docs

import (
	"fmt"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/workday"
)

// Slip is a 民情交办单: a resident's matter assigned to the unit that must
// solve it, with requirements and a deadline.
type Slip struct {
	Org          string `json:"org" label:"交办单位" required:"true" max:"40" help:"如 丹口镇民情办"`
	Number       string `json:"number" label:"编号" required:"true" max:"30"`
	Reporter     string `json:"reporter" label:"反映人" max:"20"`
	Phone        string `json:"phone" label:"联系电话" max:"30" phone:"true"`
	Village      string `json:"village" label:"所在村（组）" max:"40"`
	Matter       string `json:"matter" label:"反映事项" form:"textarea" required:"true"`
	Requirements string `json:"requirements" label:"办理要求" form:"textarea" required:"true"`
	Handler      string `json:"handler" label:"承办单位" required:"true" max:"40"`
	Assigned     Date   `json:"assigned" label:"交办日期" required:"true"`
	Deadline     Date   `json:"deadline" label:"办结时限" required:"true"`
	AssignedBy   string `json:"assignedBy" label:"交办人" required:"true" max:"20"`
}

// Receipt is a 办理回执: the unit's report of how a matter was solved.
type Receipt struct {
	Org          string `json:"org" label:"交办单位" required:"true" max:"40"`
	Number       string `json:"number" label:"交办单编号" required:"true" max:"30"`
	Matter       string `json:"matter" label:"交办事项" form:"textarea" required:"true"`
	Handler      string `json:"handler" label:"承办单位" required:"true" max:"40"`
	Result       string `json:"result" label:"办理过程及结果" form:"textarea" required:"true"`
	Finished     Date   `json:"finished" label:"办结日期" required:"true"`
	Satisfaction string `json:"satisfaction" label:"群众满意度" options:"满意,基本满意,不满意"`
	Person       string `json:"person" label:"承办人" required:"true" max:"20"`
	Date         Date   `json:"date" label:"回执日期" required:"true"`
}

// Reminder is a 催办通知书: a reminder to a unit whose assigned matter is overdue.
type Reminder struct {
	Number   string `json:"number" label:"催办编号" max:"30"`
	To       string `json:"to" label:"承办单位" required:"true" max:"40"`
	SlipNo   string `json:"slipNo" label:"交办单编号" max:"30" help:"未经交办、由承办人直接办理的事项不填"`
	Matter   string `json:"matter" label:"交办事项" form:"textarea" required:"true"`
	Assigned Date   `json:"assigned" label:"交办日期" required:"true"`
	Deadline Date   `json:"deadline" label:"原办结时限" required:"true"`
	NewDays  int    `json:"newDays" label:"限期（工作日）" required:"true" max:"30" help:"自催办之日起几个工作日内办结"`
	Contact  string `json:"contact" label:"联系电话" max:"30" phone:"true"`
	Issuer   string `json:"issuer" label:"催办单位" required:"true" max:"40"`
	Date     Date   `json:"date" label:"催办日期" required:"true"`
}

func init() {
	register(&Kind{Name: "slip", Label: "民情交办单",
		new: func() Document { return &Slip{} },
		example: func() Document {
			return &Slip{Org: "丹口镇民情办", Number: "丹民交〔2026〕153号", Reporter: "刘志强", Phone: "13807391234", Village: "桃林村三组",
				Matter:       "三组饮水主管道破裂，12户村民已停水3天。",
				Requirements: "请于5个工作日内修复管道，恢复供水，并将办理结果书面反馈镇民情办。",
				Handler:      "丹口镇水务站", Assigned: "2026-11-23", Deadline: "2026-11-30", AssignedBy: "王丽"}
		}})
	register(&Kind{Name: "receipt", Label: "办理回执",
		new: func() Document { return &Receipt{} },
		example: func() Document {
			return &Receipt{Org: "丹口镇民情办", Number: "丹民交〔2026〕153号", Matter: "桃林村三组饮水主管道破裂，12户村民停水。",
				Handler: "丹口镇水务站", Result: "11月25日更换破损管道15米，当日恢复供水；已向12户村民说明情况。", Finished: "2026-11-25",
				Satisfaction: "满意", Person: "陈刚", Date: "2026-11-26"}
		}})
	register(&Kind{Name: "reminder", Label: "催办通知书",
		new: func() Document { return &Reminder{} },
		example: func() Document {
			return &Reminder{Number: "丹民催〔2026〕8号", To: "丹口镇水务站", SlipNo: "丹民交〔2026〕141号", Matter: "下团村五组路灯损坏8盏，夜间出行不便。",
				Assigned: "2026-11-10", Deadline: "2026-11-17", NewDays: 3, Contact: "0739-7321234", Issuer: "丹口镇民情办", Date: "2026-11-27"}
		}})
}

// Validate checks the slip; the deadline may not be before the assignment.
func (s *Slip) Validate() error {
	if err := checkFields(s); err != nil {
		return err
	}
	if s.Deadline.Time().Before(s.Assigned.Time()) {
		return errs.Field("deadline", "「办结时限」%s 早于「交办日期」%s", s.Deadline.CN(), s.Assigned.CN())
	}
	return nil
}

// Heading names the slip.
func (s *Slip) Heading() string { return "民情交办单 " + s.Number }

// Dated is the day the matter was assigned.
func (s *Slip) Dated() time.Time { return s.Assigned.Time() }

func (s *Slip) draw(d *engine.Doc) {
	d.KeepNext(func() { heading(d, "民情交办单", "编号", "编号："+s.Number, "", "") }) // never alone on a page
	days := workday.Between(s.Assigned.Time(), s.Deadline.Time())
	note := "注：请于办结后2个工作日内填写《办理回执》，连同有关材料报" + s.Org + "。"
	form(d, "交办单", "民情交办单（续）　编号："+s.Number, 2+d.BodyLines(0, engine.Run{Text: note, Role: fonts.Fang}), [][2]string{
		{"反映人", s.Reporter}, {"联系电话", s.Phone}, {"所在村（组）", s.Village},
		{"反映事项", s.Matter}, {"办理要求", s.Requirements}, {"承办单位", s.Handler},
		{"交办日期", s.Assigned.CN()}, {"办结时限", fmt.Sprintf("%s前（%d个工作日）", s.Deadline.CN(), days)},
		{"交办人", s.AssignedBy + "（" + s.Org + "）"},
	})
	d.Blank(1)
	d.Field("签收")
	d.Line("承办单位签收人：" + blank(5) + "签收日期：" + blank(2) + "年" + blank(1) + "月" + blank(1) + "日")
	d.Line(note)
}

// form draws label/value rows as a ruled two-column form; a page after the first starts with
// continued, which names the form, and the last page keeps room for the keep lines after the form
// (a signature with the room for its seal, the 签收 line): they never stand alone on a page.
func form(d *engine.Doc, field, continued string, keep int, rows [][2]string) {
	var cells [][]string
	for _, r := range rows {
		if r[1] != "" {
			cells = append(cells, []string{r[0], r[1]})
		}
	}
	d.Table(engine.Table{Field: field, NoHeader: true, Size: engine.TablePt, Rows: cells, Continued: continued, KeepWith: keep,
		Columns: []engine.Column{{Title: "项目", Width: 1, Center: true, Role: fonts.Hei}, {Title: "内容", Width: 3.2}}})
}

// Validate checks the receipt.
func (r *Receipt) Validate() error { return checkFields(r) }

// Heading names the receipt.
func (r *Receipt) Heading() string { return "办理回执 " + r.Number }

// Dated is the receipt's date.
func (r *Receipt) Dated() time.Time { return r.Date.Time() }

func (r *Receipt) draw(d *engine.Doc) {
	d.KeepNext(func() { heading(d, "民情办理回执", "交办单编号", "交办单编号："+r.Number, "", "") })
	sat := ""
	for _, o := range []string{"满意", "基本满意", "不满意"} {
		box := "□"
		if o == r.Satisfaction {
			box = "■"
		}
		sat += box + o + "　"
	}
	form(d, "回执", "民情办理回执（续）　交办单编号："+r.Number, 2+signatureLines+1, [][2]string{
		{"交办事项", r.Matter}, {"承办单位", r.Handler}, {"办理过程及结果", r.Result},
		{"办结日期", r.Finished.CN()}, {"群众满意度", sat}, {"承办人", r.Person},
	})
	d.Signature(r.Handler+"（盖章）", r.Date.CN())
	d.Line("报：" + r.Org)
}

// Validate checks the reminder; the reminder must come after the deadline.
func (m *Reminder) Validate() error {
	if err := checkFields(m); err != nil {
		return err
	}
	if m.Deadline.Time().Before(m.Assigned.Time()) {
		return errs.Field("deadline", "「原办结时限」%s 早于「交办日期」%s", m.Deadline.CN(), m.Assigned.CN())
	}
	if !m.Date.Time().After(m.Deadline.Time()) {
		return errs.Field("date", "「催办日期」%s 还没有超过办结时限 %s，无需催办", m.Date.CN(), m.Deadline.CN())
	}
	return nil
}

// Heading names the reminder: by its 交办单, or by whom it chases.
func (m *Reminder) Heading() string {
	if m.SlipNo == "" {
		return "催办通知书 " + m.To
	}
	return "催办通知书 " + m.SlipNo
}

// Dated is the reminder's date.
func (m *Reminder) Dated() time.Time { return m.Date.Time() }

// setNumber prints the archive's number as the 催办编号 when the reminder has none of its own (one
// issued from a case with its 催办): the paper then names the record it is filed under.
func (m *Reminder) setNumber(n string) {
	if m.Number == "" {
		m.Number = n
	}
}

// Overdue is the number of working days past the deadline on the reminder's date.
func (m *Reminder) Overdue() int { return workday.Between(m.Deadline.Time(), m.Date.Time()) }

func (m *Reminder) draw(d *engine.Doc) {
	heading(d, "催办通知书", "催办编号", m.Number, "承办单位", m.To)
	d.Field("交办事项")
	// A matter handed down names its 交办单; one taken up where it was registered was never handed
	// down, and the paper must not say it was.
	assigned := fmt.Sprintf("%s交办你单位办理的民情事项（交办单编号：%s）", m.Assigned.CN(), m.SlipNo)
	if m.SlipNo == "" {
		assigned = fmt.Sprintf("%s登记、由你单位承办的民情事项", m.Assigned.CN())
	}
	d.Paragraph(fmt.Sprintf("%s：%s办结时限为%s，至今未办结，已超期%d个工作日。",
		assigned, endStop(m.Matter), m.Deadline.CN(), m.Overdue()))
	deadline := workday.Add(m.Date.Time(), m.NewDays)
	contact := ""
	if m.Contact != "" {
		contact = "联系电话：" + m.Contact + "。"
	}
	d.Paragraph(fmt.Sprintf("请你单位高度重视，于%s前办结，并将办理结果书面反馈%s；确有困难不能按期办结的，请书面说明原因和办理计划。逾期仍未办结的，将按规定提请督查问责。%s", CN(deadline), m.Issuer, contact))
	d.Signature(m.Issuer, m.Date.CN())
}

// endStop ends a sentence with a full stop.
func endStop(s string) string { return trimStop(s) + "。" }
