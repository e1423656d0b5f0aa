import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '../api/call'

const api = vi.hoisted(() => ({
  info: vi.fn(),
  setOfficeName: vi.fn(),
  setOperator: vi.fn(),
  backupNow: vi.fn(),
  backups: vi.fn(),
  audit: vi.fn(),
}))
vi.mock('../api/settings', () => ({ settingsApi: api }))

import { AUDIT_PAGE_SIZE, useSettingsStore } from './settings'

const info = { officeName: '丹口镇', operator: '杨明', schemaVersion: 2 }

describe('settings store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.info.mockResolvedValue(info)
    api.audit.mockResolvedValue({ entries: [{ seq: 1 }], total: 41 })
  })

  it('loads the audit log page by page', async () => {
    const s = useSettingsStore()
    await s.loadAudit(3)
    expect(api.audit).toHaveBeenCalledWith({ offset: 2 * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE, operator: '', table: '', action: '', from: '', to: '', oldest: false })
    expect(s.auditPage).toBe(3)
    expect(s.audit.total).toBe(41)
  })

  it('filters the log by operator, kind and local days, the last day in full', async () => {
    const s = useSettingsStore()
    s.auditFilter = { operator: '杨明', table: 'residents', action: 'update', from: '2026-11-01', to: '2026-11-30' }
    s.auditPageSize = 50
    s.auditOldest = true
    await s.loadAudit(2)
    expect(api.audit).toHaveBeenCalledWith({
      offset: 50, limit: 50, operator: '杨明', table: 'residents', action: 'update',
      from: new Date(2026, 10, 1).toISOString(), to: new Date(2026, 11, 1).toISOString(), oldest: true,
    })
  })

  it('reads every filtered entry for export, page by page, up to its bound', async () => {
    const s = useSettingsStore()
    const page = (n: number) => Array.from({ length: n }, (_, i) => ({ seq: i }))
    api.audit.mockResolvedValueOnce({ entries: page(500), total: 700 }).mockResolvedValueOnce({ entries: page(200), total: 700 })
    const all = await s.allAudit()
    expect(all).toHaveLength(700)
    expect(api.audit).toHaveBeenNthCalledWith(2, expect.objectContaining({ offset: 500, limit: 500 }))
  })

  it('asks for the first screen\'s info once at startup, and afresh once the log was read since', async () => {
    const s = useSettingsStore()
    s.preload()
    await s.takePreload()
    expect(api.info).toHaveBeenCalledTimes(1)
    expect(api.audit).toHaveBeenCalledTimes(1)
    expect(s.info).toEqual(info)
    await s.takePreload() // the home screen shown again
    expect(api.info).toHaveBeenCalledTimes(2)
    expect(api.audit).toHaveBeenCalledTimes(2)

    s.preload()
    await s.loadAudit(3) // another page of the log, read before the home screen showed
    await s.takePreload()
    expect(api.audit).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 0 }))
    expect(s.auditPage).toBe(1)
  })

  it('reports a preload that failed to the screen that takes it, and to no one else', async () => {
    const s = useSettingsStore()
    api.info.mockRejectedValueOnce(new Error('数据库未打开'))
    // (the window waits for the preload before it is drawn: what it waits on settles, whatever happened)
    await expect(s.preload()).resolves.toBeUndefined()
    await expect(s.takePreload()).rejects.toThrow('数据库未打开')
  })

  it('reloads the info and the first audit page after a save', async () => {
    const s = useSettingsStore()
    api.setOfficeName.mockResolvedValue(undefined)
    await s.setOfficeName('西岩镇')
    expect(api.setOfficeName).toHaveBeenCalledWith('西岩镇')
    expect(s.info).toEqual(info)
    expect(api.audit).toHaveBeenCalledWith(expect.objectContaining({ offset: 0, limit: AUDIT_PAGE_SIZE }))
  })

  it('keeps a field error for the form and clears it on the next try', async () => {
    const s = useSettingsStore()
    api.setOfficeName.mockRejectedValueOnce(new ApiError('invalid', '单位名称不能为空', 'officeName'))
    await expect(s.setOfficeName('')).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors.officeName).toBe('单位名称不能为空')
    expect(api.info).not.toHaveBeenCalled()

    api.setOfficeName.mockResolvedValueOnce(undefined)
    await s.setOfficeName('丹口镇')
    expect(s.fieldErrors.officeName).toBeUndefined()
  })

  it('remembers the last backup', async () => {
    const s = useSettingsStore()
    api.backupNow.mockResolvedValue({ path: '/x/backups/a.db', bytes: 4096, millis: 3, verified: true })
    api.backups.mockResolvedValue({ dir: '/x/backups', count: 1, totalBytes: 4096, newest: null, files: [] })
    await s.backupNow()
    expect(s.lastBackup?.path).toBe('/x/backups/a.db')
    expect(s.backups?.count).toBe(1) // the folder is read again after a backup
  })
})
