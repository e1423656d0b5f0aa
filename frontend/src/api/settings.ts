import * as binding from '../../wailsjs/go/app/SettingsService'
import { call } from './call'

export interface SettingsInfo {
  officeName: string
  shortName: string
  operator: string
  siteId: string
  createdAt: string
  dataDir: string
  dbPath: string
  backupDir: string
  schemaVersion: number
  appVersion: string
}

export interface BackupResult {
  path: string
  bytes: number
  millis: number
  verified: boolean
}

export interface AuditEntry {
  seq: number
  at: string
  hlc: string
  siteId: string
  operator: string
  action: 'insert' | 'update' | 'delete' | 'setting' | 'view'
  table: string
  rowId: string
  fields: string[]
  // In Chinese, from the backend (store/labels.go): 修改, 居民, [姓名, 电话], 修改 居民 张三：电话
  actionLabel: string
  tableLabel: string
  fieldLabels: string[]
  summary: string
}

export interface BackupFile {
  name: string
  kind: 'daily' | 'manual' | 'pre-migrate'
  at: string // local time, 2026-11-27T08:00:00
  bytes: number
}

// What the backups folder holds.
export interface BackupFolder {
  dir: string
  count: number
  totalBytes: number
  newest: BackupFile | null
  files: BackupFile[]
}

export interface AuditPage {
  entries: AuditEntry[]
  total: number
}

export const settingsApi = {
  info: (): Promise<SettingsInfo> => call(() => binding.Info()),
  setOfficeName: (name: string): Promise<void> => call(() => binding.SetOfficeName(name)),
  setShortName: (short: string): Promise<void> => call(() => binding.SetShortName(short)),
  setOperator: (name: string): Promise<void> => call(() => binding.SetOperator(name)),
  backupNow: (): Promise<BackupResult> => call(() => binding.BackupNow()),
  backups: async (): Promise<BackupFolder> => {
    const f = await call(() => binding.Backups())
    return { ...f, newest: f.newest ?? null, files: (f.files ?? []) as BackupFile[] } as BackupFolder
  },
  audit: async (offset: number, limit: number): Promise<AuditPage> => {
    const page = await call(() => binding.Audit(offset, limit))
    const entries = (page.entries ?? []).map((e) => ({ ...e, fields: e.fields ?? [], fieldLabels: e.fieldLabels ?? [] }))
    return { entries: entries as AuditEntry[], total: page.total }
  },
}
