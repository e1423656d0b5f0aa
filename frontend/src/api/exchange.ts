import * as binding from '../../wailsjs/go/app/ExchangeService'
import { call } from './call'

// This office as another office sees it: the card it gives them to add it as a peer.
export interface OfficeCard {
  format: string
  siteId: string
  name: string
  shortName: string
  publicKey: string
}

// An office this one exchanges bundles with.
export interface Peer {
  siteId: string
  name: string
  shortName: string
  publicKey: string // '' when its key is not known (bundles for it need a passphrase)
  seen: Record<string, number>
  addedAt: string
  removed: boolean
}

// A bundle merged here.
export interface BundleRecord {
  bundleId: string
  sender: string
  createdAt: string
  importedAt: string
  operator: string
  rows: number
  changed: number
  conflicts: number
  undoneAt: string // taken back; '' when not
  undoneBy: string
  undoable: boolean // the latest import: it can be taken back
}

// What taking an import back did.
export interface UndoResult {
  bundleId: string
  restored: number // rows put back as they were
  removed: number // rows it had added, removed
}

export interface ExchangeOverview {
  card: OfficeCard
  folder: string
  peers: Peer[]
  conflicts: number
  bundles: BundleRecord[]
}

export interface ExportResult {
  path: string
  bundleId: string
  bytes: number
  rows: number
  files: number
  full: boolean
  to: string
  sealed: '' | 'key' | 'passphrase'
}

export interface TableChange {
  table: string
  label: string
  rows: number
  inserted: number
  updated: number
  quarantined: number // held back: stamped more than a day ahead of this office's clock
}

// What a bundle holds and what merging it does (or, previewed, would do).
export interface ImportResult {
  bundleId: string
  sender: string
  senderName: string
  createdAt: string
  full: boolean
  sealed: boolean
  manifest: boolean
  preview: boolean
  alreadyImported: boolean
  newPeer: boolean
  tables: TableChange[] | null
  rows: number
  inserted: number
  updated: number
  conflicts: number
  files: number
  backup: string
  undoable: boolean // it keeps a restore point (can be taken back); else the database is copied first
  orphans: number // records whose parent is deleted after the merge
  quarantined: number // rows held back (TableChange.quarantined)
  released: number // rows earlier bundles held back, merged now that the clock has caught up
}

// A row of a bundle held back from the merge: a stamp of it is more than a day ahead of this
// office's clock (reason 'ahead'), or it lies under such a row ('parent'). Merged once the clock has
// caught up (ready), at the next import or when a person asks.
export interface Quarantined {
  id: number
  table: string
  tableLabel: string
  rowId: string
  rowName: string
  reason: 'ahead' | 'parent'
  stamp: Stamp
  stampAt: string
  bundleId: string
  foundAt: string
  ready: boolean
}

export interface Stamp {
  hlc: number
  site: string
}

// A field two offices wrote without seeing each other's write: the merge kept one value (kept).
export interface Conflict {
  id: number
  table: string
  tableLabel: string
  rowId: string
  rowName: string
  field: string
  fieldLabel: string
  kept: 'local' | 'incoming'
  local: unknown
  localStamp: Stamp
  incoming: unknown
  incomingStamp: Stamp
  localAt: string // when each side was written (UTC, RFC 3339)
  incomingAt: string
  incomingOffice: string // the office that wrote the incoming value, '' when not known here
  bundleId: string
  foundAt: string
  settledAt: string
  settledBy: string
  choice: '' | 'local' | 'incoming'
}

export const EXPORT_TASK = 'exchange:export'
export const IMPORT_TASK = 'exchange:import'

export const exchangeApi = {
  overview: (): Promise<ExchangeOverview> => call(() => binding.Overview()) as Promise<ExchangeOverview>,
  saveCard: (): Promise<string> => call(() => binding.SaveCard()),
  addPeer: (): Promise<Peer | null> => call(() => binding.AddPeer()) as Promise<Peer | null>,
  removePeer: (siteId: string): Promise<void> => call(() => binding.RemovePeer(siteId)),
  chooseFolder: (): Promise<string> => call(() => binding.ChooseFolder()),
  export: (peer: string, full: boolean, passphrase: string): Promise<ExportResult> =>
    call(() => binding.Export(peer, full, passphrase)) as Promise<ExportResult>,
  pickBundle: (): Promise<string> => call(() => binding.PickBundle()),
  preview: (path: string, passphrase: string): Promise<ImportResult> =>
    call(() => binding.Preview(path, passphrase)) as Promise<ImportResult>,
  import: (path: string, passphrase: string): Promise<ImportResult> =>
    call(() => binding.Import(path, passphrase)) as Promise<ImportResult>,
  conflicts: (all: boolean): Promise<Conflict[]> => call(() => binding.Conflicts(all)) as Promise<Conflict[]>,
  settle: (id: number, choice: 'local' | 'incoming'): Promise<void> => call(() => binding.Settle(id, choice)),
  quarantined: (): Promise<Quarantined[]> => call(() => binding.Quarantined()) as Promise<Quarantined[]>,
  releaseQuarantine: (): Promise<number> => call(() => binding.ReleaseQuarantine()),
  undoImport: (bundleId: string): Promise<UndoResult> => call(() => binding.UndoImport(bundleId)) as Promise<UndoResult>,
}

// showValue writes a conflicting value for a person: empty, a deletion time, bytes, or the text.
export function showValue(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === '') return empty
  return String(v)
}
