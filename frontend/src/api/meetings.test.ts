import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Get: vi.fn(), List: vi.fn(), AddResolution: vi.fn(), OrderCase: vi.fn(), RepYears: vi.fn(), Held: vi.fn(), Start: vi.fn(), Draft: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/MeetingService', () => binding)

import { ApiError } from './call'
import { meetingsApi } from './meetings'

const quorum = { members: 3, present: 2, leave: 1, absent: 0, unmarked: 0, observers: 0, rule: '', needed: 0, met: true, line: '' }

describe('meetingsApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('reads a meeting never with null lists, an item without a case as null', async () => {
    binding.Get.mockResolvedValue({
      id: 'm1', members: null, addenda: null, quorum,
      items: [{ id: 'i1', title: 'x', caseId: '', case: null, resolutionId: '', note: '' }, { id: 'i2', title: 'y', caseId: 'c1', case: { id: 'c1', number: 'A-1' } }],
      resolutions: [{ id: 'r1', recused: null, recusedNames: null, cases: null }],
    })
    const m = await meetingsApi.get('m1')
    expect(binding.Get).toHaveBeenCalledWith('m1')
    expect(m.members).toEqual([])
    expect(m.addenda).toEqual([])
    expect(m.items[0].case).toBeNull()
    expect(m.items[1].case?.number).toBe('A-1')
    expect(m.resolutions[0]).toMatchObject({ recused: [], recusedNames: [], cases: [] })
  })

  it('gives the list\'s meetings as items', async () => {
    binding.List.mockResolvedValue({ total: 0, meetings: null })
    expect(await meetingsApi.list({ villageId: '', kind: '', state: '', from: '', to: '', limit: 20, offset: 0 })).toEqual({ total: 0, items: [] })
  })

  it('sends a decision without a vote with the vote left out, and one with its vote', async () => {
    binding.AddResolution.mockResolvedValue('r1')
    await meetingsApi.addResolution('m1', { itemId: '', text: '修渠', vote: null, handler: '', dueOn: '' })
    expect(binding.AddResolution.mock.calls[0][1].vote).toBeUndefined()
    expect(JSON.stringify(binding.AddResolution.mock.calls[0][1])).not.toContain('vote')
    const vote = { for: 5, against: 1, abstain: 0, recused: ['x'] }
    await meetingsApi.addResolution('m1', { itemId: '', text: '修渠', vote, handler: '', dueOn: '' })
    expect(binding.AddResolution.mock.calls[1][1].vote).toEqual(vote)
  })

  it('gives a case ordered with its slip, or null when none was issued', async () => {
    binding.OrderCase.mockResolvedValue({ caseId: 'c1', number: 'A-1', action: '立案', slip: { id: '', number: '' } })
    expect((await meetingsApi.orderCase('r1', { caseId: '', summary: 's', category: 'c', description: '', level: '', handler: 'h', days: 0 })).slip).toBeNull()
    binding.OrderCase.mockResolvedValue({ caseId: 'c1', number: 'A-1', action: '交办', slip: { id: 'd1', number: '2026-交办单-0001' } })
    expect((await meetingsApi.orderCase('r1', { caseId: 'c1', summary: '', category: '', description: '', level: '组', handler: 'h', days: 5 })).slip?.id).toBe('d1')
  })

  it('reads a representative without a review as review null', async () => {
    binding.RepYears.mockResolvedValue([{ residentId: 'p1', review: { id: '', grade: '' } }, { residentId: 'p2', review: { id: 'v1', grade: '称职' } }])
    const reps = await meetingsApi.repYears('v', 2026)
    expect(reps[0].review).toBeNull()
    expect(reps[1].review?.grade).toBe('称职')
    binding.Held.mockResolvedValue({ total: 0, final: 0, byKind: null, members: 0, present: 0, resolutions: 0, cases: 0 })
    expect((await meetingsApi.held('', '', '')).byKind).toEqual([])
  })

  it('turns a refusal into an ApiError with its code and field', async () => {
    binding.Start.mockRejectedValue({ code: 'invalid', message: '会议日期是 2026年12月1日，还没到，不能开始；日期有变请先修改', field: 'date' })
    const e = await meetingsApi.start('m1').catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ code: 'invalid', field: 'date' })
  })

  it('gives a draft of the minutes as a file with no archive record', async () => {
    binding.Draft.mockResolvedValue({ pdf: 'JVBE', pages: 2, size: 100, title: '会议纪要', issued: { id: '' } })
    expect(await meetingsApi.draft('m1', 'summary')).toEqual({ pdf: 'JVBE', pages: 2, size: 100, title: '会议纪要', issued: null })
    expect(binding.Draft).toHaveBeenCalledWith('m1', 'summary')
  })
})
