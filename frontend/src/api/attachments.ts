import * as binding from '../../wailsjs/go/app/AttachmentService'
import { attachments } from '../../wailsjs/go/models'
import { call } from './call'
import { file, type DocFile } from './docs'

// Photos and scans attached to a record (backend/attachments): kept in the data folder by content,
// listed here with what the window can show of them.

export interface Owner {
  table: string // 'cases'
  id: string
}

export interface Attachment {
  id: string
  owner: Owner
  sha256: string
  name: string // the original file name
  mime: string
  size: number // bytes
  note: string
  addedAt: string // RFC 3339
  addedBy: string
  view: 'image' | 'pdf' | '' // how the window shows it; '' (HEIC): with the system's viewer
  thumb: boolean // thumbnail() gives a picture for the list
}

// What an add did: the files attached, and those refused (a message naming the file and why).
export interface Added {
  added: Attachment[]
  refused: { name: string; message: string }[]
}

export interface AttachmentLimits {
  maxBytes: number
  kinds: string[]
}

const item = (a: unknown): Attachment => a as Attachment
const owner = (o: Owner) => o as attachments.Owner

export const attachmentsApi = {
  limits: async (): Promise<AttachmentLimits> => {
    const l = await call(() => binding.Limits())
    return { maxBytes: l.maxBytes, kinds: l.kinds ?? [] }
  },
  list: async (o: Owner): Promise<Attachment[]> => ((await call(() => binding.List(owner(o)))) ?? []).map(item),
  // add asks for files in the system's open dialog (several at once) and attaches each: those added,
  // and those refused with the reason; both empty when the officer cancels.
  add: async (o: Owner, note = ''): Promise<Added> => {
    const r = await call(() => binding.Add(owner(o), note))
    return { added: (r.added ?? []).map(item), refused: (r.refused ?? []).map((x) => ({ name: x.name, message: x.message })) }
  },
  // thumbnail and preview give a JPEG data URL of a photo: small for the list, large to look at.
  thumbnail: (id: string): Promise<string> => call(() => binding.Thumbnail(id)),
  preview: (id: string): Promise<string> => call(() => binding.Preview(id)),
  pdf: async (id: string): Promise<DocFile> => file(await call(() => binding.PDF(id))),
  // saveAs asks where to save a copy under the original name; '' when cancelled.
  saveAs: (id: string): Promise<string> => call(() => binding.SaveAs(id)),
  openExternal: (id: string): Promise<void> => call(() => binding.OpenExternal(id)),
  remove: (id: string): Promise<void> => call(() => binding.Remove(id)),
  restore: (id: string): Promise<void> => call(() => binding.Restore(id)),
}
