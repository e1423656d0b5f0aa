import * as binding from '../../wailsjs/go/app/TableService'
import { docs, sheet } from '../../wailsjs/go/models'
import { call } from './call'
import { file, type DocFile } from './docs'

// A list as the officer sees it, for Excel: the title, the columns (number: written as numbers) and
// the rows of text.
export interface TableView {
  title: string
  columns: { title: string; number: boolean }[]
  rows: string[][]
}

// The view as a 台账 of the documents engine.
export interface LedgerView {
  title: string
  unit: string
  columns: string[]
  rows: string[][]
  date: string
}

// PIECE_BYTES bounds the rows sent in one message (as UTF-8): a long view goes in pieces (Stage), and
// the call that uses them names their token.
export const PIECE_BYTES = 24 * 1024

// utf8Length counts the bytes of s in UTF-8 (a Chinese character is three).
function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3
  }
  return n
}

// pieces splits rows into runs of about PIECE_BYTES each (a row longer than that alone).
export function pieces(rows: string[][]): string[][][] {
  const out: string[][][] = []
  let run: string[][] = []
  let size = 0
  for (const row of rows) {
    const n = row.reduce((a, c) => a + utf8Length(c) + 4, 2)
    if (run.length && size + n > PIECE_BYTES) {
      out.push(run)
      run = []
      size = 0
    }
    run.push(row)
    size += n
  }
  if (run.length) out.push(run)
  return out
}

let counter = 0

// stage sends all but the last piece of rows ahead and returns the token they wait under ('' when
// the rows fit in one message) with the rows still to send.
async function stage(rows: string[][]): Promise<{ token: string; rest: string[][] }> {
  const parts = pieces(rows)
  if (parts.length <= 1) return { token: '', rest: rows }
  const token = `view-${Date.now()}-${++counter}`
  for (const part of parts.slice(0, -1)) await call(() => binding.Stage(token, part))
  return { token, rest: parts[parts.length - 1] }
}

export const tableApi = {
  // exportXlsx asks where to save and writes the view as a workbook; the path, '' when cancelled.
  exportXlsx: async (view: TableView): Promise<string> => {
    const { token, rest } = await stage(view.rows)
    return (await call(() => binding.ExportXlsx(sheet.Table.createFrom({ ...view, rows: rest }), token))) ?? ''
  },
  // ledger renders the view as a 台账 to preview and print; nothing is archived.
  ledger: async (view: LedgerView): Promise<DocFile> => {
    const { token, rest } = await stage(view.rows)
    return file(await call(() => binding.Ledger(docs.Ledger.createFrom({ ...view, rows: rest }), token)))
  },
}
