import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  choices: vi.fn(), villages: vi.fn(), advisers: vi.fn(), settings: vi.fn(), list: vi.fn(), get: vi.fn(), documents: vi.fn(), alerts: vi.fn(),
  submit: vi.fn(), remove: vi.fn(), startReview: vi.fn(),
}))
vi.mock('../api/contracts', async (orig) => ({ ...(await orig<typeof import('../api/contracts')>()), contractsApi: api }))

import { useContractsStore } from './contracts'

const request = (id: string, state = '待审') => ({ id, state, versions: [], changes: [], reviews: [], risks: [], events: [] })
const served = (villageId: string, since: string, until = '') => ({ id: `${villageId}-${since}`, villageId, villageName: villageId, since, until, attendance: { invited: 0, present: 0 } })

describe('contracts store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.list.mockResolvedValue({ total: 0, items: [] })
    api.documents.mockResolvedValue([])
    api.alerts.mockResolvedValue([])
    api.advisers.mockResolvedValue([])
  })

  it('names the states by their place in the backend\'s list', async () => {
    const s = useContractsStore()
    api.choices.mockResolvedValue({ types: [], states: ['a', 'b', 'c', 'd', 'e', 'f'], conclusions: [], checklist: [], checkResults: [], riskLevels: [], procedureItem: '' })
    await s.loadChoices()
    expect(s.states).toEqual({ waiting: 'a', reviewing: 'b', opinion: 'c', returned: 'd', signed: 'e', abandoned: 'f' })
  })

  it('reads the open request, the list and only what was read before again after a write on it', async () => {
    const s = useContractsStore()
    api.get.mockResolvedValueOnce(request('r1')).mockResolvedValueOnce(request('r1', '审查中'))
    await s.open('r1')
    await s.change(() => api.startReview('r1', ''))
    expect(s.current?.state).toBe('审查中')
    expect(api.documents).toHaveBeenCalledTimes(2)
    expect(api.list).toHaveBeenCalledTimes(1)
    expect(api.alerts).not.toHaveBeenCalled() // not read yet: not read for the write either
    await s.loadAlerts()
    await s.change(() => api.startReview('r1', ''))
    expect(api.alerts).toHaveBeenCalledTimes(2)
  })

  it('closes a request it deletes', async () => {
    const s = useContractsStore()
    api.get.mockResolvedValue(request('r1'))
    await s.open('r1')
    await s.remove('r1')
    expect(api.remove).toHaveBeenCalledWith('r1')
    expect(s.current).toBeNull()
  })

  it('finds the adviser serving a village on a day', async () => {
    const s = useContractsStore()
    api.advisers.mockResolvedValue([
      { id: 'old', name: 'A', villages: [served('v1', '2024-01-01', '2025-12-31')] },
      { id: 'new', name: 'B', villages: [served('v1', '2026-01-01'), served('v2', '2026-03-01')] },
    ])
    await s.loadAdvisers()
    expect(s.villageAdviser('v1', '2025-06-01')?.id).toBe('old')
    expect(s.villageAdviser('v1', '2026-06-01')?.id).toBe('new')
    expect(s.villageAdviser('v2', '2026-02-01')).toBeUndefined()
    expect(s.villageAdviser('v3', '2026-06-01')).toBeUndefined()
  })
})
