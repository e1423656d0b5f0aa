import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Info: vi.fn(),
  SetOfficeName: vi.fn(),
  SetOperator: vi.fn(),
  BackupNow: vi.fn(),
  Backups: vi.fn(),
  Audit: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/SettingsService', () => binding)

import { settingsApi } from './settings'
import { ApiError } from './call'

describe('settingsApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('passes the name to the binding', async () => {
    binding.SetOfficeName.mockResolvedValue(undefined)
    await settingsApi.setOfficeName('丹口镇')
    expect(binding.SetOfficeName).toHaveBeenCalledWith('丹口镇')
  })

  it('turns a field error into an ApiError with the field', async () => {
    binding.SetOperator.mockRejectedValue({ code: 'invalid', message: '操作员姓名不能为空', field: 'operator' })
    const err = await settingsApi.setOperator('').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid', field: 'operator', message: '操作员姓名不能为空' })
  })

  it('asks for the audit page by its query and never returns null entries', async () => {
    binding.Audit.mockResolvedValue({ entries: null, total: 0 })
    const q = { offset: 40, limit: 20, operator: '杨明', table: '', action: '', from: '', to: '', oldest: false }
    const page = await settingsApi.audit(q)
    expect(binding.Audit).toHaveBeenCalledWith(q)
    expect(page).toEqual({ entries: [], total: 0 })
  })

  it('never returns null for the backups folder\'s lists', async () => {
    binding.Backups.mockResolvedValue({ dir: '/x/backups', count: 0, totalBytes: 0, newest: null, files: null })
    const f = await settingsApi.backups()
    expect(f).toEqual({ dir: '/x/backups', count: 0, totalBytes: 0, newest: null, files: [], restorePending: false, pendingName: '' })
  })

  it('keeps the labels and summary of audit entries and never returns null field lists', async () => {
    binding.Audit.mockResolvedValue({
      entries: [{ seq: 2, action: 'view', table: 'residents', fields: null, fieldLabels: null, summary: '查看 居民 张三 的身份证号' }],
      total: 1,
    })
    const page = await settingsApi.audit({ offset: 0, limit: 20, operator: '', table: '', action: '', from: '', to: '', oldest: false })
    expect(page.entries[0]).toMatchObject({ summary: '查看 居民 张三 的身份证号', fields: [], fieldLabels: [] })
  })
})
