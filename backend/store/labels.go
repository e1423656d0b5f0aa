package store

import (
	"context"
	"fmt"
	"strings"
)

// Label is the Chinese name of a table, of its columns, and the column that names one of its rows
// (for the audit log's one-line summary: 新增 居民：张三).
type Label struct {
	Table   string
	Columns map[string]string
	NameCol string // "" when a row has no name worth showing
	// NameSQL, when set, names a row in the audit log instead of NameCol: an expression over its
	// columns, as a case is named by its number before its 反映事项 (two cases may ask the same).
	NameSQL string
}

// systemLabels name the columns every shared table has.
var systemLabels = map[string]string{
	"id": "编号", "created_at": "创建时间", "updated_at": "修改时间", "deleted_at": "删除时间",
	"site_id": "单位标识", "operator": "操作员",
}

// labels name every table and column of the schema (TestEveryColumnHasALabel walks the migrated
// schema and fails on any it does not find: a migration that adds a table or column adds its labels
// here).
var labels = map[string]Label{
	"schema_migrations": {Table: "结构版本记录", Columns: map[string]string{
		"version": "版本", "name": "名称", "applied_at": "升级时间", "app_version": "程序版本"}},
	"site": {Table: "本单位标识", Columns: map[string]string{
		"id": "序号", "site_id": "单位标识", "office_id": "单位", "created_at": "创建时间"}},
	"sites":     {Table: "单位编号", Columns: map[string]string{"site_no": "本机编号", "site_id": "单位标识"}},
	"hlc_state": {Table: "时钟", Columns: map[string]string{"id": "序号", "last": "最近时间戳"}},
	"field_versions": {Table: "字段版本", Columns: map[string]string{
		"tbl_no": "表", "row_id": "记录", "field": "字段", "hlc": "时间戳", "site_no": "单位"}},
	"audit_log": {Table: "操作记录", Columns: map[string]string{
		"seq": "序号", "hlc": "时间戳", "lag_ms": "时钟差（毫秒）", "site_no": "单位", "op_no": "操作员",
		"action": "操作", "tbl_no": "表", "row_id": "记录", "fields_no": "字段"}},
	"audit_fields":    {Table: "操作字段", Columns: map[string]string{"fields_no": "序号", "fields": "字段"}},
	"history_tables":  {Table: "表编号", Columns: map[string]string{"tbl_no": "编号", "tbl": "表"}},
	"audit_operators": {Table: "操作员编号", Columns: map[string]string{"op_no": "编号", "operator": "操作员"}},
	"local_settings":  {Table: "本机设置", Columns: map[string]string{"key": "设置项", "value": "值"}},
	"exchange_seen":   {Table: "已收到的版本", Columns: map[string]string{"site_no": "单位", "hlc": "时间戳"}},
	"exchange_peers": {Table: "交换单位", NameCol: "name", Columns: map[string]string{
		"site_id": "单位标识", "name": "名称", "short_name": "简称", "public_key": "公钥", "seen": "对方已有的版本",
		"added_at": "添加时间", "removed_at": "移除时间"}},
	"exchange_bundles": {Table: "已导入的数据包", Columns: map[string]string{
		"bundle_id": "数据包", "sender": "发送单位", "created_at": "生成时间", "imported_at": "导入时间",
		"operator": "操作员", "rows": "记录数", "changed": "改动记录数", "conflicts": "冲突数",
		"undone_at": "撤销时间", "undone_by": "撤销人"}},
	"exchange_restore": {Table: "导入的恢复点", Columns: map[string]string{
		"bundle_id": "数据包", "sender": "发送单位", "mark": "导入后的时间戳", "seen": "导入前已收到的版本",
		"peer_seen": "导入前对方已有的版本", "held": "导入前暂缓合并的记录", "conflicts_above": "导入前最后的冲突序号",
		"settled": "导入时处理的冲突"}},
	"exchange_restore_rows": {Table: "导入前的记录", Columns: map[string]string{
		"tbl": "表", "row_id": "记录", "before": "导入前的内容"}},
	"exchange_conflicts": {Table: "数据冲突", Columns: map[string]string{
		"id": "序号", "tbl": "表", "row_id": "记录", "field": "字段", "kept": "保留的一方",
		"local_value": "本单位的值", "local_hlc": "本单位的时间戳", "local_site": "本单位标识",
		"incoming_value": "对方的值", "incoming_hlc": "对方的时间戳", "incoming_site": "对方单位标识",
		"bundle_id": "数据包", "found_at": "发现时间", "settled_at": "处理时间", "settled_by": "处理人", "choice": "处理结果"}},
	"exchange_quarantine": {Table: "暂缓合并的记录", Columns: map[string]string{
		"id": "序号", "tbl": "表", "row_id": "记录", "reason": "原因", "ahead_hlc": "时间戳", "ahead_site": "时间戳的单位", "version": "记录内容",
		"digest": "摘要", "sender_seen": "发送单位已有的版本", "raise_to": "合并后已有的版本",
		"bundle_id": "数据包", "found_at": "发现时间"}},
	"offices": {Table: "单位", NameCol: "name", Columns: map[string]string{
		"office_site": "单位标识", "name": "名称", "kind": "类型", "short_name": "简称"}},
	"villages": {Table: "村（社区）", NameCol: "name", Columns: map[string]string{
		"name": "名称", "kind": "类型", "sort_key": "排序拼音", "notes": "备注"}},
	"pieces": {Table: "片", NameCol: "name", Columns: map[string]string{
		"village_id": "所属村", "name": "名称", "seq": "顺序"}},
	"groups": {Table: "组", NameCol: "name", Columns: map[string]string{
		"piece_id": "所属片", "name": "名称", "seq": "顺序"}},
	"neighbourhoods": {Table: "邻", NameCol: "name", Columns: map[string]string{
		"group_id": "所属组", "name": "名称", "seq": "顺序"}},
	// (a household is known by its head, then where it lives: 龙大海户（桃林村一组12号）)
	"households": {Table: "户", NameCol: "address", NameSQL: `coalesce((SELECT r.name || '户' FROM residents r
		WHERE r.household_id = households.id AND r.relation = '户主' AND r.deleted_at IS NULL LIMIT 1), '') ||
		CASE WHEN address = '' THEN '' WHEN EXISTS (SELECT 1 FROM residents r WHERE r.household_id = households.id
		AND r.relation = '户主' AND r.deleted_at IS NULL) THEN '（' || address || '）' ELSE address END`, Columns: map[string]string{
		"neighbourhood_id": "所属邻", "village_id": "所属村", "code": "户编号", "address": "住址",
		"phone": "联系电话", "tags": "重点户类别", "is_key": "重点户", "notes": "备注"}},
	"residents": {Table: "居民", NameCol: "name", Columns: map[string]string{
		"household_id": "所属户", "name": "姓名", "name_pinyin": "姓名拼音", "name_initials": "拼音首字母",
		"relation": "与户主关系", "id_number": "身份证号", "id_rev": "身份证号（倒序）", "sex": "性别",
		"birth_date": "出生日期", "ethnicity": "民族", "phone": "电话", "phone_rev": "电话（倒序）",
		"party_member": "党员", "notes": "备注", "status": "人口状态", "status_date": "迁出或死亡日期",
		"status_note": "去向或说明"}},
	"leaders": {Table: "干部任职", NameCol: "person_name", Columns: map[string]string{
		"role": "职务", "scope_table": "任职范围类型", "scope_id": "任职范围", "resident_id": "居民",
		"person_name": "姓名", "phone": "电话", "title": "具体职务", "term_start": "任期开始", "term_end": "任期结束"}},
	"visits": {Table: "走访记录", NameCol: "visitor_name", Columns: map[string]string{
		"household_id": "走访户", "leader_id": "走访人职务", "visitor_name": "走访人", "visit_date": "走访日期",
		"form": "走访形式", "findings": "走访情况", "follow_up": "后续跟进", "withdraw_reason": "撤回原因"}},
	"documents": {Table: "公文", NameCol: "number", Columns: map[string]string{
		"number": "存档号", "kind": "类别", "title": "标题", "doc_date": "成文日期", "sha256": "校验值",
		"input": "内容", "pdf": "PDF 文件", "pages": "页数", "issuer": "发文人", "issued_at": "发文时间",
		"replaces": "更正的公文", "source_table": "所属记录类型", "source_id": "所属记录", "draft_id": "草稿编号",
		"voided_at": "作废时间", "void_reason": "作废原因", "voided_by": "作废人"}},
	"household_cadence": {Table: "走访周期（派生）", Columns: map[string]string{
		"household_id": "户", "neighbourhood_id": "所属邻", "village_id": "所属村", "is_key": "重点户",
		"created_at": "登记时间", "last_visit": "最近走访日期"}},
	"cadence_buckets": {Table: "走访周期计数（派生）", Columns: map[string]string{
		"neighbourhood_id": "所属邻", "is_key": "重点户", "bucket": "最近走访或登记的时段", "village_id": "所属村",
		"households": "户数"}},
	"village_counts": {Table: "各村户数人数（派生）", Columns: map[string]string{
		"village_id": "村", "households": "户数", "residents": "在册人数"}},
	"case_month_kinds": {Table: "民情月度分类统计（派生）", Columns: map[string]string{
		"month": "登记月份", "state": "状态", "category": "类别", "source": "来源", "cases": "件数", "resolved": "办结数",
		"in_village": "村内化解数", "on_time": "按期办结数", "followed_up": "回访数", "satisfied": "满意数"}},
	"case_month_villages": {Table: "民情月度各村统计（派生）", Columns: map[string]string{
		"month": "登记月份", "village_id": "村", "cases": "件数", "resolved": "办结数", "in_village": "村内化解数"}},
	"cases": {Table: "民情案件", NameCol: "summary", NameSQL: "number || ' ' || summary", Columns: map[string]string{
		"number": "案件编号", "source": "来源", "category": "类别", "urgency": "紧急程度", "summary": "反映事项",
		"description": "具体情况", "location": "地点", "village_id": "所属村", "household_id": "所涉户",
		"resident_id": "反映人", "person_name": "反映人姓名", "person_phone": "反映人电话", "visit_id": "来源走访",
		"state": "状态", "level": "办理层级", "handler": "责任人", "registered_on": "登记日期", "limit_days": "办理时限（工作日）",
		"deadline": "办理期限", "resolved_on": "办结日期", "resolved_level": "化解层级", "satisfaction": "满意度",
		"ledger_no": "台账编号", "ledger_key": "台账行标识", "mediation": "调解结果", "mediation_to": "转交单位",
		"meeting_id": "来源会议"}},
	"meetings": {Table: "会议", NameCol: "title", Columns: map[string]string{
		"village_id": "村", "kind": "会议类型", "title": "会议名称", "held_on": "会议日期", "start_time": "开始时间",
		"end_time": "结束时间", "place": "地点", "host": "主持人", "recorder": "记录人", "state": "状态",
		"record": "会议记录", "opinion": "会议认为", "cancel_reason": "取消原因", "finalised_on": "定稿日期",
		"finalised_by": "定稿人", "issue_no": "纪要期号"}},
	"meeting_members": {Table: "参会人员", NameCol: "name", Columns: map[string]string{
		"meeting_id": "会议", "resident_id": "居民", "name": "姓名", "role": "身份", "voting": "有表决权",
		"attendance": "出席情况", "reason": "请假原因", "arrived": "迟到时间", "left_early": "早退时间", "position": "顺序"}},
	"meeting_items": {Table: "会议议题", NameCol: "title", Columns: map[string]string{
		"meeting_id": "会议", "position": "顺序", "title": "议题", "case_id": "民情案件", "resolution_id": "跟进的决定",
		"note": "讨论情况"}},
	"meeting_resolutions": {Table: "会议决定", NameCol: "text", Columns: map[string]string{
		"meeting_id": "会议", "item_id": "议题", "position": "顺序", "text": "决定事项", "voted": "经表决",
		"votes_for": "同意票", "votes_against": "反对票", "votes_abstain": "弃权票", "recused": "回避人员",
		"passed": "通过", "handler": "落实人", "due_on": "落实期限", "done_on": "落实日期", "done_note": "落实情况"}},
	"meeting_case_links": {Table: "会议决定涉及的民情", Columns: map[string]string{
		"resolution_id": "会议决定", "meeting_id": "会议", "case_id": "民情案件", "action": "处理方式"}},
	"meeting_addenda": {Table: "会议记录补充", Columns: map[string]string{
		"meeting_id": "会议", "on_date": "补充日期", "text": "补充内容"}},
	"rep_reviews": {Table: "代表履职评议", NameCol: "grade", Columns: map[string]string{
		"resident_id": "代表", "village_id": "村", "year": "年度", "grade": "评议等次", "reasons": "评议理由",
		"meeting_id": "评议会议", "reviewed_on": "评议日期"}},
	"legal_advisers": {Table: "法律顾问", NameCol: "name", Columns: map[string]string{
		"name": "姓名", "firm": "执业机构", "licence_no": "执业证号", "phone": "联系电话", "notes": "备注"}},
	"adviser_villages": {Table: "法律顾问服务的村", Columns: map[string]string{
		"adviser_id": "法律顾问", "village_id": "村", "since": "服务起始日", "until": "服务截止日", "leader_id": "网格职务"}},
	"contract_requests": {Table: "合同审查申请", NameCol: "title", Columns: map[string]string{
		"number": "审查编号", "village_id": "村", "title": "合同名称", "type": "合同类型", "state": "状态",
		"adviser_id": "法律顾问", "submitted_by": "送审人", "submitted_on": "送审日期", "review_days": "审查时限（工作日）",
		"deadline": "审查期限", "major": "重大合同", "resolution_id": "村民代表会议决定", "no_resolution": "无需表决的理由",
		"version": "当前版本", "missing": "需补充的材料", "signed_on": "签订日期", "override_reason": "越过意见签订的理由",
		"closed_reason": "放弃理由"}},
	"contract_versions": {Table: "合同版本", NameCol: "counterparty", Columns: map[string]string{
		"request_id": "合同审查申请", "version": "版本", "submitted_on": "送审日期", "counterparty": "合同相对方",
		"credit_code": "统一社会信用代码", "representative": "法定代表人", "amount_fen": "合同金额（分）",
		"term_start": "履行期限起", "term_end": "履行期限止", "renewal": "续约条款", "notice_days": "续约通知期（日）",
		"payments": "付款计划", "change_note": "修改说明"}},
	"contract_reviews": {Table: "合同审查意见", NameCol: "conclusion", Columns: map[string]string{
		"request_id": "合同审查申请", "version_id": "合同版本", "version": "版本", "adviser_id": "法律顾问",
		"adviser_name": "法律顾问姓名", "checklist": "审查清单", "conclusion": "审查结论", "reasons": "结论理由",
		"reservations": "保留意见", "issued_on": "出具日期"}},
	"contract_risks": {Table: "合同风险点", NameCol: "problem", Columns: map[string]string{
		"request_id": "合同审查申请", "review_id": "审查意见", "position": "顺序", "level": "风险等级", "clause": "条款",
		"problem": "存在问题", "revision": "修改意见", "addressed_in": "已在第几版修改", "addressed_note": "修改情况"}},
	"contract_events": {Table: "合同审查记录", NameCol: "action", Columns: map[string]string{
		"request_id": "合同审查申请", "at": "时间", "on_date": "日期", "action": "操作", "from_state": "原状态",
		"to_state": "新状态", "version": "版本", "note": "说明"}},
	"point_rules": {Table: "积分规则", NameCol: "activity", Columns: map[string]string{
		"village_id": "村", "activity": "积分事项", "category": "类别", "points": "分值", "unit": "计分单位", "active": "启用"}},
	"point_goods": {Table: "道德超市商品", NameCol: "name", Columns: map[string]string{
		"village_id": "村", "name": "商品名称", "unit": "单位", "price": "兑换积分", "stock": "库存"}},
	"point_entries": {Table: "积分记录", NameCol: "activity", Columns: map[string]string{
		"household_id": "户", "village_id": "村", "on_date": "日期", "kind": "类型", "rule_id": "积分规则", "goods_id": "商品",
		"activity": "事项", "quantity": "数量", "points": "积分", "reason": "理由", "approver": "审核人", "withdrawn": "撤销理由",
		"clerk": "经办人"}},
	"selection_campaigns": {Table: "评选活动", NameCol: "title", Columns: map[string]string{
		"kind": "评选类别", "year": "年度", "title": "活动名称", "village_id": "评选范围", "quota": "名额", "basis": "评选依据",
		"vetoes": "一票否决项", "min_points": "积分门槛", "nominate_until": "推荐截止日", "review_until": "初审截止日",
		"score_until": "评议截止日", "notice_days": "公示期（工作日）", "notice_start": "公示开始日", "notice_end": "公示截止日", "posted_on": "公示张贴日",
		"phase": "阶段", "decided_on": "审定日期"}},
	"selection_criteria": {Table: "评选标准", NameCol: "name", Columns: map[string]string{
		"campaign_id": "评选活动", "position": "顺序", "name": "标准", "weight": "分值"}},
	"selection_nominations": {Table: "评选推荐", NameCol: "name", Columns: map[string]string{
		"campaign_id": "评选活动", "household_id": "户", "resident_id": "居民", "name": "被推荐对象", "village_id": "村",
		"recommender": "推荐方式", "recommended_by": "推荐人", "deeds": "主要事迹", "review": "初审结果", "review_reason": "初审理由",
		"veto": "一票否决", "removed": "取消资格理由"}},
	"selection_panel": {Table: "评议小组", NameCol: "name", Columns: map[string]string{
		"campaign_id": "评选活动", "resident_id": "居民", "name": "姓名", "role": "身份"}},
	"selection_recusals": {Table: "评议回避", Columns: map[string]string{
		"campaign_id": "评选活动", "member_id": "评议成员", "nomination_id": "被推荐对象", "reason": "回避理由", "auto": "自动回避"}},
	"selection_scores": {Table: "评议打分", Columns: map[string]string{
		"campaign_id": "评选活动", "member_id": "评议成员", "nomination_id": "被推荐对象", "criterion_id": "标准", "score": "得分"}},
	"selection_objections": {Table: "公示异议", NameCol: "by_whom", Columns: map[string]string{
		"campaign_id": "评选活动", "nomination_id": "被推荐对象", "by_whom": "反映人", "received_on": "收到日期", "content": "反映内容",
		"verification": "核实情况", "result": "核实结果", "decided_on": "处理日期"}},
	"honours": {Table: "荣誉", NameCol: "title", Columns: map[string]string{
		"household_id": "户", "resident_id": "居民", "campaign_id": "评选活动", "title": "荣誉称号", "year": "年度",
		"certificate": "证书编号", "awarded_on": "授予日期"}},
	"holidays": {Table: "节假日安排", NameCol: "name", Columns: map[string]string{
		"year": "年度", "name": "节日", "first_day": "放假起始日", "last_day": "放假截止日", "work_days": "调休上班日"}},
	"case_events": {Table: "案件办理记录", NameCol: "action", Columns: map[string]string{
		"case_id": "案件", "at": "记录时间", "on_date": "日期", "action": "事项", "from_state": "原状态", "to_state": "新状态",
		"level": "办理层级", "handler": "责任人", "deadline": "办理期限", "note": "说明"}},
	// The full-text index of cases (migration 0015) and the tables FTS5 keeps it in.
	"case_search_keys": {Table: "民情全文索引编号（派生）", Columns: map[string]string{"k": "索引编号", "case_id": "案件",
		"number": "案件编号", "registered_on": "登记日期", "state": "状态", "category": "类别", "source": "来源", "level": "办理层级",
		"handler": "责任人", "village_id": "所属村", "deadline": "办理期限", "resolved_on": "办结日期", "summary": "反映事项"}},
	"case_search":         {Table: "民情全文索引（派生）", Columns: map[string]string{"body": "案件文字"}},
	"case_search_data":    {Table: "民情全文索引数据（派生）", Columns: map[string]string{"id": "块号", "block": "数据块"}},
	"case_search_idx":     {Table: "民情全文索引目录（派生）", Columns: map[string]string{"segid": "段号", "term": "词", "pgno": "页号"}},
	"case_search_config":  {Table: "民情全文索引设置（派生）", Columns: map[string]string{"k": "设置项", "v": "值"}},
	"case_search_docsize": {Table: "民情全文索引长度（派生）", Columns: map[string]string{"id": "索引编号", "sz": "长度", "origin": "来源"}},
	"case_search_vocab":   {Table: "民情全文索引词表（派生）", Columns: map[string]string{"term": "词", "doc": "案件数", "cnt": "出现次数"}},
	"case_parties": {Table: "民情当事人", NameCol: "name", Columns: map[string]string{
		"case_id": "案件", "role": "身份", "resident_id": "居民", "household_id": "所在户", "name": "姓名",
		"phone": "电话", "note": "说明"}},
	"attachments": {Table: "附件", NameCol: "name", Columns: map[string]string{
		"owner_table": "所属记录类型", "owner_id": "所属记录", "sha256": "校验值", "name": "文件名", "mime": "文件类型",
		"size": "大小（字节）", "note": "说明"}},
	"person_decisions": {Table: "重复人员处理", Columns: map[string]string{
		"id_number": "身份证号", "resident_ids": "涉及居民", "decision": "处理结果", "kept_id": "保留的记录", "note": "说明"}},
}

// settingLabels name the local settings (audit entries of action setting name the key as field).
var settingLabels = map[string]string{
	"operator":          "操作员",
	"docs.font.title":   "公文字体（标题）",
	"docs.font.fang":    "公文字体（仿宋）",
	"docs.font.hei":     "公文字体（黑体）",
	"docs.font.kai":     "公文字体（楷体）",
	"exchange_identity": "数据交换密钥",
	"exchange_folder":   "交换文件夹",
}

// actionLabels name the actions of the audit log.
var actionLabels = map[string]string{
	"insert": "新增", "update": "修改", "delete": "删除", "setting": "设置", "view": "查看",
}

// TableLabel returns the Chinese name of a table; ok is false (and the name is the table's own)
// when it has none.
func TableLabel(table string) (string, bool) {
	if l, ok := labels[table]; ok && l.Table != "" {
		return l.Table, true
	}
	return table, false
}

// ColumnLabel returns the Chinese name of a column of a table; ok is false (and the name is the
// column's own) when it has none. The system columns of shared tables share their names.
func ColumnLabel(table, column string) (string, bool) {
	if table == "local_settings" {
		if s, ok := settingLabels[column]; ok {
			return s, true
		}
	}
	if l, ok := labels[table]; ok {
		if s, ok := l.Columns[column]; ok {
			return s, true
		}
	}
	if s, ok := systemLabels[column]; ok && table != "local_settings" {
		return s, true
	}
	return column, false
}

// describe fills in the Chinese labels and the one-line summary of an entry; name is the name of the
// row it concerns ("" when unknown).
func describe(e *AuditEntry, name string) {
	e.ActionLabel = actionLabels[e.Action]
	if e.ActionLabel == "" {
		e.ActionLabel = e.Action
	}
	e.TableLabel, _ = TableLabel(e.Table)
	e.FieldLabels = make([]string, len(e.Fields))
	for i, f := range e.Fields {
		e.FieldLabels[i], _ = ColumnLabel(e.Table, f)
	}
	fields := listLabels(e.FieldLabels)
	switch {
	case e.Action == "setting":
		e.Summary = "修改设置：" + fields
	case e.Action == "insert" && name != "":
		e.Summary = fmt.Sprintf("新增 %s：%s", e.TableLabel, name)
	case e.Action == "insert":
		e.Summary = fmt.Sprintf("新增 %s（%d 项）", e.TableLabel, len(e.Fields))
	case e.Action == "delete":
		e.Summary = strings.TrimSuffix(fmt.Sprintf("删除 %s：%s", e.TableLabel, name), "：")
	case e.Action == "update" && len(e.Fields) == 1 && e.Fields[0] == "deleted_at":
		// Tx.Restore: a deleted row brought back.
		e.ActionLabel = "恢复"
		e.Summary = strings.TrimSuffix(fmt.Sprintf("恢复 %s：%s", e.TableLabel, name), "：")
	case e.Action == "view":
		e.Summary = fmt.Sprintf("查看 %s%s 的%s", e.TableLabel, prefixed(" ", name), fields)
	default:
		e.Summary = fmt.Sprintf("%s %s%s：%s", e.ActionLabel, e.TableLabel, prefixed(" ", name), fields)
	}
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

// listLabels joins labels with 、, at most five of them (then 等 N 项).
func listLabels(ls []string) string {
	if len(ls) <= 5 {
		return strings.Join(ls, "、")
	}
	return fmt.Sprintf("%s等 %d 项", strings.Join(ls[:5], "、"), len(ls))
}

// rowName returns the name of a row for an audit summary (its table's NameCol), "" when it has none
// or the row cannot be read.
func (db *DB) rowName(ctx context.Context, table, id string) string {
	l, ok := labels[table]
	if !ok || l.NameCol == "" {
		return ""
	}
	if _, shared := db.tables[table]; !shared {
		return ""
	}
	var name string
	expr := l.NameCol
	if l.NameSQL != "" {
		expr = l.NameSQL
	}
	q := fmt.Sprintf(`SELECT %s FROM %s WHERE id = ?`, expr, table)
	if err := db.ro.QueryRowContext(ctx, q, id).Scan(&name); err != nil {
		return ""
	}
	return name
}
