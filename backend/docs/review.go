package docs

import (
	"fmt"
	"strconv"
	"time"

	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// Review is a 合同审查意见书: the village legal adviser's opinion on a contract.
type Review struct {
	Number     string          `json:"number" label:"编号" max:"30"`
	Contract   string          `json:"contract" label:"合同名称" required:"true" max:"80"`
	Parties    string          `json:"parties" label:"合同当事人" required:"true" max:"200"`
	Amount     string          `json:"amount" label:"合同金额（元）" max:"20" help:"如 120000；打印为大写金额"`
	Submitter  string          `json:"submitter" label:"送审单位" required:"true" max:"40"`
	Received   Date            `json:"received" label:"收到日期" required:"true"`
	Scope      string          `json:"scope" label:"审查范围" form:"textarea" required:"true"`
	Checks     []ReviewCheck   `json:"checks,omitempty" label:"审查要点" max:"20"`
	Problems   []ReviewProblem `json:"problems" label:"问题及修改意见" max:"100"`
	Conclusion string          `json:"conclusion" label:"审查结论" form:"textarea" required:"true"`
	Reserve    string          `json:"reserve" label:"保留意见及声明" form:"textarea"`
	Adviser    string          `json:"adviser" label:"法律顾问" required:"true" max:"20"`
	Firm       string          `json:"firm" label:"执业机构" max:"40"`
	Date       Date            `json:"date" label:"出具日期" required:"true"`
}

// ReviewCheck is one point of the adviser's checklist and what was found.
type ReviewCheck struct {
	Item    string `json:"item" label:"审查项目" required:"true" max:"20"`
	Result  string `json:"result" label:"审查结果" required:"true" options:"符合,存在问题,不适用"`
	Finding string `json:"finding" label:"审查情况" max:"500"`
}

// ReviewProblem is one problem found in the contract.
type ReviewProblem struct {
	Clause   string `json:"clause" label:"条款" required:"true" max:"40"`
	Problem  string `json:"problem" label:"存在问题" required:"true" max:"500"`
	Revision string `json:"revision" label:"修改意见" required:"true" max:"500"`
	Risk     string `json:"risk" label:"风险等级" required:"true" options:"高,中,低"`
}

func init() {
	register(&Kind{Name: "review", Label: "合同审查意见书",
		new: func() Document { return &Review{} },
		example: func() Document {
			return &Review{Number: "桃法审〔2026〕9号", Contract: "桃林村集体山林承包经营合同", Parties: "甲方：桃林村股份经济合作社；乙方：城步县绿源林业有限公司",
				Amount: "120000", Submitter: "桃林村村民委员会", Received: "2026-11-20",
				Scope: "合同主体资格、承包期限与价款、村民会议决议程序、违约责任与争议解决条款。",
				Checks: []ReviewCheck{
					{Item: "主体资格", Result: "符合", Finding: "乙方营业执照在有效期内，经营范围含林木种植。"},
					{Item: "民主程序（四议两公开）", Result: "存在问题", Finding: "村民会议同意承包20年，合同约定30年。"},
					{Item: "价款与支付", Result: "存在问题", Finding: "未约定逾期付款责任。"},
				},
				Problems: []ReviewProblem{
					{Clause: "第三条", Problem: "承包期30年，超过村民会议决议同意的20年。", Revision: "改为20年，或重新提交村民会议表决。", Risk: "高"},
					{Clause: "第七条", Problem: "承包费按年支付，未约定逾期付款责任。", Revision: "增加“逾期30日未付的，甲方有权解除合同”。", Risk: "中"},
					{Clause: "第十二条", Problem: "争议由甲方所在地仲裁委员会仲裁，未写明仲裁机构名称。", Revision: "写明“邵阳仲裁委员会”。", Risk: "低"},
				},
				Conclusion: "按上述意见修改后，合同可以签订。",
				Reserve:    "本意见仅依据送审材料作出，不对合同履行情况作出判断；送审材料不真实、不完整的，本意见不发生效力。",
				Adviser:    "周敏", Firm: "湖南城步正平律师事务所", Date: "2026-11-27"}
		}})
}

// Validate checks the opinion and the amount.
func (r *Review) Validate() error {
	if err := checkFields(r); err != nil {
		return err
	}
	if r.Amount != "" {
		if _, err := ParseYuan("amount", "合同金额（元）", r.Amount); err != nil {
			return err
		}
	}
	return nil
}

// Heading names the opinion.
func (r *Review) Heading() string { return "《" + r.Contract + "》审查意见书" }

// Dated is the opinion's date.
func (r *Review) Dated() time.Time { return r.Date.Time() }

func (r *Review) draw(d *engine.Doc) {
	heading(d, "合同审查意见书", "编号", r.Number, "送审单位", r.Submitter)
	d.Field("合同名称")
	d.Paragraph(fmt.Sprintf("你单位于%s送审的《%s》收悉。经审查，现提出如下意见。", r.Received.CN(), r.Contract))
	d.Field("合同当事人")
	d.Paragraph("一、合同基本情况。当事人：" + endStop(r.Parties))
	if r.Amount != "" {
		fen, _ := ParseYuan("amount", "", r.Amount)
		d.Field("合同金额（元）")
		d.Paragraph(fmt.Sprintf("合同金额：%s（%s）。", Capital(fen), Yuan(fen)))
	}
	d.Field("审查范围")
	d.Paragraph("二、审查范围。" + endStop(r.Scope))
	n := 3 // the number of the next section
	if len(r.Checks) > 0 {
		d.Field("审查要点")
		d.KeepNext(func() { // the lead sentence goes where the table goes
			d.Paragraph(fmt.Sprintf("三、审查要点。共%d项，其中存在问题%d项。", len(r.Checks), r.countChecks("存在问题")))
		})
		rows := make([][]string, len(r.Checks))
		for i, c := range r.Checks {
			finding := c.Finding
			if finding == "" {
				finding = "—"
			}
			rows[i] = []string{strconv.Itoa(i + 1), c.Item, c.Result, finding}
		}
		d.Table(engine.Table{Field: "审查要点", Size: 12, Rows: rows, Columns: []engine.Column{
			{Title: "序号", Width: 1, Center: true}, {Title: "审查项目", Width: 3, Center: true},
			{Title: "结果", Width: 1.8, Center: true, Role: fonts.Hei}, {Title: "审查情况", Width: 7}}})
		n++
	}
	d.Field("问题及修改意见")
	if len(r.Problems) == 0 {
		d.Paragraph(sectionNo(n) + "存在问题及修改意见。经审查，未发现需要修改的问题。")
	} else {
		d.KeepNext(func() {
			d.Paragraph(fmt.Sprintf("%s存在问题及修改意见。共%d处，其中高风险%d处。", sectionNo(n), len(r.Problems), r.count("高")))
		})
		rows := make([][]string, len(r.Problems))
		for i, p := range r.Problems {
			rows[i] = []string{strconv.Itoa(i + 1), p.Clause, p.Problem, p.Revision, p.Risk}
		}
		d.Table(engine.Table{Field: "问题及修改意见", Size: 12, Rows: rows, Columns: []engine.Column{
			{Title: "序号", Width: 1, Center: true}, {Title: "条款", Width: 1.6, Center: true}, {Title: "存在问题", Width: 4.5},
			{Title: "修改意见", Width: 4.5}, {Title: "风险", Width: 1.1, Center: true, Role: fonts.Hei}}})
	}
	d.Field("审查结论")
	d.Paragraph(sectionNo(n+1) + "审查结论。" + endStop(r.Conclusion))
	if r.Reserve != "" {
		d.Field("保留意见及声明")
		d.Paragraph(sectionNo(n+2) + "保留意见及声明。" + endStop(r.Reserve))
	}
	signer := "法律顾问：" + r.Adviser
	if r.Firm != "" {
		signer = r.Firm + "　" + signer
	}
	d.Signature(signer, r.Date.CN())
}

// sectionNo is a section's number as the opinion writes it: 三、 for 3.
func sectionNo(n int) string {
	return []string{"一", "二", "三", "四", "五", "六", "七"}[n-1] + "、"
}

func (r *Review) countChecks(result string) int {
	n := 0
	for _, c := range r.Checks {
		if c.Result == result {
			n++
		}
	}
	return n
}

func (r *Review) count(risk string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Risk == risk {
			n++
		}
	}
	return n
}
