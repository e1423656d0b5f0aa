import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({ GetHousehold: vi.fn(), Cadence: vi.fn(), Choices: vi.fn(), PossibleDuplicates: vi.fn(), SettleDuplicate: vi.fn() }))
vi.mock('../../wailsjs/go/app/GridService', () => binding)

import { gridApi } from './grid'

describe('gridApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('reads one household with its full phone', async () => {
    binding.GetHousehold.mockResolvedValue({ id: 'h1', neighbourhoodId: 'n1', code: '0001', address: '3组8号', phone: '13812345678', tags: null, isKey: false, notes: '', headName: '', members: 0 })
    const h = await gridApi.getHousehold('h1')
    expect(binding.GetHousehold).toHaveBeenCalledWith('h1')
    expect(h).toMatchObject({ phone: '13812345678', tags: [] })
  })

  it('never returns null lists of the tracker, the due households included', async () => {
    binding.Cadence.mockResolvedValue({ today: '2026-11-27', households: 0, due: 0, overdue: 0, byVillage: null, byLeader: null, items: null, dueItems: null })
    const r = await gridApi.cadence('v1', 500)
    expect(binding.Cadence).toHaveBeenCalledWith('v1', 500)
    expect(r).toMatchObject({ byVillage: [], byLeader: [], items: [], dueItems: [] })
  })

  it('gives the ethnicities with the other choices', async () => {
    binding.Choices.mockResolvedValue({ keyTags: ['低保户'], relations: ['户主'], visitForms: ['入户'], roles: {}, ethnicities: ['汉族', '苗族'] })
    expect((await gridApi.choices()).ethnicities).toEqual(['汉族', '苗族'])
    binding.Choices.mockResolvedValue({ keyTags: null, relations: null, visitForms: null, roles: null, ethnicities: null })
    expect(await gridApi.choices()).toEqual({ keyTags: [], relations: [], visitForms: [], roles: {}, ethnicities: [], statuses: [] })
  })

  it('lists possible duplicates and settles one, never with null lists', async () => {
    binding.PossibleDuplicates.mockResolvedValue(null)
    expect(await gridApi.possibleDuplicates()).toEqual([])
    binding.PossibleDuplicates.mockResolvedValue([{ idNumber: '431129********3215', residents: null, origins: null }])
    expect(await gridApi.possibleDuplicates()).toEqual([{ idNumber: '431129********3215', residents: [], origins: [] }])
    binding.SettleDuplicate.mockResolvedValue({ moved: 2, filled: null, emptyHouseholds: null })
    const d = { residentIds: ['a', 'b'], same: true, keepId: 'a', note: '' }
    expect(await gridApi.settleDuplicate(d)).toEqual({ moved: 2, filled: [], emptyHouseholds: [] })
    expect(binding.SettleDuplicate).toHaveBeenCalledWith(d)
  })
})
