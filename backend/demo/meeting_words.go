package demo

import (
	"fmt"
	"strings"
	"time"

	"xiangzhi/backend/meetings"
)

// The meeting's places, hours and words.
var (
	leaveReasons   = newWeighted("外出务工:40", "生病住院:12", "家中有事:25", "外出办事:12", "在县城陪护病人:6", "参加乡里培训:5")
	adviserReasons = []string{"在县法院出庭", "参加律师协会培训", "外出办案"}
	cancelReasons  = []string{"村干部参加县里集中培训，会议取消", "遇防汛抢险任务，会议取消", "遇森林防火紧急任务，会议取消", "主持人临时到乡里开会，会议取消"}
	doneNotes      = []string{"已按期完成", "已完成，群众满意", "已完成，经验收合格", "已落实到位"}
	addenda        = []string{
		"经会后核实，会上所说维修材料费用以实际结算为准，已在村务公开栏公示。",
		"会上决定事项的落实时间因连续降雨顺延五天，已告知相关群众。",
		"会议记录中一名请假人员的请假原因更正为“在县城陪护病人”。",
	}
)

// decision is a decision a meeting of a kind may take, with %s for a group's name (三组), and the
// days it gives to carry it out (0: none).
type decision struct {
	item, text string
	days       int
}

var decisions = map[string][]decision{
	meetings.KindAnalysis: {
		{"研究%s饮水管漏水问题", "同意对%s饮水管进行维修", 8},
		{"研究%s灌溉水渠清淤", "组织%s劳力清理灌溉水渠", 10},
		{"研究%s村道边坡安全隐患", "对%s村道边坡设置警示牌，雨后加强巡查", 5},
		{"研究%s留守老人冬季关爱", "安排专人走访%s留守老人，做好防寒保暖", 7},
		{"研究%s垃圾收集点清运", "%s垃圾收集点改为每日清运一次", 3},
		{"部署%s森林防火工作", "在%s张贴森林防火公告，组织巡山护林", 5},
		{"研究%s路灯维修", "联系电工修复%s损坏的路灯", 6},
	},
	meetings.KindTalk: {
		{"听取%s群众对组道维修的意见", "%s组道维修需求列入村级公益事业一事一议项目库", 30},
		{"听取群众对产业发展的建议", "整理群众提出的产业发展建议，报乡农业综合服务中心", 15},
		{"听取%s群众对人居环境整治的意见", "在%s开展房前屋后环境卫生评比", 20},
		{"通报上季度群众反映问题办理情况", "恳谈会收集的意见建议及办理结果在村务公开栏公示", 10},
	},
	meetings.KindCommittee: {
		{"研究村集体经济合作社年度收益分配方案", "同意村集体经济合作社年度收益分配方案，提交村民代表会议审议", 0},
		{"研究%s低保评议初步名单", "同意%s低保评议初步名单，按程序公示", 10},
		{"研究护林员选聘", "同意按程序选聘护林员2名，公示后上报乡林业站", 15},
		{"研究村部会议室维修", "同意维修村部会议室，费用从村级运转经费中列支", 30},
		{"研究村干部联系片区分工", "同意调整村干部联系片区分工，即日起执行", 0},
	},
	meetings.KindReps: {
		{"审议村规民约修订稿", "通过村规民约修订稿，印发各户张贴", 20},
		{"审议村级财务年度预算方案", "通过村级财务年度预算方案", 0},
		{"审议%s组道硬化一事一议筹资筹劳方案", "通过%s组道硬化一事一议筹资筹劳方案，每户筹资200元", 30},
		{"审议集体山林承包经营方案", "通过集体山林承包经营方案，公开招标确定承包人", 45},
		{"审议村集体经济合作社年度收益分配方案", "通过村集体经济合作社年度收益分配方案", 15},
	},
}

// opinions are what a meeting of each kind found (会议认为).
var opinions = map[string][]string{
	meetings.KindAnalysis: {
		"本月民情总体平稳，群众反映的问题多数能在组、村两级解决；对办理时间较长的事项，要明确责任人和完成时限，办结后及时回访。",
		"本月收集的民情以民生诉求和基础设施为主，要坚持小事不出组、大事不出村，对超期未办结的事项逐件督办。",
		"各片、组走访到位，民情收集及时；对涉及多户的矛盾纠纷，要早发现、早调解，防止矛盾激化。",
	},
	meetings.KindTalk: {
		"群众参与热情高，提出的意见建议实在；能马上解决的马上办，一时解决不了的要做好解释，定期通报进展。",
		"群众关心的问题主要集中在道路、饮水和产业发展，要把群众的意见作为村里下一阶段工作的重点。",
	},
	meetings.KindCommittee: {"上述事项程序规范、方案可行，按程序提交或公示后执行。", "议定事项责任明确，由分管的两委成员抓好落实。"},
	meetings.KindReps:      {"方案经过充分酝酿，听取了各组群众的意见，符合大多数群众的意愿。", "与会代表对提交审议的事项进行了认真讨论，表决程序符合规定。"},
	meetings.KindReview:    {"全体村民代表能够履行职责，联系群众紧密，走访和民情收集工作总体较好；个别代表走访不够经常，要加以改进。"},
}

// minutes writes the record, speaker by speaker, and what the meeting found.
func (mp *meetingPlanner) minutes(m *meetingPlan, d time.Time) {
	r := mp.r
	present := presentPeople(m)
	speaker := func() string {
		if len(present) > 1 {
			return present[1+r.IntN(len(present)-1)].name
		}
		return m.host.name
	}
	var lines []string
	host := m.host.name
	switch m.kind {
	case meetings.KindAnalysis:
		lines = append(lines, fmt.Sprintf("%s：今天召开%d月民情分析会，先请各片、组汇报本月走访收集的民情，再逐件研究办理意见。", host, d.Month()))
	case meetings.KindTalk:
		lines = append(lines, fmt.Sprintf("%s：今天请大家来，就是听听群众的意见。有什么想法、有什么困难，都可以当面提。", host))
	case meetings.KindCommittee:
		lines = append(lines, fmt.Sprintf("%s：今天两委会议研究几项工作，请大家充分发表意见，再逐项表决。", host))
	case meetings.KindReps:
		lines = append(lines, fmt.Sprintf("%s：今天召开村民代表会议，审议提交的事项。到会代表人数符合规定，会议有效。", host))
	case meetings.KindReview:
		lines = append(lines, fmt.Sprintf("%s：今天召开%d年度村民代表述职评议会，请各位代表逐一述职，再进行民主测评。", host, d.Year()-1),
			"各位村民代表逐一述职，讲了全年走访联系户、反映民情、调解纠纷和参加会议的情况。",
			fmt.Sprintf("%s：民主测评共发出测评票%d张，收回%d张，按得票情况提出评议等次建议。", m.recorder.name, len(present), len(present)))
	}
	for _, it := range m.items {
		who := speaker()
		switch {
		case it.c != nil:
			state := "正在办理"
			if h := handlerOf(it.c); h != "" {
				state = h + "正在办理，要求按期办结"
			}
			lines = append(lines, fmt.Sprintf("%s：%s%s反映的%s，%s。", who, mp.groupName(it.c), it.c.in.PersonName, it.c.in.Summary, state))
		case it.follow != nil:
			state := "还在推进，" + it.follow.handler + "表示本月内完成"
			if it.follow.done != "" && it.follow.done <= m.date {
				state = "已经完成"
			}
			lines = append(lines, fmt.Sprintf("%s：上次会议定的“%s”，%s。", who, it.follow.text, state))
		case !it.report.IsZero():
			lines = append(lines, who+"："+mp.reportOn(m, it.report))
		case m.kind == meetings.KindReview || it.fresh:
		default:
			topic := it.title
			for _, verb := range []string{"研究", "审议", "听取", "部署", "通报"} {
				topic = strings.TrimPrefix(topic, verb)
			}
			line := fmt.Sprintf("%s：关于%s，", who, topic)
			switch res := resolutionOn(m, it); {
			case res != nil && res.voted:
				line += pick(r, []string{"方案已征求各组群众意见，提请会议表决。", "前期已经充分酝酿，提请会议表决。"})
			case res != nil:
				line += "建议" + strings.TrimPrefix(res.text, "同意") + "。"
			default:
				line += "我讲一下情况。"
			}
			lines = append(lines, line)
		}
	}
	for _, res := range m.resolutions {
		if len(res.cases) > 0 {
			cp := res.cases[0]
			lines = append(lines, fmt.Sprintf("%s：%s%s反映%s，%s。建议登记为民情件，由%s负责。", speaker(), mp.groupName(cp), cp.in.PersonName,
				cp.in.Summary, strings.TrimSuffix(cp.in.Description, "。"), orAnyone(res.handler)))
		}
	}
	lines = append(lines, host+"：请大家按会议议定的分工抓好落实，下次会议逐项通报进展。")
	m.record = strings.Join(lines, "\n")
	m.opinion = pick(r, opinions[m.kind])
}

// reportOn says how many of the village's cases were registered in the month (or, for a 恳谈会, the
// quarter) from start and how many of them are settled by the meeting's day.
func (mp *meetingPlanner) reportOn(m *meetingPlan, start time.Time) string {
	step, what := 1, fmt.Sprintf("%d月全村", start.Month())
	if m.kind == meetings.KindTalk {
		step, what = 3, "上季度群众"
	}
	lo, hi := start.Format(time.DateOnly), start.AddDate(0, step, -1).Format(time.DateOnly)
	n, done := 0, 0
	for i := range mp.v.cases {
		cp := &mp.v.cases[i]
		if reg := cp.in.RegisteredOn; reg >= lo && reg <= hi && reg < m.date {
			n++
			if closedOn(cp, m.date) {
				done++
			}
		}
	}
	if n == 0 {
		return what + "没有新反映的民情。"
	}
	if done == n {
		return fmt.Sprintf("%s反映民情%d件，已全部办结。", what, n)
	}
	return fmt.Sprintf("%s反映民情%d件，已办结%d件，正在办理%d件。", what, n, done, n-done)
}

func resolutionOn(m *meetingPlan, it *itemPlan) *resolutionPlan {
	for _, res := range m.resolutions {
		if res.item == it {
			return res
		}
	}
	return nil
}

func orAnyone(s string) string {
	if s == "" {
		return "村委会"
	}
	return s
}
