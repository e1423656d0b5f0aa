import { describe, expect, it } from 'vitest'
import { actionOf, describeEntry, fieldsOf, objectOf } from './audit'
import type { AuditEntry } from '../api/settings'

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  seq: 1, at: '', hlc: '', siteId: '', operator: '杨明', action: 'update', table: 'offices', rowId: 'x', fields: ['name'],
  actionLabel: '修改', tableLabel: '单位', fieldLabels: ['名称'], summary: '修改 单位 丹口镇：名称', ...e,
})

describe('audit entries', () => {
  it('shows the summary and labels the backend sends', () => {
    expect(describeEntry(entry({}))).toBe('修改 单位 丹口镇：名称')
    expect(actionOf(entry({ action: 'view', actionLabel: '查看' }))).toBe('查看')
    expect(objectOf(entry({ table: 'residents', tableLabel: '居民' }))).toBe('居民')
    expect(fieldsOf(entry({ fields: ['id_number', 'phone'], fieldLabels: ['身份证号', '电话'] }))).toBe('身份证号、电话')
  })

  it('falls back to the raw names when an entry comes without labels', () => {
    const bare = entry({ table: 'meetings', fields: ['foo'], actionLabel: '', tableLabel: '', fieldLabels: [], summary: '' })
    expect(describeEntry(bare)).toBe('update meetings：foo')
  })
})
