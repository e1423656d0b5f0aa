import type { AuditEntry } from '../api/settings'

type Translate = (key: string) => string

// label translates key, or gives fallback when there is no translation.
function label(t: Translate, key: string, fallback: string): string {
  const s = t(key)
  return s === key ? fallback : s
}

// describeEntry says in Chinese what an audit entry did: 修改 单位：名称.
export function describeEntry(e: AuditEntry, t: Translate): string {
  const action = label(t, `audit.actions.${e.action}`, e.action)
  return `${action} ${objectOf(e, t)}：${fieldsOf(e, t)}`
}

export function objectOf(e: AuditEntry, t: Translate): string {
  return label(t, `audit.tables.${e.table}`, e.table)
}

export function fieldsOf(e: AuditEntry, t: Translate): string {
  return e.fields.map((f) => label(t, `audit.fields.${f}`, f)).join('、')
}
