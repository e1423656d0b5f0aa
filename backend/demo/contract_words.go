package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"xiangzhi/backend/idcard"
)

// The words of the contracts villages send their legal advisers: what the contracts are, who the
// other party is, the risks an adviser finds and what the village did about them. Every company is
// invented; its 统一社会信用代码 is made from its name, so a company named twice has one code.

// contractKind is a kind of contract a village signs: its title (%s: a group's name, or the village's),
// how its price is reckoned, its term and its payments.
type contractKind struct {
	typ, title string
	party      []string // the kinds of counterparty, as in companyKinds
	// the price: per unit (元) of a quantity, for so many years of the term (0: the price is the whole)
	unit, units, per [2]int // unit price, quantity, price per year range
	years            [2]int // term in years (0: months)
	months           [2]int // term in months when years is zero
	pay              string // yearly, quarterly, monthly, works, goods, once
	renewal          string // with %d for the notice days; "" for none
	notice           []int
	what             string // what it is about, for the decision that approves it: %s the quantity
}

// contractKinds by type, with their weights in a village's year.
var (
	contractTypes = newWeighted("土地流转:16", "工程承包:24", "集体资产租赁:14", "集体资产发包:10", "采购:18", "服务:18")
	contractKinds = map[string][]contractKind{
		"土地流转": {
			{typ: "土地流转", title: "%s耕地经营权流转合同", party: []string{"coop", "agri", "farm"}, unit: [2]int{30, 52}, units: [2]int{60, 420},
				years: [2]int{5, 12}, pay: "yearly", renewal: "流转期满，乙方在同等条件下享有优先流转权，须于期满前%d日书面提出", notice: []int{90, 180},
				what: "%d亩耕地经营权"},
			{typ: "土地流转", title: "%s油茶基地山地经营权流转合同", party: []string{"oilcoop", "agri"}, unit: [2]int{8, 16}, units: [2]int{150, 900},
				years: [2]int{10, 15}, pay: "yearly", renewal: "流转期满，乙方在同等条件下享有优先流转权，须于期满前%d日书面提出", notice: []int{180},
				what: "%d亩山地经营权"},
		},
		"工程承包": {
			{typ: "工程承包", title: "%s组道硬化工程施工合同", party: []string{"build"}, per: [2]int{15, 78}, months: [2]int{2, 5}, pay: "works",
				what: "组道硬化工程"},
			{typ: "工程承包", title: "%s饮水工程管网改造施工合同", party: []string{"build", "water"}, per: [2]int{8, 40}, months: [2]int{2, 4}, pay: "works",
				what: "饮水管网改造工程"},
			{typ: "工程承包", title: "村部会议室维修工程施工合同", party: []string{"build"}, per: [2]int{2, 6}, months: [2]int{1, 2}, pay: "works",
				what: "村部会议室维修工程"},
			{typ: "工程承包", title: "%s山塘除险加固工程施工合同", party: []string{"water", "build"}, per: [2]int{10, 48}, months: [2]int{3, 6}, pay: "works",
				what: "山塘除险加固工程"},
			{typ: "工程承包", title: "%s村道安全防护栏安装工程合同", party: []string{"build"}, per: [2]int{3, 15}, months: [2]int{1, 3}, pay: "works",
				what: "村道安全防护栏安装工程"},
		},
		"集体资产租赁": {
			{typ: "集体资产租赁", title: "原村小学校舍租赁合同", party: []string{"trade", "food"}, per: [2]int{1, 4}, years: [2]int{3, 5}, pay: "yearly",
				renewal: "租赁期满，乙方需继续租赁的，应于期满前%d日书面提出，同等条件下乙方优先", notice: []int{60, 90}, what: "原村小学校舍出租"},
			{typ: "集体资产租赁", title: "%s集体仓库租赁合同", party: []string{"food", "trade"}, per: [2]int{1, 2}, years: [2]int{2, 5}, pay: "yearly",
				renewal: "租赁期满，乙方需继续租赁的，应于期满前%d日书面提出，同等条件下乙方优先", notice: []int{30, 60}, what: "集体仓库出租"},
			{typ: "集体资产租赁", title: "村部闲置用房租赁合同", party: []string{"trade", "shop"}, per: [2]int{1, 2}, years: [2]int{1, 3}, pay: "yearly",
				renewal: "租赁期满，乙方需继续租赁的，应于期满前%d日书面提出，同等条件下乙方优先", notice: []int{30, 60}, what: "村部闲置用房出租"},
		},
		"集体资产发包": {
			{typ: "集体资产发包", title: "%s集体山林承包经营合同", party: []string{"forest", "forestcoop"}, unit: [2]int{3, 8}, units: [2]int{300, 2400},
				years: [2]int{10, 20}, pay: "yearly", renewal: "承包期满，同等条件下乙方享有优先承包权，须于期满前%d日书面提出", notice: []int{180},
				what: "%d亩集体山林承包经营权"},
			{typ: "集体资产发包", title: "%s集体鱼塘承包合同", party: []string{"farm", "fishcoop"}, unit: [2]int{60, 120}, units: [2]int{8, 40},
				years: [2]int{5, 8}, pay: "yearly", renewal: "承包期满，同等条件下乙方享有优先承包权，须于期满前%d日书面提出", notice: []int{90},
				what: "%d亩集体鱼塘承包经营权"},
			{typ: "集体资产发包", title: "%s集体果园承包经营合同", party: []string{"farm", "fruitcoop", "agri"}, unit: [2]int{30, 60}, units: [2]int{20, 120},
				years: [2]int{6, 10}, pay: "yearly", renewal: "承包期满，同等条件下乙方享有优先承包权，须于期满前%d日书面提出", notice: []int{90, 180},
				what: "%d亩集体果园承包经营权"},
		},
		"采购": {
			{typ: "采购", title: "%s太阳能路灯采购安装合同", party: []string{"tech", "trade"}, per: [2]int{3, 12}, months: [2]int{1, 2}, pay: "goods",
				what: "太阳能路灯采购"},
			{typ: "采购", title: "村务监控设备采购合同", party: []string{"tech"}, per: [2]int{1, 5}, months: [2]int{1, 1}, pay: "goods", what: "村务监控设备采购"},
			{typ: "采购", title: "%s分类垃圾桶采购合同", party: []string{"env", "trade"}, per: [2]int{1, 3}, months: [2]int{1, 1}, pay: "once",
				what: "分类垃圾桶采购"},
			{typ: "采购", title: "党群服务中心办公设备采购合同", party: []string{"tech", "trade"}, per: [2]int{1, 4}, months: [2]int{1, 1}, pay: "once",
				what: "党群服务中心办公设备采购"},
			{typ: "采购", title: "农村饮水消毒设备采购合同", party: []string{"water", "env"}, per: [2]int{2, 8}, months: [2]int{1, 2}, pay: "goods",
				what: "饮水消毒设备采购"},
		},
		"服务": {
			{typ: "服务", title: "村庄保洁服务合同", party: []string{"clean"}, per: [2]int{3, 8}, years: [2]int{1, 1}, pay: "monthly",
				renewal: "合同期满，双方无异议的，可续签一年；任何一方不再续签的，应于期满前%d日书面通知对方", notice: []int{30},
				what: "村庄保洁服务"},
			{typ: "服务", title: "农村生活污水处理设施运维服务合同", party: []string{"env"}, per: [2]int{1, 4}, years: [2]int{1, 2}, pay: "quarterly",
				renewal: "合同期满，双方无异议的，可续签一年；任何一方不再续签的，应于期满前%d日书面通知对方", notice: []int{30, 60},
				what: "污水处理设施运维服务"},
			{typ: "服务", title: "集体经济发展规划编制服务合同", party: []string{"plan"}, per: [2]int{3, 9}, months: [2]int{2, 4}, pay: "works",
				what: "集体经济发展规划编制服务"},
			{typ: "服务", title: "%s护林防火巡护服务合同", party: []string{"forestsvc", "forestcoop"}, per: [2]int{2, 6}, years: [2]int{1, 1}, pay: "quarterly",
				renewal: "合同期满，双方无异议的，可续签一年；任何一方不再续签的，应于期满前%d日书面通知对方", notice: []int{30},
				what: "护林防火巡护服务"},
		},
	}
)

// companyKinds are the kinds of counterparty: the second character of their code (1 a company, 2
// a 个体工商户, 3 a 农民专业合作社), where they are registered, and how their names end.
var companyKinds = map[string]struct {
	class   byte
	places  []string // a name's beginning; its region code in companyRegions
	endings []string
}{
	"coop":       {'3', []string{"城步县"}, []string{"种植专业合作社", "农机专业合作社", "生态农业专业合作社", "水稻种植专业合作社"}},
	"oilcoop":    {'3', []string{"城步县"}, []string{"油茶种植专业合作社", "油茶专业合作社"}},
	"forestcoop": {'3', []string{"城步县"}, []string{"林业专业合作社", "护林专业合作社"}},
	"fishcoop":   {'3', []string{"城步县"}, []string{"水产养殖专业合作社", "生态渔业专业合作社"}},
	"fruitcoop":  {'3', []string{"城步县"}, []string{"水果种植专业合作社", "果业专业合作社"}},
	"agri":       {'1', []string{"城步苗族自治县", "邵阳市", "湖南"}, []string{"农业开发有限公司", "生态农业有限公司", "农业科技有限公司"}},
	"farm":       {'2', []string{"城步县"}, []string{"家庭农场", "生态家庭农场"}},
	"build":      {'1', []string{"城步苗族自治县", "邵阳市", "湖南"}, []string{"建筑工程有限公司", "建设工程有限公司", "路桥建设有限公司"}},
	"water":      {'1', []string{"城步苗族自治县", "邵阳市"}, []string{"水利水电工程有限公司", "水务工程有限公司"}},
	"trade":      {'1', []string{"城步苗族自治县", "邵阳市"}, []string{"商贸有限公司", "贸易有限公司"}},
	"food":       {'1', []string{"城步苗族自治县"}, []string{"农产品加工有限公司", "食品有限公司", "茶业有限公司"}},
	"shop":       {'2', []string{"城步县"}, []string{"电商服务部", "农资经营部", "副食店"}},
	"forest":     {'1', []string{"城步苗族自治县", "邵阳市"}, []string{"林业开发有限公司", "林业发展有限公司"}},
	"tech":       {'1', []string{"邵阳市", "湖南"}, []string{"科技有限公司", "电子科技有限公司", "智能科技有限公司"}},
	"env":        {'1', []string{"城步苗族自治县", "邵阳市", "湖南"}, []string{"环保科技有限公司", "环境工程有限公司"}},
	"clean":      {'1', []string{"城步苗族自治县"}, []string{"环境卫生服务有限公司", "物业管理有限公司", "保洁服务有限公司"}},
	"plan":       {'1', []string{"湖南", "邵阳市"}, []string{"规划设计有限公司", "工程咨询有限公司"}},
	"forestsvc":  {'1', []string{"城步苗族自治县"}, []string{"林业服务有限公司", "生态护林服务有限公司"}},
}

// companyRegions are the region codes a beginning of a name stands for (湖南: the districts of 长沙).
var companyRegions = map[string][]string{
	"城步苗族自治县": {"430529"}, "城步县": {"430529"}, "邵阳市": {"430502", "430503", "430511"},
	"湖南": {"430102", "430103", "430104", "430105", "430111"},
}

// brandNames are the invented trade names of the companies.
var brandNames = []string{"绿源", "苗乡", "青山", "南岭", "巫水", "丰源", "瑞丰", "华兴", "顺达", "宏泰", "鑫盛", "兴农", "惠民", "恒通",
	"佳禾", "益农", "山水", "金穗", "嘉禾", "永安", "长青", "康达", "四季", "福源", "新田", "云峰", "天成", "广源", "盛世", "银杉"}

// company names a counterparty of a kind and gives its 统一社会信用代码.
func company(r *rand.Rand, kind, village string) (name, code string) {
	k := companyKinds[kind]
	place := pick(r, k.places)
	brand := pick(r, brandNames)
	switch kind {
	case "coop", "oilcoop", "forestcoop", "fishcoop", "fruitcoop", "farm", "shop":
		// a cooperative, a family farm or a shop of the village, or of the place it stands in
		if r.Float64() < 0.5 {
			brand = strings.TrimSuffix(strings.TrimSuffix(village, "村"), "社区") + pick(r, []string{"", "绿源", "兴旺", "富民"})
		}
	}
	name = place + brand + pick(r, k.endings)
	regions := companyRegions[place]
	h := fnv.New32a()
	h.Write([]byte(name))
	return name, creditCode(name, k.class, regions[h.Sum32()%uint32(len(regions))])
}

// creditChars are the characters of a 统一社会信用代码 (no I, O, S, V, Z).
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode makes a valid 统一社会信用代码 from a name: 9 (registered with the market regulator),
// the class, the region, a 主体标识码 of the new kind (MA…) with its GB 11714 check character, and the
// check character of the whole.
func creditCode(name string, class byte, region string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	x := h.Sum64()
	body := []byte("MA")
	for range 6 {
		body = append(body, creditChars[x%uint64(len(creditChars))])
		x /= uint64(len(creditChars))
	}
	// GB 11714: weights 3 7 9 10 5 8 4 2 over the values of the characters (digits, A=10 … Z=35)
	weights := []int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body {
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		body = append(body, 'X')
	case 11:
		body = append(body, '0')
	default:
		body = append(body, byte('0'+c))
	}
	first17 := "9" + string(class) + region + string(body)
	return first17 + string(idcard.CreditCheckChar(first17))
}

// riskTemplate is a risk an adviser finds in a kind of contract: the checklist item it falls under,
// its level, the clause, the problem and the revision asked for.
type riskTemplate struct{ item, level, clause, problem, revision string }

var commonRisks = []riskTemplate{
	{"违约责任", "中", "违约责任条款", "违约金计算标准不明确，发生纠纷时难以主张", "明确违约金按合同总价款的20%计算，损失超过违约金的据实赔偿"},
	{"争议解决", "中", "争议解决条款", "约定由乙方住所地人民法院管辖，不利于村集体维权", "改为由合同履行地城步苗族自治县人民法院管辖"},
	{"价款与支付", "高", "价款支付条款", "价款逾期支付未约定违约责任", "增加“逾期超过30日的，甲方有权解除合同，并按日万分之五收取违约金”"},
	{"主体资格", "低", "合同首部", "乙方名称与营业执照不一致，未写明统一社会信用代码", "按营业执照写明乙方全称和统一社会信用代码"},
}

var typeRisks = map[string][]riskTemplate{
	"土地流转": {
		{"内容合法性", "高", "土地用途条款", "未约定不得改变土地农业用途、不得撂荒", "增加“乙方不得改变土地农业用途，连续两年弃耕抛荒的，甲方有权收回”"},
		{"集体资产保护", "中", "地上附着物条款", "未约定期满后地上附着物和配套设施的处理", "约定期满后乙方投资建设的设施归属和补偿办法"},
		{"履行期限", "中", "流转期限条款", "流转期限超过部分承包农户委托书载明的期限", "按委托书调整流转期限，或补签承包农户的委托书"},
	},
	"工程承包": {
		{"价款与支付", "高", "工程款支付条款", "未约定质量保证金和缺陷责任期", "预留合同价款5%作为质量保证金，缺陷责任期满一年后无息返还"},
		{"履行期限", "中", "工期条款", "工期延误未约定违约责任", "增加“每延误一日按合同价款千分之一支付违约金”"},
		{"主体资格", "高", "承包人资质", "未附乙方施工资质证书和安全生产许可证，无法核实资质", "补充乙方资质证书和安全生产许可证复印件"},
		{"违约责任", "中", "安全生产条款", "未约定施工期间的安全责任", "明确施工期间的安全责任和第三者损害由乙方承担"},
	},
	"集体资产租赁": {
		{"集体资产保护", "中", "租金条款", "租金标准低于周边同类房屋，且多年不变", "约定租金每三年递增不低于5%"},
		{"内容合法性", "中", "转租条款", "未约定转租限制", "增加“未经甲方书面同意，乙方不得转租、转借”"},
		{"集体资产保护", "低", "房屋返还条款", "未约定期满返还房屋时的状态", "约定房屋按交付时状态返还，乙方装修不得要求补偿"},
	},
	"集体资产发包": {
		{"集体资产保护", "高", "承包费条款", "承包费一次约定到期，未约定调整机制", "增加承包费每五年按市场价格协商调整的条款"},
		{"履行期限", "高", "承包期限条款", "承包期限超过村民代表会议决议确定的期限", "按决议调整承包期限"},
		{"内容合法性", "中", "林木采伐条款", "未约定护林防火责任和林木采伐须依法报批", "明确乙方承担护林防火责任，采伐须依法办理采伐许可"},
	},
	"采购": {
		{"内容合法性", "中", "标的条款", "产品规格型号和质量标准不明确", "附产品清单，写明品牌、型号、技术参数和质保期"},
		{"价款与支付", "中", "验收付款条款", "未约定验收程序，货款在验收前付清", "约定到货后由村务监督委员会参与验收，验收合格后付款"},
	},
	"服务": {
		{"内容合法性", "中", "服务标准条款", "服务标准和考核办法不具体", "附服务标准和月度考核表，考核结果与服务费挂钩"},
		{"违约责任", "低", "人员安全条款", "未约定服务人员的人身安全责任", "明确服务人员的人身安全和工伤保险由乙方负责"},
	},
}

// findings said of an item found in order, by item.
var fineFindings = map[string][]string{
	"主体资格":   {"乙方营业执照在有效期内，经营范围与合同内容相符", "乙方主体适格，法定代表人身份证明已附"},
	"内容合法性":  {"合同内容不违反法律、行政法规的强制性规定"},
	"价款与支付":  {"价款明确，支付方式和期限清楚"},
	"履行期限":   {"履行期限明确"},
	"违约责任":   {"违约责任约定明确"},
	"争议解决":   {"约定由城步苗族自治县人民法院管辖"},
	"集体资产保护": {"价款不低于同类资产的市场价格", "未发现损害集体利益的条款"},
}

// refusals are why an adviser does not agree to a kind of contract: the risk that decides it, and
// the reasons.
var refusals = map[string]struct {
	risk   riskTemplate
	reason string
}{
	"土地流转": {riskTemplate{"主体资格", "高", "乙方主体", "乙方成立不足三个月，注册资本和经营能力不足以履行长期流转合同", "另行选择有经营能力的流转方，或要求乙方提供履约担保"},
		"乙方履约能力不足，流转期限长，存在集体和承包农户利益受损的风险，不同意签订。"},
	"工程承包": {riskTemplate{"主体资格", "高", "承包人资质", "乙方不具备相应的施工资质，未提供安全生产许可证", "另行选择具备相应资质的施工单位"},
		"乙方不具备相应的施工资质，合同价款未经预算审核，存在质量和安全风险，不同意签订。"},
	"集体资产租赁": {riskTemplate{"集体资产保护", "高", "租金条款", "租金明显低于市场价格，租期长且没有调整机制", "经评估或公开竞价确定租金，并约定定期调整"},
		"租金明显低于市场价格，存在集体资产流失风险，不同意签订。"},
	"集体资产发包": {riskTemplate{"集体资产保护", "高", "承包费条款", "承包费明显偏低且一次约定到期，未经公开竞价", "经资产评估后公开竞价发包，并约定承包费定期调整"},
		"承包费过低、期限过长，存在集体资产流失风险，不同意签订。"},
	"采购": {riskTemplate{"价款与支付", "高", "价款条款", "未经询价比价，采购价格明显高于市场价格", "按规定询价比价后重新确定供应商和价格"},
		"采购价格明显高于市场价格，不同意签订。"},
	"服务": {riskTemplate{"价款与支付", "高", "服务费条款", "服务费在签订后一次付清，服务质量无从考核", "按月或按季考核后支付服务费"},
		"服务内容和标准不明确，服务费一次付清，村集体无法考核，不同意签订。"},
}

// missingFor are what a request may lack, by type.
var missingFor = map[string][]string{
	"土地流转":   {"未附流转土地清单和承包农户的书面委托书", "未附乙方营业执照复印件和法定代表人身份证明"},
	"工程承包":   {"未附工程预算书和施工图纸", "未附乙方施工资质证书复印件"},
	"集体资产租赁": {"未附租赁房屋的产权证明和资产评估报告", "未附乙方营业执照复印件"},
	"集体资产发包": {"未附发包资产的四至图和资产评估报告", "未附公开招标（竞价）的过程材料"},
	"采购":     {"未附产品报价单和三家以上的比价记录", "未附产品清单和技术参数"},
	"服务":     {"未附服务方案和服务标准", "未附乙方营业执照复印件"},
}

var (
	abandonAfterNo = []string{"乙方不同意按审查意见修改合同，村两委研究决定不再签订", "经村两委会议研究，另行公开选择合作方",
		"乙方无法补充履约担保，村委会决定不再签订"}
	abandonOther = []string{"乙方撤回合作意向", "上级项目资金未落实，项目暂缓实施", "经村两委会议研究，项目暂缓实施",
		"村委会未能在期限内补齐材料，改为明年重新申报"}
	overrideNo = []string{"乙方已补充提供履约保证金，经村两委会议研究决定签订，风险由村两委共同承担",
		"该项目为乡人民政府统一协调的产业项目，经乡人民政府同意签订"}
	overrideNoProcedure = map[string]string{
		"土地流转":   "乙方须在下一季种植前整地；村民代表会议定于下月召开补充表决，经村两委研究先行签订",
		"集体资产发包": "乙方须在造林季节前整地育苗；村民代表会议定于下月召开补充表决，经村两委研究先行签订",
		"工程承包":   "工程已列入上级年度计划，须按期开工，经乡人民政府同意先行签订，事后提请村民代表会议追认",
		"集体资产租赁": "乙方急需用房，经村两委研究先行签订，事后提请村民代表会议追认",
		"采购":     "设备须在上级验收前安装到位，经村两委研究先行签订，事后提请村民代表会议追认",
		"服务":     "原服务合同已到期，为不中断服务，经村两委研究先行签订，事后提请村民代表会议追认",
	}
	// why a major contract needs no vote of the 村民代表会议
	noResolutionWhy = map[string]string{
		"土地流转": "流转土地为承包农户自愿委托村委会统一流转，已取得全部承包农户的书面委托书",
		"工程承包": "该工程为县级下达的项目，资金全部由上级补助，按上级项目程序公开招标确定施工单位",
		"采购":   "属乡人民政府统一组织的政府采购项目，村委会仅作为使用单位签订",
		"服务":   "属乡人民政府统一招标确定的服务项目，村委会仅作为服务对象签订",
	}
	reservations = []string{"本意见仅依据送审材料作出，送审材料的真实性由送审单位负责。",
		"本意见仅供村（居）民委员会决策参考，合同签订后如有变更，请重新送审。", ""}
)

// decisionText is the decision of a 村民代表会议 that approves a contract, and its agenda item.
func decisionText(c *contractPlan) (item, text string) {
	what := c.kind.what
	if strings.Contains(what, "%d") {
		what = fmt.Sprintf(what, c.quantity)
	}
	title := c.kind.title
	if strings.Contains(title, "%s") {
		title = fmt.Sprintf(title, c.where)
	}
	item = "审议" + strings.TrimSuffix(strings.TrimSuffix(title, "施工合同"), "合同") + "方案"
	cp := c.terms.counterparty
	switch c.in.Type {
	case "土地流转", "集体资产发包":
		text = fmt.Sprintf("同意将%s%s交由%s经营，期限%d年，由村委会签订合同", c.where, what, cp, c.years)
	case "集体资产租赁":
		text = fmt.Sprintf("同意%s，租期%d年，由村委会与%s签订租赁合同", what, c.years, cp)
	case "工程承包":
		text = fmt.Sprintf("同意实施%s%s，由村委会与%s签订施工合同", c.where, what, cp)
	case "采购":
		text = fmt.Sprintf("同意%s%s，由村委会与%s签订采购合同", c.where, what, cp)
	default:
		text = fmt.Sprintf("同意购买%s%s，由村委会与%s签订服务合同", c.where, what, cp)
	}
	return item, text
}
