import { defineStore } from 'pinia'
import { readAll } from '../utils/readAll'
import { computed, ref, watch } from 'vue'
import { ApiError } from '../api/call'
import { i18n } from '../i18n'
import { debounce } from '../utils/debounce'
import { docsApi, type DocField, type DocFile, type DocFont, type DocKind, type DocLicense, type DocPage, type Issued } from '../api/docs'

// ARCHIVE_PAGE_SIZE is how many issued documents one page of the archive shows.
export const ARCHIVE_PAGE_SIZE = 20
// ARCHIVE_EXPORT_MAX bounds the documents read for one export or print of the archive.
export const ARCHIVE_EXPORT_MAX = 20000

// The values of a document form. A table's rows are objects of their columns' values; a grid's rows
// are lists of cells; a number left empty is null.
export type Cell = string | number | null
export type Row = Record<string, Cell>
export type FieldValue = string | number | null | string[] | (number | null)[] | Row[] | string[][]
export type DocModel = Record<string, FieldValue>

const str = (v: unknown): string => (v == null ? '' : typeof v === 'string' ? v : String(v))
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

// emptyValue is what a field holds before anything is typed.
export function emptyValue(f: DocField): FieldValue {
  switch (f.type) {
    case 'number':
      return null
    case 'lines':
    case 'numbers':
    case 'table':
    case 'grid':
      return []
    default:
      return ''
  }
}

// emptyRow is a new row of a table.
export function emptyRow(columns: DocField[]): Row {
  return Object.fromEntries(columns.map((c) => [c.key, c.type === 'number' ? null : ''])) as Row
}

// toModel reads an input (the parsed JSON of an example or an issued document) into form values;
// a missing or mistyped value becomes the field's empty value, and keys that are not fields are left out.
export function toModel(fields: DocField[], input: unknown): DocModel {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
  const model: DocModel = {}
  for (const f of fields) {
    const v = o[f.key]
    switch (f.type) {
      case 'number':
        model[f.key] = num(v)
        break
      case 'lines':
        model[f.key] = arr(v).map(str)
        break
      case 'numbers':
        model[f.key] = arr(v).map(num)
        break
      case 'table':
        model[f.key] = arr(v).map((r) => toModel(f.columns, r) as Row)
        break
      case 'grid':
        model[f.key] = arr(v).map((r) => arr(r).map(str))
        break
      default:
        model[f.key] = str(v)
    }
  }
  return model
}

// gridColumns gives the column names of a grid: the sibling field "columns".
export function gridColumns(model: DocModel): string[] {
  return Array.isArray(model.columns) ? (model.columns as string[]) : []
}

// toInput writes form values as the JSON input the backend takes. Empty numbers are left out (the
// backend then reads 0 and says so when the field is required); a grid's rows get exactly as many
// cells as there are columns.
export function toInput(fields: DocField[], model: DocModel): string {
  return JSON.stringify(inputOf(fields, model, model))
}

function inputOf(fields: DocField[], model: DocModel, top: DocModel): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of fields) {
    const v = model[f.key] ?? emptyValue(f)
    switch (f.type) {
      case 'number':
        if (num(v) !== null) out[f.key] = v
        break
      case 'numbers':
        out[f.key] = arr(v).map((n) => num(n) ?? 0)
        break
      case 'table':
        out[f.key] = arr(v).map((r) => inputOf(f.columns, r as Row, top))
        break
      case 'grid': {
        const n = gridColumns(top).length
        out[f.key] = arr(v).map((r) => Array.from({ length: n }, (_, i) => str(arr(r)[i])))
        break
      }
      default:
        out[f.key] = v
    }
  }
  return out
}

const emptyModel = (fields: DocField[]): DocModel => Object.fromEntries(fields.map((f) => [f.key, emptyValue(f)]))

// The 公文 screen: the document kinds and their drafts (one per kind, kept while the app runs), the
// last preview of each, a correction under way, the field error of the last failed call, the archive
// of issued documents with the one being viewed, and the fonts documents are printed with.
export const useDocsStore = defineStore('docs', () => {
  const kinds = ref<DocKind[]>([])
  const fonts = ref<DocFont[]>([])
  const kindName = ref('')
  const drafts = ref<Record<string, DocModel>>({})
  const previews = ref<Record<string, DocFile>>({})
  const replacing = ref<Issued | null>(null) // the issued document the draft of its kind corrects
  const fieldErrors = ref<Record<string, string>>({})
  const archive = ref<DocPage>({ items: [], total: 0, voided: 0 })
  // Each kind's draft has an id, sent with 发文存档: the backend issues a draft once. The document a
  // draft was issued as is kept until the draft changes, which makes it a new draft.
  const draftIds = ref<Record<string, string>>({})
  const issuedDrafts = ref<Record<string, Issued>>({})
  const archiveKind = ref('')
  const archiveQuery = ref('')
  const archivePage = ref(1)
  const archivePageSize = ref(ARCHIVE_PAGE_SIZE)
  // The column the archive is ordered by ('' for newest first), descending when desc.
  const archiveSort = ref<{ key: string; desc: boolean }>({ key: '', desc: false })
  const viewing = ref<DocFile | null>(null)

  const kind = computed(() => kinds.value.find((k) => k.name === kindName.value) ?? null)
  const draft = computed<DocModel>(() => drafts.value[kindName.value] ?? {})
  const preview = computed(() => previews.value[kindName.value] ?? null)
  const correcting = computed(() => (replacing.value && replacing.value.kind === kindName.value ? replacing.value : null))
  const issuedDraft = computed(() => issuedDrafts.value[kindName.value] ?? null)

  // newDraft makes the draft of a kind a new one: a new id, nothing issued from it yet.
  function newDraft(name: string) {
    draftIds.value[name] = crypto.randomUUID()
    delete issuedDrafts.value[name]
  }
  const draftId = (name: string) => draftIds.value[name] ?? (draftIds.value[name] = crypto.randomUUID())

  // A draft changed after it was issued is a new draft (the same kind: choosing another kind is no change).
  watch(
    () => [kindName.value, JSON.stringify(drafts.value[kindName.value] ?? null)] as const,
    ([name, now], [before, then]) => {
      if (name === before && now !== then && issuedDrafts.value[name]) newDraft(name)
    },
  )

  async function loadKinds() {
    if (!kinds.value.length) {
      kinds.value = await docsApi.kinds()
      await restoreDrafts()
    }
    if (!kind.value && kinds.value.length) selectKind(kinds.value[0].name)
  }

  // The drafts are kept for the operator as they are typed (half a second after the last change), and
  // come back when the app starts again: each kind's draft, its id, and what it was issued as.
  interface Kept {
    drafts?: Record<string, unknown>
    draftIds?: Record<string, string>
    issued?: Record<string, Issued>
  }
  const keepError = ref('')
  let restored = false

  async function restoreDrafts() {
    try {
      const text = await docsApi.drafts()
      const kept = (text ? JSON.parse(text) : {}) as Kept
      for (const [name, input] of Object.entries(kept.drafts ?? {})) {
        const k = kinds.value.find((x) => x.name === name)
        if (!k) continue // a kind this version no longer has
        drafts.value[name] = toModel(k.fields, input)
        if (kept.draftIds?.[name]) draftIds.value[name] = kept.draftIds[name]
        if (kept.issued?.[name]) issuedDrafts.value[name] = kept.issued[name]
      }
    } catch (e) {
      keepError.value = (e as Error).message
    } finally {
      restored = true
    }
  }

  const keep = debounce(() => {
    const kept: Kept = {
      drafts: Object.fromEntries(Object.entries(drafts.value).map(([name, model]) => [name, JSON.parse(toInput(kindOf(name).fields, model))])),
      draftIds: draftIds.value,
      issued: issuedDrafts.value,
    }
    docsApi.keepDrafts(JSON.stringify(kept)).then(
      () => (keepError.value = ''),
      (e: Error) => (keepError.value = e.message),
    )
  }, 500)
  watch([drafts, draftIds, issuedDrafts], () => restored && keep(), { deep: true })

  async function loadFonts() {
    fonts.value = await docsApi.fonts()
  }

  // chooseFont asks for a font file to print role with; nothing changes when the officer cancels.
  async function chooseFont(role: string) {
    fonts.value = await docsApi.chooseFont(role)
  }

  // resetFont goes back to the computer's or the embedded font for role.
  async function resetFont(role: string) {
    fonts.value = await docsApi.resetFont(role)
  }

  // The licences of the embedded fonts, read once.
  const licenses = ref<DocLicense[]>([])
  async function loadLicenses() {
    if (!licenses.value.length) licenses.value = await docsApi.fontLicenses()
    return licenses.value
  }

  function kindOf(name: string): DocKind {
    const k = kinds.value.find((x) => x.name === name)
    if (!k) throw new ApiError('not_found', i18n.global.t('docs.unknownKind', { kind: name }), 'kind')
    return k
  }

  // What a blank draft starts with: the office's name as its issuing unit (issuer: 发文单位, 发布单位…)
  // and today as its own date (date: 成文日期, 发布日期…). The screen sets them from 设置 and the day.
  const defaults = ref({ office: '', today: '' })

  function blankDraft(k: DocKind): DocModel {
    const model = emptyModel(k.fields)
    for (const f of k.fields) {
      if (f.key === 'issuer' && f.type === 'text' && defaults.value.office) model.issuer = defaults.value.office
      if (f.key === 'date' && f.type === 'date' && defaults.value.today) model.date = defaults.value.today
    }
    return model
  }

  // blank tells whether the current draft is as a blank one starts (nothing typed into it).
  const blank = computed(() => !!kind.value && JSON.stringify(draft.value) === JSON.stringify(blankDraft(kind.value)))

  // selectKind shows the draft of a kind, a blank one the first time.
  function selectKind(name: string) {
    const k = kindOf(name)
    kindName.value = name
    if (!drafts.value[name]) drafts.value[name] = blankDraft(k)
    fieldErrors.value = {}
  }

  // fillExample replaces the draft with the kind's example.
  function fillExample() {
    const k = kindOf(kindName.value)
    drafts.value[k.name] = toModel(k.fields, JSON.parse(k.example || '{}'))
    newDraft(k.name)
    fieldErrors.value = {}
  }

  // clearDraft empties the draft of the current kind.
  function clearDraft() {
    const k = kindOf(kindName.value)
    drafts.value[k.name] = blankDraft(k)
    newDraft(k.name)
    fieldErrors.value = {}
  }

  const input = () => toInput(kindOf(kindName.value).fields, draft.value)

  // onForm tells whether a key path of the input (title, people.1.name, rows.1.3) is on a field of
  // the current kind's form; other paths (kind, replaces) have nowhere to show there.
  const onForm = (path: string) => !!kind.value?.fields.some((f) => f.key === path.split('.')[0])

  // checked runs a call on the draft: the errors on fields of the form are kept under their key paths
  // (people.1.name), every one of them, and the error is thrown on.
  async function checked<T>(fn: () => Promise<T>): Promise<T> {
    fieldErrors.value = {}
    try {
      return await fn()
    } catch (e) {
      if (e instanceof ApiError) fieldErrors.value = Object.fromEntries(e.problems().filter((p) => onForm(p.field)).map((p) => [p.field, p.message]))
      throw e
    }
  }

  // replacesId is the issued document the draft of the current kind corrects, or ''. Preview, save
  // and issue all get it, so the draft shows the 更正说明 the issued document will have.
  const replacesId = () => correcting.value?.id ?? ''

  // previewDraft renders the draft; a failure leaves the last preview as it was.
  async function previewDraft() {
    const name = kindName.value
    const file = await checked(() => docsApi.preview(name, input(), replacesId()))
    previews.value[name] = file
    return file
  }

  // saveDraft asks where to save the draft's PDF; '' when the officer cancelled.
  const saveDraft = () => {
    const name = kindName.value
    return checked(() => docsApi.saveDraft(name, input(), replacesId()))
  }

  // saveWord asks where to save the draft as a Word file; '' when the officer cancelled.
  const saveWord = () => {
    const name = kindName.value
    return checked(() => docsApi.saveWord(name, input(), replacesId()))
  }

  // issue archives the draft under a new 存档号 (correcting the document being corrected, if any),
  // shows it as the preview and reads the archive again. A draft is issued once: until it changes,
  // issuedDraft is what it was issued as.
  async function issue() {
    const name = kindName.value
    const replaces = replacesId()
    const file = await checked(() => docsApi.issue(name, input(), replaces, draftId(name)))
    previews.value[name] = file
    if (file.issued) issuedDrafts.value[name] = file.issued
    if (replaces) replacing.value = null
    await loadArchive(1).catch(() => undefined)
    return file
  }

  async function loadArchive(page = archivePage.value) {
    const size = archivePageSize.value
    const { key, desc } = archiveSort.value
    const result = await docsApi.list(archiveKind.value, archiveQuery.value.trim(), size, (page - 1) * size, key, desc)
    archivePage.value = page
    archive.value = result
  }

  // allArchive reads every document the archive's filter picks, up to ARCHIVE_EXPORT_MAX, for
  // export and print.
  const allArchive = (): Promise<Issued[]> => readAll(async (offset, limit) => {
    const { key, desc } = archiveSort.value
    return docsApi.list(archiveKind.value, archiveQuery.value.trim(), limit, offset, key, desc)
  }, ARCHIVE_EXPORT_MAX)

  // filterArchive shows the first page of the documents of one kind ('' for all) matching query.
  function filterArchive(kindFilter: string, query: string) {
    archiveKind.value = kindFilter
    archiveQuery.value = query
    return loadArchive(1)
  }

  // open reads an issued document exactly as it was issued, to view it.
  async function open(id: string) {
    viewing.value = await docsApi.open(id)
    return viewing.value
  }

  const saveIssued = (id: string) => docsApi.saveIssued(id)

  // voidDoc voids an issued document with the reason and reads the archive (and the one viewed) again.
  async function voidDoc(id: string, reason: string) {
    const doc = await docsApi.void(id, reason)
    if (viewing.value?.issued?.id === id) viewing.value = { ...viewing.value, issued: doc }
    await loadArchive().catch(() => undefined)
    return doc
  }

  // correct loads an issued document's input into the draft of its kind; issuing that draft then
  // corrects it.
  function correct(doc: Issued) {
    const k = kindOf(doc.kind)
    selectKind(k.name)
    drafts.value[k.name] = toModel(k.fields, JSON.parse(doc.input || '{}'))
    newDraft(k.name)
    delete previews.value[k.name]
    replacing.value = doc
  }

  // cancelCorrection keeps the draft as an ordinary one; its preview, which said it corrects the
  // document, goes.
  function cancelCorrection() {
    if (replacing.value && !previews.value[replacing.value.kind]?.issued) delete previews.value[replacing.value.kind]
    replacing.value = null
  }

  return {
    kinds, fonts, licenses, kindName, drafts, defaults, previews, replacing, fieldErrors, archive, archiveKind, archiveQuery, archivePage, archivePageSize, archiveSort, allArchive, viewing,
    kind, draft, preview, correcting, issuedDraft, keepError, blank,
    loadKinds, loadFonts, chooseFont, resetFont, loadLicenses, selectKind, fillExample, clearDraft, previewDraft, saveDraft, saveWord, issue, loadArchive, filterArchive,
    open, saveIssued, voidDoc, correct, cancelCorrection,
  }
})
