import { describe, expect, it } from 'vitest'
import zh from '../langs/zh-cn.json'
import { describeEntry } from './audit'
import type { AuditEntry } from '../api/settings'

// t looks keys up in the real message file, as vue-i18n does.
function t(key: string): string {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], zh)
  return typeof v === 'string' ? v : key
}

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  seq: 1, at: '', hlc: '', siteId: '', operator: '杨明', action: 'update', table: 'offices', rowId: 'x', fields: ['name'], ...e,
})

describe('describeEntry', () => {
  it('says what an entry did in Chinese', () => {
    expect(describeEntry(entry({}), t)).toBe('修改 单位：名称')
    expect(describeEntry(entry({ action: 'setting', table: 'local_settings', fields: ['operator'] }), t)).toBe('设置 本机设置：操作员')
  })

  it('falls back to the raw names it does not know', () => {
    expect(describeEntry(entry({ table: 'meetings', fields: ['foo'] }), t)).toBe('修改 meetings：foo')
  })
})
