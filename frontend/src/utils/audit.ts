import type { AuditEntry } from '../api/settings'

// The backend names every action, table and field in Chinese and sums each entry up in one line
// (store/labels.go); these read what it sends, falling back to the raw names for an entry without
// labels.

// describeEntry says in Chinese what an audit entry did: 修改 单位 丹口镇：名称.
export function describeEntry(e: AuditEntry): string {
  return e.summary || `${e.actionLabel || e.action} ${objectOf(e)}：${fieldsOf(e)}`
}

// objectOf names the table an entry concerns: 居民.
export function objectOf(e: AuditEntry): string {
  return e.tableLabel || e.table
}

// fieldsOf lists the fields an entry concerns: 姓名、电话.
export function fieldsOf(e: AuditEntry): string {
  const labels = e.fieldLabels?.length === e.fields.length ? e.fieldLabels : e.fields
  return labels.join('、')
}

// actionOf names what an entry did: 新增, 修改, 删除, 设置, 查看.
export function actionOf(e: AuditEntry): string {
  return e.actionLabel || e.action
}
