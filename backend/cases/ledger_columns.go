package cases

import (
	"strings"

	"xiangzhi/backend/idcard"
	"xiangzhi/backend/roster/sheet"
)

// The 民情台账: the cases an office keeps in an Excel sheet, one row a case. Its columns are read with
// the roster's rules (backend/roster/sheet): the header is found under title rows, columns by any of
// the names township sheets give them, dates in any form, a 序号 column ignored.

// LedgerColumns are the columns of the ledger, in the order of the template and of exports.
var LedgerColumns = []sheet.Column{
	{Key: "number", Header: "编号", Synonyms: []string{"案件编号", "台账编号", "登记编号", "受理编号", "民情编号", "件号", "单号", "流水号"},
		Text: true, Help: "本台账的编号，可不填；填了的按编号识别是否已导入", Width: 16},
	{Key: "registered_on", Header: "登记日期", Synonyms: []string{"登记时间", "受理时间", "受理日期", "反映时间", "反映日期", "来访时间",
		"来访日期", "走访时间", "走访日期", "收集时间", "发现时间", "日期", "时间"},
		Help: "必填，如 2026-03-05", Width: 12},
	{Key: "source", Header: "来源", Synonyms: []string{"反映渠道", "渠道", "来源渠道", "信息来源", "问题来源", "反映方式", "收集方式"},
		Choices: Sources, Help: "不填按“走访”登记", Width: 10},
	{Key: "category", Header: "问题类别", Synonyms: []string{"类别", "问题类型", "类型", "事项类别", "诉求类别", "问题分类", "分类"},
		Choices: categoryNames(), Help: "必填，从下拉列表中选择", Width: 11},
	{Key: "urgency", Header: "紧急程度", Synonyms: []string{"缓急程度", "缓急", "紧急"}, Choices: Urgencies,
		Help: "不填为“一般”", Width: 9},
	{Key: "person", Header: "反映人", Synonyms: []string{"当事人", "姓名", "反映人姓名", "群众姓名", "来访人", "来访人姓名", "诉求人",
		"申请人", "反映群众"}, Help: "反映人姓名；上级交办的可不填", Width: 10},
	{Key: "parties", Header: "其他当事人", Synonyms: []string{"对方当事人", "被申请人", "被反映人", "相关人员", "涉及人员", "其他人员",
		"共同反映人"}, Help: "矛盾纠纷的对方当事人或一起反映的人，几个人用顿号隔开；可不填", Width: 14},
	{Key: "id_number", Header: "身份证号", Synonyms: []string{"身份证号码", "公民身份号码", "身份证", "证件号码", "身份号码"},
		Text: true, Help: "18位，请以文本格式填写；可不填", Width: 21},
	{Key: "phone", Header: "联系电话", Synonyms: []string{"电话", "手机", "手机号", "手机号码", "电话号码", "联系方式"},
		Text: true, Help: "手机号或座机号，请以文本格式填写", Width: 14},
	{Key: "village", Header: "所属村", Synonyms: []string{"村(社区)", "村（社区）", "村/社区", "村", "村名", "社区", "行政村", "所在村", "村别"},
		Help: "须是本单位已有的村（社区）", Width: 12},
	{Key: "location", Header: "地点", Synonyms: []string{"发生地点", "事发地点", "地址", "住址", "家庭住址", "位置", "所在地"},
		Help: "问题发生的地点，可不填", Width: 18},
	{Key: "summary", Header: "反映事项", Synonyms: []string{"诉求内容", "反映问题", "反映内容", "反映的问题", "民情事项", "主要诉求", "诉求",
		"问题", "事项", "内容", "事由", "反映事由", "简要情况"},
		Help: "必填，一句话写明反映的问题", Width: 30},
	{Key: "description", Header: "具体情况", Synonyms: []string{"情况描述", "详细情况", "问题描述", "基本情况", "情况说明", "详情", "诉求详情",
		"具体内容"}, Help: "详细情况，可不填", Width: 30},
	{Key: "level", Header: "办理层级", Synonyms: []string{"层级", "办理级别", "承办层级", "化解层级"}, Choices: Levels,
		Help: "不填为“村”", Width: 9},
	{Key: "handler", Header: "责任人", Synonyms: []string{"承办人", "办理人", "经办人", "包案领导", "责任领导", "包案责任人", "包联干部",
		"承办单位", "责任单位", "办理单位"}, Help: "承办的干部或单位，可不填", Width: 10},
	{Key: "limit_days", Header: "办理时限", Synonyms: []string{"时限", "办结时限", "承诺时限", "限办天数", "办理时限(工作日)"},
		Help: "工作日数，1 到 365；不填按类别的时限", Width: 10},
	{Key: "deadline", Header: "办理期限", Synonyms: []string{"限办日期", "期限", "截止日期", "要求办结日期", "应办结日期", "办结期限"},
		Help: "如 2026-03-20；填了以此为准，不填按办理时限算", Width: 12},
	{Key: "state", Header: "办理状态", Synonyms: []string{"状态", "处理状态", "办理进度", "进度", "进展", "是否办结"}, Choices: States,
		Help: "不填的：有办结日期为“已办结”，否则为“登记”", Width: 10},
	{Key: "resolved_on", Header: "办结日期", Synonyms: []string{"办结时间", "完成时间", "完成日期", "解决时间", "化解时间", "结案日期",
		"结案时间", "处理时间"}, Help: "已办结的必填", Width: 12},
	{Key: "result", Header: "办理结果", Synonyms: []string{"处理结果", "办理情况", "处理情况", "化解情况", "答复情况", "办结情况", "处理意见",
		"解决情况", "落实情况"}, Help: "办理结果或答复情况", Width: 30},
	{Key: "mediation", Header: "调解结果", Synonyms: []string{"调解情况", "调处结果", "调处情况", "调解结论", "是否调解成功"},
		Help: "已办结的矛盾纠纷填：调解成功、调解不成，或 转交（司法所）；可不填", Width: 16},
	{Key: "satisfaction", Header: "满意度", Synonyms: []string{"群众满意度", "回访结果", "回访情况", "是否满意", "满意情况", "评价"},
		Choices: Satisfactions, Help: "回访结果：满意、基本满意、不满意", Width: 10},
}

// ledgerInstructions are the lines of the template's 说明 sheet.
var ledgerInstructions = []string{
	"民情台账填写说明",
	"1. 在“民情台账”表中从第4行起每行填写一件民情；第1行是表名，第2行是列名，第3行是填写提示，请勿删改。",
	"2. “登记日期”“问题类别”“反映事项”三列必填；反映人除上级交办的外也要填写。",
	"3. 日期可写成 2026-03-05、2026.3.5、2026/3/5 或 2026年3月5日。",
	"4. 身份证号、联系电话、编号已设为文本格式，请不要改成数字格式，否则身份证号后几位会变成0。",
	"5. 填了身份证号的按身份证号对应花名册中的居民；没填的按姓名在所属村中查找，找不到的按未登记人员记录。",
	"6. 来源不填的按“走访”登记；办理层级不填的为“村”；办理时限不填的按问题类别的时限（矛盾纠纷15、民生诉求7、安全隐患3、环境卫生7、政策咨询3、基础设施15、其他7个工作日）。",
	"7. 责任人不在本单位干部名单中的照原样记录，导入后请核实指派。",
	"8. 同一份台账可以重复导入：已导入过的行（编号相同，或登记日期、反映人、反映事项都相同）会跳过，不会重复登记。",
	"9. 导入时有问题的行会列在问题清单里，改正后可以重新导入。",
	"10. 已办结的矛盾纠纷可填“调解结果”：调解成功、调解不成，或 转交（司法所） 这样写明转交的单位；其他类别和未办结的不填。",
	"11. “其他当事人”填矛盾纠纷的对方当事人或一起反映的人，几个人用顿号隔开（如 张三、李四）；“反映人”一格写了几个人的，第一位是反映人，其余的也按其他当事人登记。在所属村中有且只有一位同名居民的，对应到这位居民。",
}

// LedgerLayout is the sheet layout of the 民情台账: its template, its exports and what import reads.
var LedgerLayout = sheet.NewLayout(sheet.Layout{
	Noun: "民情台账", SheetName: "民情台账", Title: "民情台账", Columns: LedgerColumns,
	Required: []string{"registered_on", "category", "summary"}, Anchor: "summary",
	IDKey: "id_number", DateKeys: []string{"registered_on", "deadline", "resolved_on"},
	OpenChoices:  map[string]bool{"source": true, "category": true, "level": true, "state": true, "satisfaction": true},
	Instructions: ledgerInstructions, ExportApplication: "乡治 民情台账导出（纯文本）",
})

// LedgerHeader returns the Chinese header of a ledger column key (整行 for "").
func LedgerHeader(key string) string { return LedgerLayout.Header(key) }

func categoryNames() []string {
	out := make([]string, len(Categories))
	for i, c := range Categories {
		out[i] = c.Name
	}
	return out
}

// The words township sheets write for the values of a column, mapped to ours. A column's own values
// map to themselves.
var (
	stateWords = words(States, map[string][]string{
		StateRegistered: {"已登记", "新登记", "待受理", "未受理"},
		StateAccepted:   {"已受理", "待办理", "待办", "未办理"},
		StateRejected:   {"不受理", "不予处理"},
		StateHandling:   {"处理中", "在办", "正在办理", "正在处理", "办理", "未办结", "未完成", "未解决", "跟进中", "调处中", "协调中", "推进中", "否"},
		StateResolved:   {"办结", "已解决", "解决", "已处理", "已完成", "完成", "已化解", "化解", "已答复", "已办理", "是"},
		StateFollowedUp: {"回访"},
		StateArchived:   {"归档", "结案", "已结案", "销号", "已销号"},
	})
	sourceWords = words(Sources, map[string][]string{
		"走访":   {"入户走访", "上门走访", "走访排查", "排查"},
		"来访":   {"群众来访", "信访", "上访", "来信来访", "来信"},
		"电话":   {"来电", "热线", "热线电话", "电话反映", "12345"},
		"恳谈会":  {"民情恳谈会", "恳谈"},
		"分析会":  {"民情分析会", "分析"},
		"网格员":  {"网格", "网格上报", "网格员上报", "网格员排查"},
		"上级交办": {"交办", "转办", "上级转办"},
	})
	categoryWords = words(categoryNames(), map[string][]string{
		"矛盾纠纷": {"纠纷", "矛盾", "矛盾调解"},
		"民生诉求": {"民生", "诉求"},
		"安全隐患": {"安全", "隐患"},
		"环境卫生": {"环境", "卫生", "环境整治"},
		"政策咨询": {"咨询", "政策"},
		"基础设施": {"设施", "基础设施建设"},
	})
	levelWords = words(Levels, map[string][]string{
		"邻": {"邻级"}, "组": {"组级"}, "片": {"片级"}, "村": {"村级", "社区", "村(社区)"},
		"乡镇": {"乡", "镇", "乡级", "镇级", "乡镇级", "街道"}, "县": {"县级"},
	})
	urgencyWords   = words(Urgencies, map[string][]string{"一般": {"普通"}, "紧急": {"急"}, "特急": {"特别紧急", "十分紧急"}})
	mediationWords = words(Mediations, map[string][]string{
		"调解成功": {"成功", "已调解", "调解达成协议", "达成协议", "达成调解协议", "调处成功", "是"},
		"调解不成": {"不成", "调解不成功", "调解失败", "未达成协议", "调解未成", "调处不成", "否"},
		"转交":   {"移交", "转办", "移送"},
	})
	satisfactionWords = words(Satisfactions, map[string][]string{
		"满意": {"非常满意", "很满意", "是"}, "基本满意": {"较满意", "比较满意"}, "不满意": {"很不满意", "不太满意", "否"},
	})
)

// words maps each of values to itself and each synonym to its value, all as word() gives them.
func words(values []string, synonyms map[string][]string) map[string]string {
	out := map[string]string{}
	for _, v := range values {
		out[word(v)] = v
	}
	for v, ws := range synonyms {
		for _, w := range ws {
			out[word(w)] = v
		}
	}
	return out
}

// word is a cell as compared with known words: full-width made half-width, without spaces.
func word(s string) string { return strings.ReplaceAll(idcard.Normalize(s), " ", "") }
