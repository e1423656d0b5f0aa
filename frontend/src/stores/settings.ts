import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from '../api/call'
import { settingsApi, type AuditChoices, type AuditEntry, type AuditPage, type BackupFolder, type BackupResult, type SettingsInfo } from '../api/settings'
import { dayStart } from '../utils/format'
import { readAll } from '../utils/readAll'

export const AUDIT_PAGE_SIZE = 20
// AUDIT_EXPORT_MAX bounds the entries read for one export or print of the log.
export const AUDIT_EXPORT_MAX = 20000

// AuditFilter is what the officer filters the log by: operator, kind of record (table), action, and
// the first and last day (local days, 2026-11-27); '' for all.
export interface AuditFilter {
  operator: string
  table: string
  action: string
  from: string
  to: string
}

// The settings: office, operator, locations, backups and the audit log.
export const useSettingsStore = defineStore('settings', () => {
  const info = ref<SettingsInfo | null>(null)
  const audit = ref<AuditPage>({ entries: [], total: 0 })
  const auditPage = ref(1)
  const auditPageSize = ref(AUDIT_PAGE_SIZE)
  const auditOldest = ref(false) // oldest entries first
  const auditFilter = ref<AuditFilter>({ operator: '', table: '', action: '', from: '', to: '' })
  const auditChoices = ref<AuditChoices>({ operators: [], tables: [], actions: [] })
  const lastBackup = ref<BackupResult | null>(null)
  const backups = ref<BackupFolder | null>(null)
  const fieldErrors = ref<Record<string, string>>({})

  async function loadInfo() {
    info.value = await settingsApi.info()
  }

  // At startup the frame (office, operator) and the home screen (and its last change) wait on the same
  // info: preload asks for it, and for the newest entry of the log, beside the startup status, before
  // either has mounted. The home screen takes that answer the first time it shows and asks afresh after.
  let preloaded: Promise<unknown> | null = null
  // What the home screen shows: the info and the log's first page.
  const loadHome = () => Promise.all([loadInfo(), loadAudit(1)])
  // It returns when the answer is back, and never fails: a database that did not open is the startup
  // screen's to explain, and an error is the home screen's to show when it takes the answer.
  function preload(): Promise<void> {
    const p = loadHome() // (set after loadAudit has cleared it)
    preloaded = p
    return p.then(() => undefined, () => undefined)
  }
  function takePreload(): Promise<unknown> {
    const p = preloaded ?? loadHome()
    preloaded = null
    return p
  }

  const auditQuery = (offset: number, limit: number) => {
    const f = auditFilter.value
    return {
      offset, limit, operator: f.operator, table: f.table, action: f.action, from: dayStart(f.from), to: dayStart(f.to, 1),
      oldest: auditOldest.value,
    }
  }

  async function loadAudit(page = auditPage.value) {
    preloaded = null // the log as shown now (another page, a filter): the home screen asks afresh
    auditPage.value = page
    audit.value = await settingsApi.audit(auditQuery((page - 1) * auditPageSize.value, auditPageSize.value))
  }

  async function loadAuditChoices() {
    auditChoices.value = await settingsApi.auditChoices()
  }

  // allAudit reads every entry the filter picks, up to AUDIT_EXPORT_MAX, for export and print.
  const allAudit = (): Promise<AuditEntry[]> => readAll(async (offset, limit) => {
    const p = await settingsApi.audit(auditQuery(offset, limit))
    return { items: p.entries, total: p.total }
  }, AUDIT_EXPORT_MAX)

  async function loadBackups() {
    backups.value = await settingsApi.backups()
  }

  // save runs a change; a field error is kept for the form to show, and thrown on for the page.
  async function save(field: string, fn: () => Promise<void>) {
    delete fieldErrors.value[field]
    try {
      await fn()
    } catch (e) {
      if (e instanceof ApiError && e.field) fieldErrors.value[e.field] = e.message
      throw e
    }
    await loadHome()
  }

  const setOfficeName = (name: string) => save('officeName', () => settingsApi.setOfficeName(name))
  const setShortName = (short: string) => save('shortName', () => settingsApi.setShortName(short))
  const setOperator = (name: string) => save('operator', () => settingsApi.setOperator(name))

  async function backupNow() {
    lastBackup.value = await settingsApi.backupNow()
    await loadBackups()
    return lastBackup.value
  }

  // restoreBackup readies a backup to replace the database at the next start; cancelRestore takes it back.
  async function restoreBackup(name: string) {
    const f = await settingsApi.restoreBackup(name)
    await loadBackups()
    return f
  }
  async function cancelRestore() {
    await settingsApi.cancelRestore()
    await loadBackups()
  }

  return {
    info, audit, auditPage, auditPageSize, auditOldest, auditFilter, auditChoices, lastBackup, backups, fieldErrors,
    preload, takePreload, loadInfo, loadAudit, loadAuditChoices, allAudit, loadBackups, setOfficeName, setShortName, setOperator, backupNow,
    restoreBackup, cancelRestore,
  }
})
