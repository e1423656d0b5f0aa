import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  choices: vi.fn(), villages: vi.fn(), list: vi.fn(), get: vi.fn(), documents: vi.fn(), due: vi.fn(), create: vi.fn(), remove: vi.fn(), markRest: vi.fn(),
}))
vi.mock('../api/meetings', async (orig) => ({ ...(await orig<typeof import('../api/meetings')>()), meetingsApi: api }))

import { useMeetingsStore } from './meetings'
import { isoDay } from '../utils/format'

const meeting = (id: string, present = 0) => ({ id, title: id, members: [], items: [], resolutions: [], addenda: [], quorum: { present } })

describe('meetings store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.list.mockResolvedValue({ total: 0, items: [] })
    api.documents.mockResolvedValue([])
    api.due.mockResolvedValue([])
  })

  it('reads the open meeting and the list again after a write on it', async () => {
    const s = useMeetingsStore()
    api.get.mockResolvedValueOnce(meeting('m1')).mockResolvedValueOnce(meeting('m1', 5))
    await s.open('m1')
    api.markRest.mockResolvedValue(5)
    const n = await s.change(() => api.markRest('m1'))
    expect(n).toBe(5)
    expect(s.current?.quorum.present).toBe(5)
    expect(api.list).toHaveBeenCalledTimes(1)
    expect(api.due).not.toHaveBeenCalled() // not read yet: not read for the write either
  })

  it('calls the meeting a village owes for today, and reads the due meetings again once read', async () => {
    const s = useMeetingsStore()
    await s.loadDue()
    api.create.mockResolvedValue('m9')
    expect(await s.hold({ villageId: 'v1', kind: '民情分析会' })).toBe('m9')
    expect(api.create).toHaveBeenCalledWith(expect.objectContaining({ villageId: 'v1', kind: '民情分析会', date: isoDay(), title: '' }))
    expect(api.due).toHaveBeenCalledTimes(2)
  })

  it('closes a meeting it deletes', async () => {
    const s = useMeetingsStore()
    api.get.mockResolvedValue(meeting('m1'))
    await s.open('m1')
    await s.remove('m1')
    expect(api.remove).toHaveBeenCalledWith('m1')
    expect(s.current).toBeNull()
  })
})
