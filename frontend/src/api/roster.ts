import * as binding from '../../wailsjs/go/app/RosterService'
import { call } from './call'

// One problem of a roster row: the sheet row, the column's header and what is wrong.
export interface RosterProblem {
  row: number
  column: string
  message: string
}

// A checked roster file (file: its name), kept by the backend under token until it is imported (only
// the latest check is kept). problems holds at most the first 1,000; reportPath is where the full problem
// report (the rejected rows, bad cells marked) was written, or '' when no row was rejected.
export interface RosterPreview {
  token: string
  file: string
  total: number
  valid: number
  rejected: number
  existing: number
  problems: RosterProblem[]
  problemCount: number // all the problems found; problems holds the first of them
  unknown: string[]
  reportPath: string
}

// What an import did: residents added, updated, unchanged and skipped (already registered), and
// the households and grid nodes (villages, pieces, groups, neighbourhoods) it created.
export interface ImportResult {
  added: number
  updated: number
  unchanged: number
  skipped: number
  households: number
  nodes: number
}

// MAX_PROBLEMS_SHOWN is how many problems the backend sends at most.
export const MAX_PROBLEMS_SHOWN = 1000

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

export const rosterApi = {
  // preview checks the roster at path; with path '' the system's file dialog asks for it, and a
  // preview whose file is '' means the officer cancelled. The file is read where it lies.
  preview: async (path: string): Promise<RosterPreview> => {
    const p = (await call(() => binding.Preview(path))) as RosterPreview
    return { ...p, problems: list(p.problems), unknown: list(p.unknown), reportPath: p.reportPath ?? '' }
  },
  importRoster: (token: string, validOnly: boolean, updateExisting: boolean): Promise<ImportResult> =>
    call(() => binding.Import(token, validOnly, updateExisting)),
  // The save functions ask where to save in a dialog of the system; '' means the officer cancelled.
  saveTemplate: async (): Promise<string> => (await call(() => binding.SaveTemplate())) ?? '',
  exportRoster: async (villageId: string, suggestedName: string): Promise<string> =>
    (await call(() => binding.Export(villageId, suggestedName))) ?? '',
  exportCadence: async (villageId: string): Promise<string> => (await call(() => binding.ExportCadence(villageId))) ?? '',
}
