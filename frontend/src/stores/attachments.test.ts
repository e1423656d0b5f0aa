import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Attachment } from '../api/attachments'

const api = vi.hoisted(() => ({
  limits: vi.fn(), list: vi.fn(), add: vi.fn(), thumbnail: vi.fn(), preview: vi.fn(), pdf: vi.fn(), saveAs: vi.fn(),
  openExternal: vi.fn(), remove: vi.fn(), restore: vi.fn(),
}))
vi.mock('../api/attachments', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api/attachments')>()), attachmentsApi: api }))

import { useAttachmentsStore } from './attachments'

const att = (id: string, over: Partial<Attachment> = {}): Attachment => ({
  id, owner: { table: 'cases', id: 'c1' }, sha256: 'ab'.repeat(32), name: `${id}.jpg`, mime: 'image/jpeg', size: 1000, note: '',
  addedAt: '2026-11-27T02:00:00Z', addedBy: 'x', view: 'image', thumb: true, ...over,
})

// deferred is a promise the test settles when it chooses.
function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => { resolve = r })
  return { promise, resolve }
}

describe('attachments store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('lists a record, then asks for the thumbnails of its photos one at a time; a failed one is an icon', async () => {
    api.list.mockResolvedValue([att('a'), att('p', { mime: 'application/pdf', view: 'pdf', thumb: false }), att('b'), att('c')])
    let running = 0
    let most = 0
    api.thumbnail.mockImplementation(async (id: string) => {
      most = Math.max(most, ++running)
      await Promise.resolve()
      running--
      if (id === 'b') throw new Error('damaged')
      return `data:${id}`
    })
    const s = useAttachmentsStore()
    await s.load({ table: 'cases', id: 'c1' })
    expect(s.items.map((a) => a.id)).toEqual(['a', 'p', 'b', 'c'])
    expect(api.thumbnail.mock.calls.map((c) => c[0])).toEqual(['a', 'b', 'c'])
    expect(most).toBe(1)
    expect(s.thumbs).toEqual({ a: 'data:a', b: '', c: 'data:c' })
    // Loaded again (after an add), thumbnails already made are not asked for again.
    api.list.mockResolvedValue([att('a'), att('d')])
    await s.load({ table: 'cases', id: 'c1' })
    expect(api.thumbnail.mock.calls.map((c) => c[0])).toEqual(['a', 'b', 'c', 'd'])
  })

  it('drops what an older record\'s load brings once another record is opened', async () => {
    const slow = deferred<Attachment[]>()
    api.list.mockImplementationOnce(() => slow.promise).mockResolvedValueOnce([att('x', { owner: { table: 'cases', id: 'c2' } })])
    api.thumbnail.mockImplementation(async (id: string) => `data:${id}`)
    const s = useAttachmentsStore()
    const first = s.load({ table: 'cases', id: 'c1' })
    await s.load({ table: 'cases', id: 'c2' })
    slow.resolve([att('old')])
    await first
    expect(s.items.map((a) => a.id)).toEqual(['x'])
    expect(s.thumbs).toEqual({ x: 'data:x' })
    expect(s.owner).toEqual({ table: 'cases', id: 'c2' })
  })

  it('adds to the open record and lists again; a cancelled dialog or only refused files change nothing', async () => {
    api.list.mockResolvedValue([])
    const s = useAttachmentsStore()
    expect(await s.add()).toEqual({ added: [], refused: [] }) // no record open
    expect(api.add).not.toHaveBeenCalled()
    await s.load({ table: 'cases', id: 'c1' })
    api.add.mockResolvedValueOnce({ added: [], refused: [] })
    expect(await s.add()).toEqual({ added: [], refused: [] })
    const refused = [{ name: 'a.exe', message: 'not a photo' }]
    api.add.mockResolvedValueOnce({ added: [], refused })
    expect((await s.add()).refused).toEqual(refused)
    expect(api.list).toHaveBeenCalledTimes(1)
    api.add.mockResolvedValueOnce({ added: [att('n')], refused })
    api.list.mockResolvedValue([att('n')])
    api.thumbnail.mockResolvedValue('data:n')
    const r = await s.add()
    expect(r.added.map((a) => a.id)).toEqual(['n'])
    expect(r.refused).toEqual(refused)
    expect(api.add).toHaveBeenLastCalledWith({ table: 'cases', id: 'c1' })
    expect(s.items.map((a) => a.id)).toEqual(['n'])
  })

  it('removes and restores through the backend, listing again each time', async () => {
    api.list.mockResolvedValueOnce([att('a')]).mockResolvedValueOnce([]).mockResolvedValueOnce([att('a')])
    api.thumbnail.mockResolvedValue('data:a')
    const s = useAttachmentsStore()
    await s.load({ table: 'cases', id: 'c1' })
    await s.remove('a')
    expect(api.remove).toHaveBeenCalledWith('a')
    expect(s.items).toEqual([])
    await s.restore('a')
    expect(api.restore).toHaveBeenCalledWith('a')
    expect(s.items.map((x) => x.id)).toEqual(['a'])
  })
})
