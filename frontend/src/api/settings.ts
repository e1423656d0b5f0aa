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
  attachmentsDir: string // backups do not copy it
  schemaVersion: number
  appVersion: string
}

export interface Holiday {
  name: string
  first: string // ISO
  last: string
  workDays: string[]
}

// A year the working-day calendar knows: built in, entered by the office (that one counts), or neither.
export interface HolidayYear {
  year: number
  builtIn: boolean
  entered: boolean
  holidays: Holiday[] // entered
  builtIns: Holiday[]
}

export interface HolidayWarning {
  year: number // 0: none missing
  message: string
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
  kind: 'daily' | 'manual' | 'pre-migrate' | 'pre-import' | 'pre-restore'
  at: string // local time, 2026-11-27T08:00:00
  bytes: number
  damaged?: boolean // plainly not a whole database (its header or size)
}

// What the backups folder holds.
export interface BackupFolder {
  dir: string
  count: number
  totalBytes: number
  newest: BackupFile | null
  files: BackupFile[]
  restorePending: boolean // a backup is readied to replace the database at the next start
  pendingName: string // which one, '' when not known
}

export interface AuditPage {
  entries: AuditEntry[]
  total: number
}

// What the audit log is filtered by: from and to are instants (UTC ISO) bounding the entries' times;
// '' for no filter.
export interface AuditQuery {
  offset: number
  limit: number
  operator: string
  table: string
  action: string
  from: string
  to: string
  oldest: boolean
}

export interface AuditChoice {
  value: string
  label: string
}

export interface AuditChoices {
  operators: AuditChoice[]
  tables: AuditChoice[]
  actions: AuditChoice[]
}

export const settingsApi = {
  info: (): Promise<SettingsInfo> => call(() => binding.Info()),
  setOfficeName: (name: string): Promise<void> => call(() => binding.SetOfficeName(name)),
  setShortName: (short: string): Promise<void> => call(() => binding.SetShortName(short)),
  setOperator: (name: string): Promise<void> => call(() => binding.SetOperator(name)),
  backupNow: (): Promise<BackupResult> => call(() => binding.BackupNow()),
  // restoreBackup readies a backup of the folder to replace the database at the next start.
  restoreBackup: async (name: string): Promise<BackupFile> => (await call(() => binding.RestoreBackup(name))) as BackupFile,
  cancelRestore: (): Promise<void> => call(() => binding.CancelRestore()),
  holidays: async (): Promise<HolidayYear[]> => {
    const years = (await call(() => binding.Holidays())) ?? []
    const list = (hs: Holiday[] | null | undefined) => (hs ?? []).map((h) => ({ ...h, workDays: h.workDays ?? [] }))
    return years.map((y) => ({ ...y, holidays: list(y.holidays), builtIns: list(y.builtIns) }))
  },
  setHolidays: (year: number, holidays: Holiday[]): Promise<void> => call(() => binding.SetHolidays(year, holidays)),
  clearHolidays: (year: number): Promise<void> => call(() => binding.ClearHolidays(year)),
  holidayWarning: (): Promise<HolidayWarning> => call(() => binding.HolidayWarning()),
  backups: async (): Promise<BackupFolder> => {
    const f = await call(() => binding.Backups())
    return { ...f, newest: f.newest ?? null, files: (f.files ?? []) as BackupFile[], restorePending: !!f.restorePending, pendingName: f.pendingName ?? '' } as BackupFolder
  },
  audit: async (q: AuditQuery): Promise<AuditPage> => {
    const page = await call(() => binding.Audit(q))
    const entries = (page.entries ?? []).map((e) => ({ ...e, fields: e.fields ?? [], fieldLabels: e.fieldLabels ?? [] }))
    return { entries: entries as AuditEntry[], total: page.total }
  },
  auditChoices: async (): Promise<AuditChoices> => {
    const c = await call(() => binding.AuditChoices())
    return { operators: c.operators ?? [], tables: c.tables ?? [], actions: c.actions ?? [] }
  },
}
