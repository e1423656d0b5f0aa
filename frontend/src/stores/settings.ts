import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from '../api/call'
import { settingsApi, type AuditPage, type BackupFolder, type BackupResult, type SettingsInfo } from '../api/settings'

export const AUDIT_PAGE_SIZE = 20

// The settings: office, operator, locations, backups and the audit log.
export const useSettingsStore = defineStore('settings', () => {
  const info = ref<SettingsInfo | null>(null)
  const audit = ref<AuditPage>({ entries: [], total: 0 })
  const auditPage = ref(1)
  const lastBackup = ref<BackupResult | null>(null)
  const backups = ref<BackupFolder | null>(null)
  const fieldErrors = ref<Record<string, string>>({})

  async function loadInfo() {
    info.value = await settingsApi.info()
  }

  async function loadAudit(page = auditPage.value) {
    auditPage.value = page
    audit.value = await settingsApi.audit((page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE)
  }

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
    await Promise.all([loadInfo(), loadAudit(1)])
  }

  const setOfficeName = (name: string) => save('officeName', () => settingsApi.setOfficeName(name))
  const setShortName = (short: string) => save('shortName', () => settingsApi.setShortName(short))
  const setOperator = (name: string) => save('operator', () => settingsApi.setOperator(name))

  async function backupNow() {
    lastBackup.value = await settingsApi.backupNow()
    await loadBackups()
    return lastBackup.value
  }

  return {
    info, audit, auditPage, lastBackup, backups, fieldErrors,
    loadInfo, loadAudit, loadBackups, setOfficeName, setShortName, setOperator, backupNow,
  }
})
