import * as binding from '../../wailsjs/go/app/RosterService'
import { call } from './call'

// One problem of a roster row: the sheet row, the column's header and what is wrong.
export interface RosterProblem {
  row: number
  column: string
  message: string
}

// A checked roster file, kept by the backend under token until it is imported (only the latest
// check is kept). problems holds at most the first 1,000; reportPath is where the full problem
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

// BASE64_CHUNK is how many bytes are turned into text at a time: a multiple of 3, so the pieces'
// base64 simply join, and small enough to pass as arguments to String.fromCharCode.
const BASE64_CHUNK = 3 * 8192

// bytesToBase64 encodes bytes of any size piece by piece, never spreading the whole array into
// one call (which overflows the stack at a few hundred kilobytes).
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  for (let i = 0; i < bytes.length; i += BASE64_CHUNK) {
    const chunk = bytes.subarray(i, i + BASE64_CHUNK)
    parts.push(btoa(String.fromCharCode.apply(null, chunk as unknown as number[])))
  }
  return parts.join('')
}

// readBytes reads a file (or any blob) chosen in the window.
export function readBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b))
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer))
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'))
    reader.readAsArrayBuffer(file)
  })
}

// fileToBase64 reads a file into base64, as Preview takes it.
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(await readBytes(file))
}

export const rosterApi = {
  preview: async (fileName: string, dataBase64: string): Promise<RosterPreview> => {
    const p = (await call(() => binding.Preview(fileName, dataBase64))) as RosterPreview
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
