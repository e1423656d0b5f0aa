package demo

import "math/rand/v2"

// finding is what a visit may learn, how often, and what may be done about it.
type finding struct {
	text      string
	weight    int
	followUps []string
}

func pickFinding(r *rand.Rand, list []finding) finding {
	total := 0
	for _, f := range list {
		total += f.weight
	}
	x := r.IntN(total)
	for _, f := range list {
		if x -= f.weight; x < 0 {
			return f
		}
	}
	return list[len(list)-1]
}

// generalFindings are what visits to any household find; most find nothing new.
var generalFindings = []finding{
	{"无新情况", 30, nil},
	{"家中一切正常", 20, nil},
	{"家庭和睦，无矛盾纠纷", 10, nil},
	{"宣传森林防火，已签订防火承诺书", 6, nil},
	{"宣传防范电信诈骗知识", 6, nil},
	{"宣传医保、养老保险缴费政策", 5, nil},
	{"家中有人外出务工，联系方式已更新", 5, nil},
	{"对村务公开无意见", 3, nil},
	{"反映路灯不亮", 3, []string{"报村委会安排维修路灯", "已联系电工"}},
	{"房屋漏雨需维修", 3, []string{"上报村委会纳入危房排查", "组织邻里帮忙检修屋面"}},
	{"反映组道路面破损", 2, []string{"报组长统计，纳入道路维修计划"}},
	{"反映自来水水压不足", 2, []string{"联系管水员检查管道"}},
	{"反映灌溉水渠堵塞", 2, []string{"组织组内劳力清淤"}},
	{"反映野猪损坏庄稼", 2, []string{"报乡林业站登记", "协助申请野生动物致害补偿"}},
	{"反映垃圾收集点清运不及时", 2, []string{"联系保洁员按时清运"}},
	{"咨询医保缴费事宜", 2, []string{"告知缴费渠道和截止时间"}},
	{"咨询产业奖补政策", 2, []string{"转乡农业综合服务中心答复"}},
	{"反映与邻居宅基地界址有争议", 1, []string{"约双方到村调解室调解", "报片长协调"}},
	{"反映邻居家犬只散养扰民", 1, []string{"上门劝导犬主拴养"}},
	{"咨询办理残疾证流程", 1, []string{"告知所需材料，协助预约评残"}},
}

// tagFindings are what visits to key households find, by tag.
var tagFindings = map[string][]finding{
	"留守老人": {
		{"老人身体尚好", 20, nil},
		{"老人生活能自理，子女每周来电", 10, nil},
		{"老人行动不便，需定期上门", 5, []string{"安排邻里结对照看"}},
		{"天冷，提醒老人注意用火用电安全", 5, nil},
		{"老人反映药费负担重", 3, []string{"协助申请医疗救助"}},
		{"需要代购生活用品", 3, []string{"邻长代为购买"}},
	},
	"五保户": {
		{"五保老人生活物资充足", 15, nil},
		{"老人身体尚好", 10, nil},
		{"老人愿意入住敬老院", 2, []string{"报乡民政办办理入院手续"}},
		{"房屋年久失修", 2, []string{"上报危房改造"}},
	},
	"留守儿童": {
		{"孩子由祖辈照看，学习情况一般", 10, []string{"联系班主任加强关注"}},
		{"孩子在校表现良好", 10, nil},
		{"孩子上学有困难", 4, []string{"联系学校了解助学政策"}},
		{"假期提醒防溺水安全", 6, nil},
	},
	"低保户": {
		{"低保金按时到账", 15, nil},
		{"询问低保年审材料", 5, []string{"告知所需材料，协助准备"}},
		{"家中有人务工收入增加", 3, []string{"报村委会复核低保条件"}},
	},
	"残疾人": {
		{"残疾人两项补贴已发放", 12, nil},
		{"需要更换轮椅", 3, []string{"报县残联申请辅具"}},
		{"咨询残疾人就业扶持政策", 3, []string{"转乡残疾人专职委员答复"}},
	},
	"特殊人群": {
		{"情绪稳定，按时服药", 10, nil},
		{"按要求报到，表现良好", 8, nil},
		{"近期情绪波动", 3, []string{"报村综治专干跟进", "联系家属加强看护"}},
	},
}
