import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { ApiError } from '../api/call'
import type { DocField, DocFile, DocFont, DocKind, Issued } from '../api/docs'

const api = vi.hoisted(() => ({
  kinds: vi.fn(), fonts: vi.fn(), chooseFont: vi.fn(), resetFont: vi.fn(), fontLicenses: vi.fn(), preview: vi.fn(), issue: vi.fn(), list: vi.fn(), open: vi.fn(), saveIssued: vi.fn(), saveDraft: vi.fn(), saveWord: vi.fn(), void: vi.fn(),
  drafts: vi.fn(), keepDrafts: vi.fn(),
}))
vi.mock('../api/docs', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api/docs')>()), docsApi: api }))

import { ARCHIVE_PAGE_SIZE, toInput, toModel, useDocsStore } from './docs'

const f = (key: string, label: string, type: DocField['type'], more: Partial<DocField> = {}): DocField => ({
  key, label, type, required: false, options: [], help: '', max: 0, columns: [], ...more,
})

const notice: DocKind = {
  name: 'notice', label: '通知', landscape: false,
  fields: [
    f('title', '标题', 'text', { required: true, max: 80 }),
    f('body', '正文', 'textarea', { required: true }),
    f('attachments', '附件', 'lines', { max: 20 }),
    f('date', '成文日期', 'date', { required: true }),
  ],
  example: JSON.stringify({ title: '关于开展评选活动的通知', body: '为弘扬文明新风……', attachments: ['推荐表'], date: '2026-11-27' }),
}
const gongshi: DocKind = {
  name: 'gongshi', label: '公示', landscape: false,
  fields: [
    f('title', '标题', 'text'),
    f('people', '公示名单', 'table', { columns: [f('name', '姓名', 'text'), f('id', '身份证号', 'text'), f('score', '得分', 'number')] }),
    f('days', '公示期（工作日）', 'number', { required: true }),
  ],
  example: '{}',
}
const ledger: DocKind = {
  name: 'ledger', label: '台账', landscape: true,
  fields: [f('title', '台账名称', 'text'), f('columns', '列名', 'lines'), f('widths', '列宽比例', 'numbers'), f('rows', '数据行', 'grid'), f('date', '填报日期', 'date')],
  example: JSON.stringify({ title: '民情办理台账', columns: ['编号', '事项'], widths: [2, 4], rows: [['丹民交〔2026〕153号', '饮水主管道破裂']], date: '2026-11-27' }),
}

const issued = (over: Partial<Issued> = {}): Issued => ({
  id: 'd1', number: '2026-通知-0001', kind: 'notice', kindLabel: '通知', title: '关于开展评选活动的通知', docDate: '2026-11-27',
  sha256: 'ab'.repeat(32), input: notice.example, pages: 2, size: 35000, issuer: '杨明', issuedAt: '2026-11-27T09:31:00',
  replaces: '', replacesNumber: '', replacedBy: '', docNumber: '', draftId: '', voidedAt: '', voidReason: '', voidedBy: '', ...over,
})
const file = (over: Partial<DocFile> = {}): DocFile => ({ pdf: 'JVBERi0=', pages: 2, size: 35000, title: '关于开展评选活动的通知', issued: null, ...over })

describe('form values', () => {
  it('read an input into every field, leaving out unknown keys and mending wrong types', () => {
    const m = toModel(gongshi.fields, { title: 5, people: [{ name: '杨秀英', score: 'x', extra: 1 }, null], days: 5, unknown: 'x' })
    expect(m).toEqual({ title: '5', people: [{ name: '杨秀英', id: '', score: null }, { name: '', id: '', score: null }], days: 5 })
    expect(toModel(notice.fields, null)).toEqual({ title: '', body: '', attachments: [], date: '' })
  })

  it('write the backend input back: the example round-trips', () => {
    expect(JSON.parse(toInput(notice.fields, toModel(notice.fields, JSON.parse(notice.example))))).toEqual(JSON.parse(notice.example))
    expect(JSON.parse(toInput(ledger.fields, toModel(ledger.fields, JSON.parse(ledger.example))))).toEqual(JSON.parse(ledger.example))
  })

  it('leave out empty numbers and give a grid row exactly one cell per column', () => {
    const input = JSON.parse(toInput(gongshi.fields, { title: 'x', people: [{ name: '甲', id: '', score: null }], days: null }))
    expect(input).toEqual({ title: 'x', people: [{ name: '甲', id: '' }] })
    const grid = JSON.parse(toInput(ledger.fields, { title: '', columns: ['编号', '事项', '状态'], widths: [2, null], rows: [['1'], ['2', '停水', '已办', '多余']], date: '' }))
    expect(grid.rows).toEqual([['1', '', ''], ['2', '停水', '已办']])
    expect(grid.widths).toEqual([2, 0])
  })
})

describe('docs store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.kinds.mockResolvedValue([notice, gongshi, ledger])
    api.list.mockResolvedValue({ items: [], total: 0 })
    api.drafts.mockResolvedValue('')
    api.keepDrafts.mockResolvedValue(undefined)
  })

  it('starts a blank draft with the office as its issuer and today as its date', async () => {
    api.kinds.mockResolvedValue([{ ...notice, fields: [...notice.fields, f('issuer', '发文单位', 'text', { required: true })] }, gongshi, ledger])
    const s = useDocsStore()
    s.defaults = { office: '丹口镇人民政府', today: '2026-11-27' }
    await s.loadKinds()
    expect(s.draft.issuer).toBe('丹口镇人民政府')
    expect(s.draft.date).toBe('2026-11-27')
    s.draft.issuer = '别的单位'
    s.clearDraft()
    expect(s.draft.issuer).toBe('丹口镇人民政府')
  })

  it('keeps the drafts as they are typed and brings them back, with what each was issued as', async () => {
    vi.useFakeTimers()
    try {
      const s = useDocsStore()
      await s.loadKinds()
      s.fillExample()
      s.draft.title = '关于停水的通知'
      await nextTick()
      expect(api.keepDrafts).not.toHaveBeenCalled() // not at every keystroke
      await vi.advanceTimersByTimeAsync(600)
      expect(api.keepDrafts).toHaveBeenCalledOnce()
      const kept = JSON.parse(api.keepDrafts.mock.calls[0][0])
      expect(kept.drafts.notice.title).toBe('关于停水的通知')
      expect(kept.draftIds.notice).toMatch(/^[0-9a-f-]{36}$/)

      // The app started again: the same draft, the same id, and a kind this version no longer has left out.
      setActivePinia(createPinia())
      api.drafts.mockResolvedValue(JSON.stringify({ ...kept, drafts: { ...kept.drafts, gone: { x: 1 } }, issued: { notice: issued() } }))
      const again = useDocsStore()
      await again.loadKinds()
      expect(again.draft.title).toBe('关于停水的通知')
      expect(again.issuedDraft?.number).toBe('2026-通知-0001')
      expect(Object.keys(again.drafts)).toEqual(['notice'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('starts on the first kind with a blank draft, and keeps each kind its own draft', async () => {
    const s = useDocsStore()
    await s.loadKinds()
    expect(s.kindName).toBe('notice')
    expect(s.draft).toEqual({ title: '', body: '', attachments: [], date: '' })
    s.draft.title = '关于停水的通知'
    s.selectKind('ledger')
    expect(s.draft.columns).toEqual([])
    s.selectKind('notice')
    expect(s.draft.title).toBe('关于停水的通知')
    expect(() => s.selectKind('memo')).toThrow(ApiError)
  })

  it('fills in the example and previews it; the preview is kept per kind', async () => {
    api.preview.mockResolvedValue(file())
    const s = useDocsStore()
    await s.loadKinds()
    s.fillExample()
    expect(s.draft.attachments).toEqual(['推荐表'])
    await s.previewDraft()
    expect(api.preview).toHaveBeenCalledWith('notice', expect.any(String), '')
    expect(JSON.parse(api.preview.mock.calls[0][1])).toEqual(JSON.parse(notice.example))
    expect(s.preview?.pages).toBe(2)
    s.selectKind('gongshi')
    expect(s.preview).toBeNull()
    s.selectKind('notice')
    expect(s.preview?.pages).toBe(2)
  })

  it('keeps a refused field error under its key path and leaves the last preview as it was', async () => {
    const rare = '「正文」第5个字“𠮷”（U+20BB7）是扩展区的生僻字，字库里没有，打印不出来'
    api.preview.mockResolvedValueOnce(file()).mockRejectedValueOnce(new ApiError('invalid', rare, 'body'))
    const s = useDocsStore()
    await s.loadKinds()
    s.fillExample()
    await s.previewDraft()
    const before = s.preview
    await expect(s.previewDraft()).rejects.toMatchObject({ code: 'invalid' })
    expect(s.fieldErrors).toEqual({ body: rare })
    expect(s.preview).toBe(before)
    api.preview.mockResolvedValueOnce(file())
    await s.previewDraft()
    expect(s.fieldErrors).toEqual({})
  })

  it('keeps the key path of a table cell or a grid cell as it is', async () => {
    const s = useDocsStore()
    await s.loadKinds()
    s.selectKind('gongshi')
    const cell = '「公示名单」第2行「姓名」第2个字“𠮷”（U+20BB7）是扩展区的生僻字'
    api.preview.mockRejectedValueOnce(new ApiError('invalid', cell, 'people.1.name'))
    await expect(s.previewDraft()).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors).toEqual({ 'people.1.name': cell })
    s.selectKind('ledger')
    api.preview.mockRejectedValueOnce(new ApiError('invalid', '「数据行」第2行第4列太长', 'rows.1.3'))
    await expect(s.previewDraft()).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors).toEqual({ 'rows.1.3': '「数据行」第2行第4列太长' })
  })

  it('keeps every field error of one refusal, not only the first', async () => {
    const s = useDocsStore()
    await s.loadKinds()
    s.selectKind('gongshi')
    api.preview.mockRejectedValueOnce(new ApiError('invalid', '「公示名单」第2行「姓名」不能为空', 'people.1.name', [
      { field: 'title', message: '「标题」不能为空' },
      { field: 'replaces', message: '更正件应与原件同类' },
      { field: 'days', message: '「公示期（工作日）」应为大于 0 的整数' },
    ]))
    await expect(s.previewDraft()).rejects.toBeInstanceOf(ApiError)
    expect(s.fieldErrors).toEqual({ 'people.1.name': '「公示名单」第2行「姓名」不能为空', title: '「标题」不能为空', days: '「公示期（工作日）」应为大于 0 的整数' })
  })

  it('keeps no field error for a key path that is not on the form, and still throws it', async () => {
    const s = useDocsStore()
    await s.loadKinds()
    for (const field of ['kind', 'replaces', '']) {
      api.preview.mockRejectedValueOnce(new ApiError('invalid', '更正件应与原件同类：原件是公示', field))
      await expect(s.previewDraft()).rejects.toMatchObject({ message: '更正件应与原件同类：原件是公示' })
      expect(s.fieldErrors).toEqual({})
    }
  })

  it('issues the draft, shows what was issued and reads the archive again', async () => {
    api.issue.mockResolvedValue(file({ issued: issued() }))
    api.list.mockResolvedValue({ items: [issued()], total: 1, voided: 0 })
    const s = useDocsStore()
    await s.loadKinds()
    s.fillExample()
    const f = await s.issue()
    expect(api.issue).toHaveBeenCalledWith('notice', expect.any(String), '', expect.stringMatching(/^[0-9a-f-]{36}$/))
    expect(f.issued?.number).toBe('2026-通知-0001')
    expect(s.preview?.issued?.number).toBe('2026-通知-0001')
    expect(api.list).toHaveBeenCalledWith('', '', ARCHIVE_PAGE_SIZE, 0, '', false)
    expect(s.archive.total).toBe(1)
  })

  it('corrects an issued document: its input in the form of its kind, and the next issue replaces it', async () => {
    const old = issued({ input: JSON.stringify({ title: '关于停水的通知', body: '原文', date: '2026-11-20' }) })
    api.issue.mockResolvedValue(file({ issued: issued({ id: 'd2', number: '2026-通知-0002', replaces: 'd1', replacesNumber: '2026-通知-0001' }) }))
    const s = useDocsStore()
    await s.loadKinds()
    s.selectKind('ledger')
    s.correct(old)
    expect(s.kindName).toBe('notice')
    expect(s.draft).toEqual({ title: '关于停水的通知', body: '原文', attachments: [], date: '2026-11-20' })
    expect(s.correcting?.number).toBe('2026-通知-0001')
    s.selectKind('ledger')
    expect(s.correcting).toBeNull() // only the draft of its own kind corrects it
    api.preview.mockResolvedValue(file())
    api.saveDraft.mockResolvedValue('')
    await s.previewDraft()
    expect(api.preview).toHaveBeenLastCalledWith('ledger', expect.any(String), '')
    s.selectKind('notice')
    s.draft.body = '更正后的正文'
    // The preview and a saved draft of the correction say what it corrects, as the issued one will.
    await s.previewDraft()
    expect(api.preview).toHaveBeenLastCalledWith('notice', expect.stringContaining('更正后的正文'), 'd1')
    await s.saveDraft()
    expect(api.saveDraft).toHaveBeenLastCalledWith('notice', expect.any(String), 'd1')
    await s.issue()
    expect(api.issue).toHaveBeenCalledWith('notice', expect.stringContaining('更正后的正文'), 'd1', expect.any(String))
    expect(s.replacing).toBeNull()
  })

  it('issues a draft once: the same draft keeps its id and shows what it was issued as until it changes', async () => {
    api.issue.mockResolvedValue(file({ issued: issued() }))
    api.list.mockResolvedValue({ items: [issued()], total: 1, voided: 0 })
    const s = useDocsStore()
    await s.loadKinds()
    s.fillExample()
    expect(s.issuedDraft).toBeNull()
    await s.issue()
    expect(s.issuedDraft?.number).toBe('2026-通知-0001')
    const firstId = api.issue.mock.calls[0][3]
    // A second issue of the unchanged draft sends the same id (the backend refuses it).
    await s.issue()
    expect(api.issue.mock.calls[1][3]).toBe(firstId)
    // Changed, it is a new draft with a new id; another kind's draft is no change.
    s.selectKind('ledger')
    s.selectKind('notice')
    await nextTick()
    expect(s.issuedDraft?.number).toBe('2026-通知-0001')
    s.draft.title = '关于停水的补充通知'
    await nextTick()
    expect(s.issuedDraft).toBeNull()
    await s.issue()
    expect(api.issue.mock.calls[2][3]).not.toBe(firstId)
  })

  it('voids an issued document with a reason and reads the archive again', async () => {
    api.void.mockResolvedValue(issued({ voidedAt: '2026-11-27T10:00:00', voidReason: '日期写错' }))
    api.list.mockResolvedValue({ items: [issued({ voidedAt: '2026-11-27T10:00:00' })], total: 1, voided: 1 })
    const s = useDocsStore()
    await s.voidDoc('d1', '日期写错')
    expect(api.void).toHaveBeenCalledWith('d1', '日期写错')
    expect(s.archive.voided).toBe(1)
  })

  it('keeps the correction when the issue is refused', async () => {
    api.issue.mockRejectedValue(new ApiError('conflict', '存档号 2026-通知-0001 已被 2026-通知-0002 更正，请更正最新的一份'))
    const s = useDocsStore()
    await s.loadKinds()
    s.correct(issued())
    await expect(s.issue()).rejects.toBeInstanceOf(ApiError)
    expect(s.correcting?.id).toBe('d1')
    expect(s.fieldErrors).toEqual({})
    s.cancelCorrection()
    expect(s.correcting).toBeNull()
  })

  it('drops the preview of a correction when the correction is cancelled, and previews without it', async () => {
    api.preview.mockResolvedValue(file())
    const s = useDocsStore()
    await s.loadKinds()
    s.correct(issued())
    await s.previewDraft()
    expect(s.preview).not.toBeNull()
    s.cancelCorrection()
    expect(s.preview).toBeNull()
    await s.previewDraft()
    expect(api.preview).toHaveBeenLastCalledWith('notice', expect.any(String), '')
  })

  it('pages and filters the archive', async () => {
    api.list.mockResolvedValue({ items: [issued()], total: 45 })
    const s = useDocsStore()
    await s.loadArchive(3)
    expect(api.list).toHaveBeenLastCalledWith('', '', ARCHIVE_PAGE_SIZE, 2 * ARCHIVE_PAGE_SIZE, '', false)
    expect(s.archivePage).toBe(3)
    await s.filterArchive('notice', ' 停水 ')
    expect(api.list).toHaveBeenLastCalledWith('notice', '停水', ARCHIVE_PAGE_SIZE, 0, '', false)
    expect(s.archivePage).toBe(1)
  })

  it('opens an issued document to view it and saves it where the officer chooses', async () => {
    api.open.mockResolvedValue(file({ issued: issued() }))
    api.saveIssued.mockResolvedValue('')
    api.saveDraft.mockResolvedValue('/home/x/草稿 关于开展评选活动的通知.pdf')
    const s = useDocsStore()
    await s.loadKinds()
    await s.open('d1')
    expect(s.viewing?.issued?.sha256).toBe('ab'.repeat(32))
    expect(await s.saveIssued('d1')).toBe('')
    expect(await s.saveDraft()).toBe('/home/x/草稿 关于开展评选活动的通知.pdf')
    expect(api.saveDraft).toHaveBeenCalledWith('notice', expect.any(String), '')
    api.saveWord.mockResolvedValue('/home/x/关于开展评选活动的通知.docx')
    expect(await s.saveWord()).toBe('/home/x/关于开展评选活动的通知.docx')
    expect(api.saveWord).toHaveBeenCalledWith('notice', expect.any(String), '')
  })

  it('chooses and resets fonts, keeping the list the backend gives, and reads the licences once', async () => {
    const font = (over: Partial<DocFont> = {}): DocFont => ({
      role: 'fang', label: '仿宋', name: '内置仿宋替代字体', embedded: true, chosen: '', problem: '', ...over,
    })
    api.fonts.mockResolvedValue([font()])
    const chosen = font({ name: '仿宋（仿宋_GB2312，自选）', embedded: false, chosen: '/home/x/仿宋_GB2312.ttf' })
    api.chooseFont.mockResolvedValue([chosen])
    api.resetFont.mockResolvedValue([font()])
    api.fontLicenses.mockResolvedValue([{ font: 'NotoSerifSC', text: 'SIL Open Font License' }])
    const s = useDocsStore()
    await s.loadFonts()
    expect(s.fonts).toEqual([font()])
    await s.chooseFont('fang')
    expect(api.chooseFont).toHaveBeenCalledWith('fang')
    expect(s.fonts).toEqual([chosen])
    api.chooseFont.mockRejectedValueOnce(new ApiError('invalid', '字体文件 simsun.ttc 是字体集合（.ttc），无法嵌入 PDF'))
    await expect(s.chooseFont('fang')).rejects.toBeInstanceOf(ApiError)
    expect(s.fonts).toEqual([chosen])
    await s.resetFont('fang')
    expect(api.resetFont).toHaveBeenCalledWith('fang')
    expect(s.fonts).toEqual([font()])
    expect(await s.loadLicenses()).toHaveLength(1)
    await s.loadLicenses()
    expect(api.fontLicenses).toHaveBeenCalledTimes(1)
  })
})
