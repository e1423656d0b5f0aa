package demo

import (
	"math/rand/v2"
	"time"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/workday"
)

// casePlan is one 民情 case to be registered, and the steps taken on it since.
type casePlan struct {
	household  *householdPlan
	visit      *visitPlan // the visit whose follow-up it came from, if any
	in         cases.Input
	steps      []cases.Step
	meeting    *meetingPlan // the meeting whose decision registered it, if any (meetings.go)
	id, number string       // once written
}

// caseTopic is what a case of a category is about, and how it was settled.
type caseTopic struct{ summary, description, resolution string }

var caseTopics = map[string][]caseTopic{
	"矛盾纠纷": {
		{"宅基地界址纠纷", "两户为围墙位置争执，多次发生口角", "现场丈量，依原宅基地证确定界址，双方签字认可"},
		{"邻里排水纠纷", "上户排水经下户院坝，雨天积水", "协调两户共同修建排水沟，费用各半"},
		{"山林权属争议", "两组村民对一片杉木林的权属有争议", "查阅林权证和原始台账，经乡司法所调解达成协议"},
		{"家庭赡养纠纷", "老人反映子女不履行赡养义务", "召集子女调解，签订赡养协议，每月按时给付"},
		{"土地流转租金纠纷", "流转户反映合作社拖欠租金", "约谈合作社负责人，租金已结清"},
	},
	"民生诉求": {
		{"申请低保复核", "家庭成员患病，收入下降，申请复核低保", "已按程序入户核查并上报民政办"},
		{"自来水水压不足", "高处几户自来水水压不足，早晚无水", "加装增压泵，供水恢复正常"},
		{"危房改造申请", "房屋墙体开裂，申请危房改造", "已鉴定为C级危房，纳入改造计划"},
		{"残疾证办理", "家中老人行动不便，询问残疾证办理", "已协助到县残联鉴定并办证"},
	},
	"安全隐患": {
		{"村道边坡落石", "雨后村道边坡有落石，影响通行安全", "设置警示牌，清理落石并加固边坡"},
		{"老旧电线私拉乱接", "屋内电线老化，私拉乱接", "联系供电所上门检查，已更换线路"},
		{"山塘坝体渗水", "山塘坝体下游有渗水点", "水利站现场查看，已放水降低水位并安排维修"},
	},
	"环境卫生": {
		{"垃圾收集点清运不及时", "垃圾收集点满溢，气味较大", "调整清运频次为每日一次"},
		{"屋后排水沟堵塞", "排水沟被杂物堵塞，污水外溢", "组织保洁员清理，已疏通"},
		{"养殖粪污直排", "养殖户粪污直排小溪", "责令整改，已建设沼气池"},
	},
	"政策咨询": {
		{"咨询养老保险缴费", "询问城乡居民养老保险缴费档次", "已解释缴费档次和补贴标准"},
		{"咨询产业奖补政策", "询问种植油茶的奖补政策", "已告知申报条件和时间"},
		{"咨询耕地地力补贴", "询问耕地地力补贴发放时间", "已答复，补贴已于上月发放"},
	},
	"基础设施": {
		{"村道路面破损", "组道路面坑洼，车辆难行", "列入道路维修计划，已修补"},
		{"路灯损坏", "村口路灯不亮，夜间出行不便", "已更换灯具"},
		{"饮水管道老化", "饮水管道老化漏水", "已更换主管道"},
	},
	"其他": {
		{"反映广场舞噪音", "晚间广场舞音响声音过大", "协商调整时间和音量"},
		{"流浪犬伤人隐患", "村中流浪犬较多，担心伤人", "联系畜牧站统一收容"},
	},
}

var (
	caseCategories = newWeighted("矛盾纠纷:22", "民生诉求:26", "安全隐患:10", "环境卫生:14", "政策咨询:16", "基础设施:9", "其他:3")
	caseSources    = newWeighted("走访:30", "来访:28", "电话:20", "网格员:12", "恳谈会:5", "分析会:3", "上级交办:2")
	caseLevels     = newWeighted("邻:10", "组:20", "村:70")
	caseHandlers   = []string{"杨明", "吴长生", "龙秀兰", "蒋志刚", "刘丽华"}
)

// planCases plans the cases of a village over the scale's years, at its rate for every six households, and carries
// each through the loop as far as its age allows: most are settled within their time limit, some
// late, a few escalated to the township and handed back down, a few followed up unsatisfied and
// reopened; the recent ones are still open, and some of those are overdue.
func planCases(r *rand.Rand, v *villagePlan, today time.Time, scale scaleInfo) []casePlan {
	var households []*householdPlan
	neighbours := map[*householdPlan][]*householdPlan{} // a household's neighbourhood, itself first
	for _, p := range v.pieces {
		for _, g := range p.groups {
			for _, nb := range g.nbs {
				households = append(households, nb.households...)
				for _, h := range nb.households {
					neighbours[h] = append([]*householdPlan{h}, nb.households...)
				}
			}
		}
	}
	if len(households) == 0 {
		return nil
	}
	iso := func(d time.Time) string { return d.Format(time.DateOnly) }
	var out []casePlan
	for n := len(households) * scale.casesPer6 * scale.caseYears / 6; n > 0; n-- {
		h := households[r.IntN(len(households))]
		category := caseCategories.pick(r)
		topic := pick(r, caseTopics[category])
		reg := today.AddDate(0, 0, -r.IntN(365*scale.caseYears))
		for !workday.Is(reg) {
			reg = reg.AddDate(0, 0, -1)
		}
		cp := casePlan{household: h, in: cases.Input{Source: caseSources.pick(r), Category: category,
			Summary: topic.summary, Description: topic.description, RegisteredOn: iso(reg), Level: caseLevels.pick(r)}}
		if len(h.members) > 0 {
			cp.in.PersonName = h.members[0].name
		}
		if cp.in.Source == "走访" {
			// found on a visit: the latest follow-up before it in the household or, when it has none, in
			// a neighbour's (the visit's household is then the one concerned)
			for _, n := range neighbours[h] {
				for i := range n.visits {
					if vp := &n.visits[i]; vp.followUp != "" && vp.date <= iso(reg) && (cp.visit == nil || vp.date > cp.visit.date) {
						cp.visit, cp.household = vp, n
					}
				}
				if cp.visit != nil {
					break
				}
			}
			if cp.visit != nil && len(cp.household.members) > 0 {
				cp.in.PersonName = cp.household.members[0].name
			}
		}
		limit, _ := cases.LimitOf(category)
		day := reg
		next := func(max int) bool { // the next step, 0–max working days later, if that is not after today
			day = workday.Add(day, r.IntN(max+1))
			return !day.After(today)
		}
		step := func(s cases.Step) { s.Date = iso(day); cp.steps = append(cp.steps, s) }
		handler := pick(r, caseHandlers)
		if !next(1) {
			out = append(out, cp)
			continue
		}
		if r.Float64() < 0.03 {
			step(cases.Step{Action: cases.ActReject, Note: "不属于村级受理范围，已告知向有关部门反映"})
			if next(20) {
				step(cases.Step{Action: cases.ActArchive})
			}
			out = append(out, cp)
			continue
		}
		step(cases.Step{Action: cases.ActAccept})
		step(cases.Step{Action: cases.ActAssign, Handler: handler})
		step(cases.Step{Action: cases.ActStart})
		if r.Float64() < 0.12 && next(2) {
			// (a case taken up below the village goes to the village first)
			if cp.in.Level != "村" {
				step(cases.Step{Action: cases.ActEscalate, Level: "村", Note: "组内协调未果，提交村委会"})
				step(cases.Step{Action: cases.ActStart, Handler: handler}) // 上报 leaves the village to name one
			} else {
				step(cases.Step{Action: cases.ActEscalate, Level: "乡镇", Note: "涉及多个部门，村级难以解决"})
				// half are settled at the township, half handed back down with the stations' help
				if r.Float64() < 0.5 {
					if !next(3) {
						out = append(out, cp)
						continue
					}
					step(cases.Step{Action: cases.ActHandDown, Level: "村", Handler: handler, Days: limit, Note: "由村委会牵头办理，相关站所配合"})
				} else {
					step(cases.Step{Action: cases.ActAssign, Handler: "乡综治办"})
					step(cases.Step{Action: cases.ActStart})
				}
			}
		}
		for round := 0; round < 2; round++ {
			// settled within the limit four times in five (recent ones: half), else up to half as long again
			took := between(r, 1, limit)
			late := 0.2
			if today.Sub(reg) < 45*24*time.Hour {
				late = 0.5 // the recent ones: some are running late now
			}
			if r.Float64() < late {
				took = between(r, limit, limit*3/2+1)
			}
			if day = workday.Add(day, took); day.After(today) {
				break
			}
			resolve := cases.Step{Action: cases.ActResolve, Note: topic.resolution}
			if category == cases.CategoryDispute {
				resolve.Mediation = cases.MediationAgreed // every demo topic of a dispute ends in an agreement
			}
			step(resolve)
			if !next(5) {
				break
			}
			if round == 0 && r.Float64() < 0.05 {
				step(cases.Step{Action: cases.ActFollowUp, Satisfaction: "不满意", Note: "群众认为处理不彻底"})
				continue
			}
			sat := "满意"
			if r.Float64() < 0.12 {
				sat = "基本满意"
			}
			step(cases.Step{Action: cases.ActFollowUp, Satisfaction: sat})
			if next(30) && today.Sub(day) > 30*24*time.Hour {
				step(cases.Step{Action: cases.ActArchive})
			}
			break
		}
		out = append(out, cp)
	}
	return out
}

// writeCases registers a village's planned cases and takes their steps.
func writeCases(tx *store.Tx, villageID string, plans []casePlan, st *Stats) error {
	for i := range plans {
		cp := &plans[i]
		in := cp.in
		in.VillageID, in.HouseholdID = villageID, cp.household.id
		if cp.visit != nil {
			in.VisitID = cp.visit.id
		}
		if cp.meeting != nil {
			in.MeetingID = cp.meeting.id
		}
		id, number, err := cases.RegisterIn(tx, in)
		if err != nil {
			return errs.Wrap(err, errs.CodeOf(err), "登记民情“%s”失败", in.Summary)
		}
		for _, s := range cp.steps {
			if err := cases.ActIn(tx, id, s); err != nil {
				return errs.Wrap(err, errs.CodeOf(err), "民情“%s”%s失败", in.Summary, s.Action)
			}
		}
		cp.id, cp.number = id, number
		st.Cases++
	}
	return nil
}
