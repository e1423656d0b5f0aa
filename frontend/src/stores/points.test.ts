import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

const api = vi.hoisted(() => ({
  choices: vi.fn(), villages: vi.fn(), rules: vi.fn(), goods: vi.fn(), balances: vi.fn(), households: vi.fn(), account: vi.fn(),
  earn: vi.fn(), redeem: vi.fn(),
}))
vi.mock('../api/points', async (orig) => ({ ...(await orig<typeof import('../api/points')>()), pointsApi: api }))

import { usePointsStore } from './points'
import { lastMonth } from '../api/points'

const household = (id: string) => ({ id, code: '001', head: 'h', villageId: 'v1', villageName: 'v', group: 'g', place: 'p' })
const acct = (id: string, balance: number) => ({ household: household(id), earned: balance, deducted: 0, redeemed: 0, balance, entries: [] })
const deferred = <T>() => {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('points store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.villages.mockResolvedValue([{ id: 'v1', name: 'a' }, { id: 'v2', name: 'b' }])
    api.balances.mockResolvedValue([])
    api.goods.mockResolvedValue([])
    api.rules.mockResolvedValue([])
  })

  it('names the kinds of entry by their place in the backend\'s list', async () => {
    const s = usePointsStore()
    api.choices.mockResolvedValue({ categories: [], kinds: ['x', 'y', 'z'] })
    await s.loadChoices()
    expect(s.kinds).toEqual({ earn: 'x', deduct: 'y', redeem: 'z' })
  })

  it('keeps the village chosen before on this computer, or takes the first', async () => {
    const s = usePointsStore()
    await s.loadVillages()
    expect(s.villageId).toBe('v1')
    await s.setVillage('v2')
    expect(localStorage.getItem('xiangzhi.points.village')).toBe('v2')
    setActivePinia(createPinia())
    const again = usePointsStore()
    await again.loadVillages()
    expect(again.villageId).toBe('v2')
    api.villages.mockResolvedValue([{ id: 'v3', name: 'c' }]) // v2 is gone
    await again.loadVillages()
    expect(again.villageId).toBe('v3')
  })

  it('drops what was read for a village chosen before', async () => {
    const s = usePointsStore()
    await s.loadVillages()
    const slow = deferred<unknown[]>()
    api.balances.mockReturnValueOnce(slow.promise).mockResolvedValueOnce([acct('h2', 7)])
    const first = s.loadBalances()
    await s.setVillage('v2')
    slow.resolve([acct('h1', 3)])
    await first
    expect(s.balances.map((a) => a.household.id)).toEqual(['h2'])
    expect(s.loading).toBe(false)
  })

  it('reads the account, the balances and the goods (once read) again after an entry', async () => {
    const s = usePointsStore()
    await s.loadVillages()
    api.account.mockResolvedValueOnce(acct('h1', 40)).mockResolvedValueOnce(acct('h1', 20))
    await s.open('h1')
    api.earn.mockResolvedValue('e1')
    await s.change(() => api.earn({}))
    expect(s.current?.balance).toBe(20)
    expect(api.balances).toHaveBeenCalledTimes(1)
    expect(api.goods).not.toHaveBeenCalled() // not read yet: not read for the write either
    await s.loadGoods()
    await s.change(() => api.redeem({}))
    expect(api.goods).toHaveBeenCalledTimes(2)
    expect(api.rules).not.toHaveBeenCalled()
  })

  it('forgets the other village\'s lists and account when another is chosen', async () => {
    const s = usePointsStore()
    await s.loadVillages()
    api.account.mockResolvedValue(acct('h1', 40))
    await s.open('h1')
    await s.loadRules()
    await s.setVillage('v2')
    expect(s.current).toBeNull()
    expect(s.rules).toBeNull()
    expect(api.balances).toHaveBeenLastCalledWith('v2')
  })
})

describe('lastMonth', () => {
  it('is the month before, across the new year', () => {
    expect(lastMonth('2026-12-05')).toBe('2026-11')
    expect(lastMonth('2027-01-31')).toBe('2026-12')
    expect(lastMonth('2026-10-01')).toBe('2026-09')
  })
})
