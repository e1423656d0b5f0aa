import * as binding from '../../wailsjs/go/app/DocService'
import type { app, docs } from '../../wailsjs/go/models'
import { call } from './call'

// The types of a form field: text, textarea, date (2026-11-27), number, select (one of options),
// lines (string[]), table (rows of the columns' fields), grid (string[][] whose columns are the
// sibling field "columns") and numbers (number[]).
export type FieldType = 'text' | 'textarea' | 'date' | 'number' | 'select' | 'lines' | 'table' | 'grid' | 'numbers'

// One input field of a document kind, as the backend describes it for forms and messages.
export interface DocField {
  key: string
  label: string
  type: FieldType
  required: boolean
  options: string[]
  help: string
  max: number // most characters (text) or items (lists); 0 for no limit
  columns: DocField[] // the fields of a table's rows
}

// A document kind: its name (notice), label (通知), whether it is printed on landscape A4, its form
// fields and an example input as JSON text.
export interface DocKind {
  name: string
  label: string
  landscape: boolean
  fields: DocField[]
  example: string
}

// The font a typeface role (title, fang, hei, kai; label 小标宋, 仿宋, 黑体, 楷体) is drawn with: name
// is the face used first, embedded when that is the app's own fallback font rather than one of the
// computer's; chosen is the path of the font file the officer chose for the role ('' for none) and
// problem why that file is not used ('' when it is, e.g. when it was moved).
export interface DocFont {
  role: string
  label: string
  name: string
  embedded: boolean
  chosen: string
  problem: string
}

// The licence text of one of the embedded fonts.
export interface DocLicense {
  font: string
  text: string
}

// An issued (archived) document, without its PDF. number is its 存档号 (2026-通知-0001); docNumber
// its 文号 (丹政发〔2026〕12号) when its kind has one; replaces is the id of the document it corrects
// and replacesNumber that one's number; replacedBy is the number of the document that corrects this
// one; draftId the window's draft it was issued from; voidedAt ('' while in force), voidReason and
// voidedBy say when, why and by whom it was voided (作废).
export interface Issued {
  id: string
  number: string
  kind: string
  kindLabel: string
  title: string
  docDate: string
  sha256: string
  input: string
  pages: number
  size: number
  issuer: string
  issuedAt: string
  replaces: string
  replacesNumber: string
  replacedBy: string
  docNumber: string
  draftId: string
  voidedAt: string
  voidReason: string
  voidedBy: string
}

// A PDF for the window: its bytes in base64, pages, size in bytes and title; issued is its archive
// record, null for a draft.
export interface DocFile {
  pdf: string
  pages: number
  size: number
  title: string
  issued: Issued | null
}

// A page of the archive, how many documents match in all and how many of those are voided.
export interface DocPage {
  items: Issued[]
  total: number
  voided: number
}

// base64ToBytes decodes a PDF sent in base64.
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

const list = <T>(v: T[] | null | undefined): T[] => v ?? []

function field(f: docs.Field): DocField {
  return {
    key: f.key, label: f.label, type: f.type as FieldType, required: !!f.required, options: list(f.options),
    help: f.help ?? '', max: f.max ?? 0, columns: list(f.columns).map(field),
  }
}

function kind(k: docs.Kind): DocKind {
  return { name: k.name, label: k.label, landscape: !!k.landscape, fields: list(k.fields).map(field), example: k.example ?? '' }
}

function font(f: docs.FontInUse): DocFont {
  return {
    role: f.role, label: f.label ?? '', name: f.name ?? '', embedded: !!f.embedded, chosen: f.chosen ?? '', problem: f.problem ?? '',
  }
}

export function file(f: app.DocFile): DocFile {
  return { pdf: f.pdf ?? '', pages: f.pages, size: f.size, title: f.title ?? '', issued: f.issued?.id ? (f.issued as Issued) : null }
}

export const docsApi = {
  kinds: async (): Promise<DocKind[]> => list(await call(() => binding.Kinds())).map(kind),
  fonts: async (): Promise<DocFont[]> => list(await call(() => binding.Fonts())).map(font),
  // chooseFont asks in a dialog of the system for a TrueType (.ttf) file to print role with and gives
  // the fonts then in use (unchanged when the officer cancelled); a .ttc or .otf file is refused.
  chooseFont: async (role: string): Promise<DocFont[]> => list(await call(() => binding.ChooseFont(role))).map(font),
  // resetFont goes back to the computer's or the embedded font for role.
  resetFont: async (role: string): Promise<DocFont[]> => list(await call(() => binding.ResetFont(role))).map(font),
  fontLicenses: async (): Promise<DocLicense[]> =>
    list(await call(() => binding.FontLicenses())).map((l) => ({ font: l.font ?? '', text: l.text ?? '' })),
  // preview renders a draft from the input as JSON text; nothing is archived. replacesId is the
  // issued document it corrects, or '': the draft then says so as the issued one will.
  preview: async (kindName: string, input: string, replacesId = ''): Promise<DocFile> =>
    file(await call(() => binding.Preview(kindName, input, replacesId))),
  // issue renders and archives under a new 存档号; replacesId is the issued document it corrects, or
  // ''. draftId names the draft: a draft is issued once (a second issue of it is refused, conflict).
  issue: async (kindName: string, input: string, replacesId: string, draftId: string): Promise<DocFile> =>
    file(await call(() => binding.Issue(kindName, input, replacesId, draftId))),
  // list gives a page of the archive, newest first, or in the order of the column sort (number,
  // docDate, pages, issuedAt), descending when desc.
  list: async (kindName: string, query: string, limit: number, offset: number, sort = '', desc = false): Promise<DocPage> => {
    const p = await call(() => binding.List(kindName, query, sort, desc, limit, offset))
    return { items: list(p.items) as Issued[], total: p.total, voided: p.voided ?? 0 }
  },
  // drafts gives the drafts kept for the operator (JSON as keepDrafts wrote it), '' when none.
  drafts: async (): Promise<string> => (await call(() => binding.Drafts())) ?? '',
  // keepDrafts keeps the drafts for the operator, so that they survive closing the app.
  keepDrafts: (json: string): Promise<void> => call(() => binding.KeepDrafts(json)),
  // void marks an issued document as voided (作废) with the reason; it stays in the archive.
  void: async (id: string, reason: string): Promise<Issued> => (await call(() => binding.Void(id, reason))) as Issued,
  // open gives an issued document's PDF exactly as it was issued.
  open: async (id: string): Promise<DocFile> => file(await call(() => binding.Open(id))),
  // The save functions ask where to save in a dialog of the system; '' means the officer cancelled.
  saveIssued: async (id: string): Promise<string> => (await call(() => binding.SaveIssued(id))) ?? '',
  saveDraft: async (kindName: string, input: string, replacesId = ''): Promise<string> =>
    (await call(() => binding.SaveDraft(kindName, input, replacesId))) ?? '',
  // saveWord saves the draft as a Word file (.docx) laid out to the same numbers, to adjust in WPS or Word.
  saveWord: async (kindName: string, input: string, replacesId = ''): Promise<string> =>
    (await call(() => binding.SaveWord(kindName, input, replacesId))) ?? '',
}
