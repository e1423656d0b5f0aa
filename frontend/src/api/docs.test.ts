import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Kinds: vi.fn(), Fonts: vi.fn(), ChooseFont: vi.fn(), ResetFont: vi.fn(), FontLicenses: vi.fn(), Preview: vi.fn(), Issue: vi.fn(), List: vi.fn(), Open: vi.fn(), SaveIssued: vi.fn(), SaveDraft: vi.fn(), SaveWord: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/DocService', () => binding)

import { base64ToBytes, docsApi, type Issued } from './docs'
import { ApiError } from './call'

const emptyIssued = {
  id: '', number: '', kind: '', kindLabel: '', title: '', docDate: '', sha256: '', input: '', pages: 0, size: 0, issuer: '',
  issuedAt: '', replaces: '', replacesNumber: '', replacedBy: '', docNumber: '', draftId: '', voidedAt: '', voidReason: '', voidedBy: '',
}
const issued: Issued = {
  ...emptyIssued, id: 'd1', number: '2026-通知-0001', kind: 'notice', kindLabel: '通知', title: '关于开展评选活动的通知',
  docDate: '2026-11-27', sha256: 'ab'.repeat(32), input: '{"title":"关于开展评选活动的通知"}', pages: 2, size: 35000,
  issuer: '杨明', issuedAt: '2026-11-27T09:31:00',
}

describe('docsApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('gives every kind with complete fields, never null lists', async () => {
    binding.Kinds.mockResolvedValue([
      { name: 'notice', label: '通知', landscape: false, example: '{}', fields: [
        { key: 'title', label: '标题', type: 'text', required: true, max: 80 },
        { key: 'attachments', label: '附件', type: 'lines', required: false, max: 20 },
      ] },
      { name: 'gongshi', label: '公示', landscape: false, example: '{}', fields: [
        { key: 'people', label: '公示名单', type: 'table', required: true, columns: [{ key: 'risk', label: '风险等级', type: 'select', required: true, options: ['高', '中', '低'] }] },
      ] },
      { name: 'ledger', label: '台账', landscape: true, example: '{}', fields: null },
    ])
    const kinds = await docsApi.kinds()
    expect(kinds.map((k) => k.label)).toEqual(['通知', '公示', '台账'])
    expect(kinds[0].fields[0]).toEqual({ key: 'title', label: '标题', type: 'text', required: true, options: [], help: '', max: 80, columns: [] })
    expect(kinds[1].fields[0].columns[0]).toMatchObject({ key: 'risk', options: ['高', '中', '低'], columns: [], max: 0 })
    expect(kinds[2]).toMatchObject({ landscape: true, fields: [] })
  })

  it('gives the fonts, an empty list for none', async () => {
    binding.Fonts.mockResolvedValue(null)
    expect(await docsApi.fonts()).toEqual([])
    binding.Fonts.mockResolvedValue([{ role: 'fang', label: '仿宋', name: '内置仿宋替代字体', embedded: true, chosen: '', problem: '' }])
    expect(await docsApi.fonts()).toEqual([{ role: 'fang', label: '仿宋', name: '内置仿宋替代字体', embedded: true, chosen: '', problem: '' }])
  })

  it('chooses and resets the font of a role, giving the fonts then in use', async () => {
    const chosen = { role: 'title', label: '小标宋', name: '小标宋（方正小标宋，自选）', embedded: false, chosen: 'D:/字体/FZXBS.ttf', problem: '' }
    binding.ChooseFont.mockResolvedValue([chosen])
    expect(await docsApi.chooseFont('title')).toEqual([chosen])
    expect(binding.ChooseFont).toHaveBeenCalledWith('title')
    binding.ResetFont.mockResolvedValue([{ role: 'title', label: '小标宋', name: '内置小标宋替代字体', embedded: true }])
    expect(await docsApi.resetFont('title')).toEqual([
      { role: 'title', label: '小标宋', name: '内置小标宋替代字体', embedded: true, chosen: '', problem: '' },
    ])
    expect(binding.ResetFont).toHaveBeenCalledWith('title')
    binding.ChooseFont.mockRejectedValue({ code: 'invalid', message: '字体文件 simsun.ttc 是字体集合（.ttc），无法嵌入 PDF；请选用单个 .ttf 字体文件' })
    await expect(docsApi.chooseFont('fang')).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('.ttc') })
  })

  it('gives the licences of the embedded fonts, an empty list for none', async () => {
    binding.FontLicenses.mockResolvedValue(null)
    expect(await docsApi.fontLicenses()).toEqual([])
    binding.FontLicenses.mockResolvedValue([{ font: 'NotoSerifSC', text: 'SIL Open Font License, Version 1.1' }])
    expect(await docsApi.fontLicenses()).toEqual([{ font: 'NotoSerifSC', text: 'SIL Open Font License, Version 1.1' }])
  })

  it('previews a draft, which has no archive record, with the document it corrects', async () => {
    binding.Preview.mockResolvedValue({ pdf: 'JVBERi0=', pages: 2, size: 35000, title: '关于开展评选活动的通知', issued: emptyIssued })
    const f = await docsApi.preview('notice', '{"title":"x"}')
    expect(binding.Preview).toHaveBeenCalledWith('notice', '{"title":"x"}', '')
    expect(f).toEqual({ pdf: 'JVBERi0=', pages: 2, size: 35000, title: '关于开展评选活动的通知', issued: null })
    await docsApi.preview('notice', '{}', 'd0')
    expect(binding.Preview).toHaveBeenLastCalledWith('notice', '{}', 'd0')
  })

  it('issues with the document it corrects, and gives its archive record', async () => {
    binding.Issue.mockResolvedValue({ pdf: 'JVBERi0=', pages: 2, size: 35000, title: issued.title, issued: { ...issued, replaces: 'd0', replacesNumber: '2026-通知-0000' } })
    const f = await docsApi.issue('notice', '{}', 'd0', 'draft-1')
    expect(binding.Issue).toHaveBeenCalledWith('notice', '{}', 'd0', 'draft-1')
    expect(f.issued).toMatchObject({ number: '2026-通知-0001', replacesNumber: '2026-通知-0000' })
    await docsApi.issue('notice', '{}', '', 'draft-2')
    expect(binding.Issue).toHaveBeenLastCalledWith('notice', '{}', '', 'draft-2')
  })

  it('turns a refused input into an ApiError naming the field', async () => {
    binding.Preview.mockRejectedValue({ code: 'invalid', message: '「标题」不能为空', field: 'title' })
    const err = await docsApi.preview('notice', '{}').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid', message: '「标题」不能为空', field: 'title' })
    binding.Preview.mockRejectedValue({ code: 'invalid', message: '「公示名单」第2行「姓名」第1个字“𠮷”（U+20BB7）是扩展区的生僻字', field: 'people.1.name' })
    expect(await docsApi.preview('gongshi', '{}').catch((e) => e)).toMatchObject({ field: 'people.1.name' })
  })

  it('lists a page of the archive, never a null list', async () => {
    binding.List.mockResolvedValue({ items: null, total: 0 })
    expect(await docsApi.list('', '', 20, 0)).toEqual({ items: [], total: 0, voided: 0 })
    binding.List.mockResolvedValue({ items: [issued], total: 21, voided: 2 })
    expect(await docsApi.list('notice', '评选', 20, 20)).toEqual({ items: [issued], total: 21, voided: 2 })
    expect(binding.List).toHaveBeenLastCalledWith('notice', '评选', '', false, 20, 20)
    await docsApi.list('', '', 20, 0, 'number', true)
    expect(binding.List).toHaveBeenLastCalledWith('', '', 'number', true, 20, 0)
  })

  it('opens an issued document with its record', async () => {
    binding.Open.mockResolvedValue({ pdf: 'JVBERi0=', pages: 2, size: 35000, title: issued.title, issued })
    expect((await docsApi.open('d1')).issued).toEqual(issued)
    expect(binding.Open).toHaveBeenCalledWith('d1')
  })

  it('gives the saved path, or an empty one when the save dialog was cancelled', async () => {
    binding.SaveIssued.mockResolvedValue('/home/x/2026-通知-0001 关于开展评选活动的通知.pdf')
    expect(await docsApi.saveIssued('d1')).toBe('/home/x/2026-通知-0001 关于开展评选活动的通知.pdf')
    binding.SaveDraft.mockResolvedValue(null)
    expect(await docsApi.saveDraft('notice', '{}')).toBe('')
    expect(binding.SaveDraft).toHaveBeenCalledWith('notice', '{}', '')
    await docsApi.saveDraft('notice', '{}', 'd0')
    expect(binding.SaveDraft).toHaveBeenLastCalledWith('notice', '{}', 'd0')
    binding.SaveWord.mockResolvedValue('/home/x/关于开展评选活动的通知.docx')
    expect(await docsApi.saveWord('notice', '{}')).toBe('/home/x/关于开展评选活动的通知.docx')
    expect(binding.SaveWord).toHaveBeenCalledWith('notice', '{}', '')
  })
})

describe('base64ToBytes', () => {
  it('decodes what node encodes', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff)
    expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes)
    expect(base64ToBytes('')).toEqual(new Uint8Array(0))
  })
})
