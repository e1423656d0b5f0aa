package demo

// The words of the merit shops (道德超市): the rules by which households earn points, what the
// village did on its volunteer days, the goods on the shelves, and the reasons for deductions and
// withdrawals.

// How a rule's credits come about.
const (
	ruleDays      = iota // the village's activity days: the households that took part
	ruleMonthly          // the monthly evaluation: the households judged to deserve it
	ruleRare             // now and then, a household at a time
	ruleFilial           // 孝老爱亲: households with an old member, at the monthly evaluation
	ruleMediation        // 参与调解: on the day a dispute of the village was settled by mediation
)

// ruleSpec is a rule of a merit shop and how often its credits come.
type ruleSpec struct {
	activity, category, unit string
	points                   int
	how                      int
	months                   []int   // the months it happens in; nil for all year
	n                        [2]int  // ruleDays: days a year; ruleRare: credits a year (fewest, most)
	active, occasional       float64 // ruleDays, ruleMonthly: the chance an active or an occasional household takes part
	notes                    []string
}

// commonRules are the rules of every village (an empty village_id), as the township sets them.
var commonRules = []ruleSpec{
	{activity: "志愿服务", category: "志愿服务", unit: "半天", points: 5, how: ruleDays, n: [2]int{20, 32}, active: 0.4, occasional: 0.05},
	{activity: "环境卫生评比", category: "环境卫生", unit: "月", points: 10, how: ruleMonthly, active: 0.5, occasional: 0.1,
		notes: []string{"评为本月清洁户", "房前屋后整洁，评为清洁户", "庭院干净整洁，评为清洁户"}},
	{activity: "孝老爱亲", category: "孝老爱亲", unit: "次", points: 10, how: ruleFilial,
		notes: []string{"长期照料卧病在床的老人", "悉心照顾年迈的父母，邻里称赞", "常年陪护患病的老人", "主动照看独居的邻居老人",
			"照顾年迈的公婆，被邻里推荐", "老人生病住院期间全程陪护"}},
	{activity: "参与调解", category: "参与调解", unit: "次", points: 5, how: ruleMediation},
	{activity: "移风易俗", category: "移风易俗", unit: "次", points: 20, how: ruleRare, n: [2]int{2, 6},
		notes: []string{"婚事新办，不收高额彩礼", "丧事简办，不大操大办", "不办升学宴", "喜事简办，不燃放烟花爆竹",
			"老人寿辰不办酒席", "签订移风易俗承诺书并带头践行"}},
}

// villageRules are rules some villages add of their own; each village takes one to three.
var villageRules = []ruleSpec{
	{activity: "护林防火巡查", category: "志愿服务", unit: "次", points: 5, how: ruleDays, months: []int{1, 2, 3, 4, 10, 11, 12},
		n: [2]int{8, 14}, active: 0.25, occasional: 0.02, notes: []string{"森林防火期巡山", "清明节期间山头防火值守", "护林防火宣传"}},
	{activity: "河道保洁", category: "环境卫生", unit: "次", points: 5, how: ruleDays, n: [2]int{6, 12}, active: 0.3, occasional: 0.03,
		notes: []string{"清理河道漂浮垃圾", "清理河岸杂草和垃圾"}},
	{activity: "平安巡逻", category: "志愿服务", unit: "晚", points: 5, how: ruleDays, n: [2]int{10, 18}, active: 0.2, occasional: 0.02,
		notes: []string{"夜间治安巡逻", "节日期间平安巡逻"}},
	{activity: "防溺水劝导", category: "志愿服务", unit: "次", points: 5, how: ruleDays, months: []int{6, 7, 8}, n: [2]int{5, 9},
		active: 0.25, occasional: 0.03, notes: []string{"暑期河边防溺水巡查劝导", "在危险水域劝离玩水儿童"}},
	{activity: "关爱留守儿童", category: "志愿服务", unit: "次", points: 5, how: ruleDays, n: [2]int{4, 8}, active: 0.2, occasional: 0.02,
		notes: []string{"为留守儿童辅导作业", "陪伴留守儿童过周末", "看望留守儿童并送学习用品"}},
	{activity: "垃圾分类示范户", category: "环境卫生", unit: "月", points: 10, how: ruleMonthly, active: 0.3, occasional: 0.04,
		notes: []string{"垃圾分类投放到位，评为示范户"}},
	{activity: "红白理事会服务", category: "移风易俗", unit: "次", points: 10, how: ruleRare, n: [2]int{3, 8},
		notes: []string{"协助操办简朴婚礼", "协助操办简朴丧事", "劝导村民不大操大办"}},
	{activity: "义务献血", category: "其他", unit: "次", points: 20, how: ruleRare, n: [2]int{1, 4},
		notes: []string{"参加县血站无偿献血"}},
	{activity: "拾金不昧", category: "其他", unit: "次", points: 10, how: ruleRare, n: [2]int{0, 2},
		notes: []string{"拾到钱包交还失主", "拾到手机交还失主"}},
	{activity: "禁毒宣传", category: "其他", unit: "次", points: 5, how: ruleDays, n: [2]int{3, 6}, active: 0.15, occasional: 0.02,
		notes: []string{"参加禁毒宣传活动", "入户发放禁毒宣传资料"}},
}

// idleRules are rules a village set once and has since stopped (停用): none of its credits are in
// the year.
var idleRules = []ruleSpec{
	{activity: "参加农民运动会", category: "其他", unit: "次", points: 5},
	{activity: "燃放烟花爆竹劝导", category: "移风易俗", unit: "次", points: 5},
	{activity: "门前三包", category: "环境卫生", unit: "月", points: 5},
}

// volunteerWork is what a village did on a 志愿服务 day, and in which months (nil: any).
var volunteerWork = []struct {
	text   string
	months []int
}{
	{"清扫村道，清理卫生死角", nil},
	{"疏通水渠", nil},
	{"修补村组道路", nil},
	{"清理河道垃圾", nil},
	{"协助村里开展政策宣传", nil},
	{"植树造林", []int{3, 4}},
	{"清明节护林防火值守", []int{4}},
	{"防汛值守", []int{5, 6, 7}},
	{"灾后清淤", []int{6, 7}},
	{"为缺水户送水", []int{8, 9}},
	{"帮孤寡老人抢收稻谷", []int{9, 10}},
	{"看望敬老院和五保老人", []int{1, 10}},
	{"入冬前帮五保户修缮房屋", []int{11}},
	{"扫雪除冰", []int{1, 2, 12}},
	{"春节前村庄环境整治", []int{1, 2}},
}

// goodsSpec is an article a shop may stock: its unit, its price in points and how often it is
// chosen (weight).
type goodsSpec struct {
	name, unit    string
	price, weight int
}

// coreGoods are on every shop's shelves; otherGoods on some.
var (
	coreGoods = []goodsSpec{
		{"洗衣粉", "袋", 15, 10}, {"食用油", "桶", 60, 6}, {"大米", "袋", 50, 6}, {"毛巾", "条", 10, 8},
		{"牙膏", "支", 10, 9}, {"酱油", "瓶", 10, 8},
	}
	otherGoods = []goodsSpec{
		{"肥皂", "块", 5, 9}, {"牙刷", "支", 4, 6}, {"食醋", "瓶", 8, 5}, {"食盐", "袋", 3, 6}, {"洗洁精", "瓶", 10, 8},
		{"洗发水", "瓶", 25, 5}, {"卫生纸", "提", 20, 8}, {"挂面", "把", 6, 7}, {"白糖", "袋", 8, 4}, {"作业本", "本", 2, 4},
		{"文具套装", "套", 15, 3}, {"书包", "个", 40, 2}, {"雨伞", "把", 25, 3}, {"热水瓶", "个", 30, 2}, {"扫把", "把", 10, 4},
		{"拖把", "把", 15, 3}, {"垃圾桶", "个", 20, 3}, {"保温杯", "个", 35, 2}, {"脸盆", "个", 12, 3}, {"电饭锅", "台", 150, 1},
		{"电风扇", "台", 120, 1},
	}
)

// deductionReasons are why points were taken, with how many.
var deductionReasons = []struct {
	text   string
	points int
}{
	{"乱倒垃圾，经劝导仍未改正", 10},
	{"房前屋后乱堆乱放柴草杂物", 5},
	{"焚烧秸秆", 10},
	{"散养家禽，污染公共道路", 5},
	{"占用村道晾晒稻谷，影响通行", 5},
	{"环境卫生检查不合格，拒不整改", 10},
	{"往河道倾倒垃圾", 20},
	{"操办宴席大操大办", 20},
}

// Why an entry was withdrawn.
var (
	withdrawnCredits     = []string{"登记时记错了户，已改记到实际参加的户", "同一次活动重复登记", "经核实当天未参加"}
	withdrawnRedemptions = []string{"商品包装破损，已退回", "家中已有，商品原样退回", "兑换错了商品，已退回"}
)
