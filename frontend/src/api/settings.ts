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
  action: 'insert' | 'update' | 'delete' | 'setting'
  table: string
  rowId: string
  fields: string[]
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
  audit: async (offset: number, limit: number): Promise<AuditPage> => {
    const page = await call(() => binding.Audit(offset, limit))
    return { entries: (page.entries ?? []) as AuditEntry[], total: page.total }
  },
}
