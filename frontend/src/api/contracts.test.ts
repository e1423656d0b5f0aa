import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Get: vi.fn(), List: vi.fn(), Advisers: vi.fn(), Submit: vi.fn(), RecordOpinion: vi.fn(), Sign: vi.fn(), PrintRegister: vi.fn(),
  ExportRegister: vi.fn(), Settings: vi.fn(), Alerts: vi.fn(), Decisions: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/ContractService', () => binding)

import { ApiError } from './call'
import { blankRequest, contractsApi, formatYuan, termsOf, yuanInput, type Version } from './contracts'

describe('amounts', () => {
  it('shows 分 as 元 with thousands and two decimals', () => {
    expect(formatYuan(0)).toBe('¥0.00')
    expect(formatYuan(5)).toBe('¥0.05')
    expect(formatYuan(1250000)).toBe('¥12,500.00')
    expect(formatYuan(100000050)).toBe('¥1,000,000.50')
    expect(formatYuan(-1250)).toBe('-¥12.50')
  })

  it('gives 分 back as an officer types 元', () => {
    expect(yuanInput(0)).toBe('')
    expect(yuanInput(3750000)).toBe('37500')
    expect(yuanInput(1234550)).toBe('12345.5')
    expect(yuanInput(1234505)).toBe('12345.05')
  })

  it('prefills a resubmission from a version, amounts in 元 and no change note', () => {
    const v = {
      id: 'v1', version: 1, submittedOn: '2026-09-30', counterparty: '合作社', creditCode: 'X', representative: 'Y', amountFen: 3750000,
      amountYuan: '¥37,500.00', amountCapital: 'c', termStart: '2027-01-01', termEnd: '2029-12-31', renewal: 'r', noticeDays: 90,
      payments: [{ due: '2027-01-15', amountFen: 1250000, note: 'n' }], changeNote: 'old', by: 'w',
    } satisfies Version
    expect(termsOf(v)).toEqual({
      counterparty: '合作社', creditCode: 'X', representative: 'Y', amount: '37500', termStart: '2027-01-01', termEnd: '2029-12-31',
      renewal: 'r', noticeDays: 90, payments: [{ due: '2027-01-15', amount: '12500', note: 'n' }], changeNote: '',
    })
  })
})

describe('contractsApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('reads a request never with null lists, no decision as null', async () => {
    binding.Get.mockResolvedValue({
      id: 'r1', resolution: { id: '' }, versions: [{ id: 'v1', payments: null }], changes: [{ version: 2, changes: null }],
      reviews: [{ id: 'x', checklist: null }], risks: null, events: null,
    })
    const r = await contractsApi.get('r1')
    expect(binding.Get).toHaveBeenCalledWith('r1')
    expect(r.resolution).toBeNull()
    expect(r.versions[0].payments).toEqual([])
    expect(r.changes[0].changes).toEqual([])
    expect(r.reviews[0].checklist).toEqual([])
    expect(r.risks).toEqual([])
    expect(r.events).toEqual([])
    binding.Get.mockResolvedValue({ id: 'r1', resolution: { id: 'd1', text: '同意' } })
    expect((await contractsApi.get('r1')).resolution?.text).toBe('同意')
  })

  it('gives the list and the advisers never with null lists', async () => {
    binding.List.mockResolvedValue({ total: 0, items: null })
    expect(await contractsApi.list({ villageId: '', state: 'open', type: '', year: 0, overdue: false, words: '', limit: 20, offset: 0 }))
      .toEqual({ total: 0, items: [] })
    binding.Advisers.mockResolvedValue([{ id: 'a1', name: '周敏', villages: null, attendance: null }, { id: 'a2', villages: [{ id: 's', attendance: null }] }])
    const list = await contractsApi.advisers()
    expect(list[0]).toMatchObject({ villages: [], attendance: { invited: 0, present: 0 } })
    expect(list[1].villages[0].attendance).toEqual({ invited: 0, present: 0 })
    binding.Settings.mockResolvedValue({ majorTypes: null, majorAmountFen: 0, majorAmount: '0', reviewDays: 5, alertDays: 30 })
    expect((await contractsApi.settings()).majorTypes).toEqual([])
    binding.Alerts.mockResolvedValue(null)
    expect(await contractsApi.alerts()).toEqual([])
  })

  it('sends a request with its procedure beside its fields, as the backend embeds it', async () => {
    binding.Submit.mockResolvedValue('r1')
    const input = { ...blankRequest(), villageId: 'v', title: '合同', resolutionId: 'd1' }
    expect(await contractsApi.submit(input)).toBe('r1')
    expect(binding.Submit.mock.calls[0][0]).toMatchObject({ villageId: 'v', resolutionId: 'd1', noResolution: '', terms: { payments: [] } })
  })

  it('gives the opinion issued as a file with its archive record, the register as a draft', async () => {
    binding.RecordOpinion.mockResolvedValue({ pdf: 'JVBE', pages: 2, size: 10, title: '合同审查意见书', issued: { id: 'd1', number: '丹口-2026-意见书-0001' } })
    expect((await contractsApi.recordOpinion('r1', { checklist: [], risks: [], answered: [], conclusion: '', reasons: '', reservations: '' })).issued?.id).toBe('d1')
    binding.PrintRegister.mockResolvedValue({ pdf: 'JVBE', pages: 1, size: 10, title: '台账', issued: { id: '' } })
    expect((await contractsApi.printRegister('', 2026)).issued).toBeNull()
    expect(binding.PrintRegister).toHaveBeenCalledWith('', 2026)
    binding.ExportRegister.mockResolvedValue('')
    expect(await contractsApi.exportRegister('v', 2026)).toBe('')
  })

  it('turns a refusal into an ApiError with its code and field', async () => {
    binding.Sign.mockRejectedValue({ code: 'invalid', message: '法律顾问的意见是不同意签订；确需签订的，请写明理由', field: 'override' })
    const e = await contractsApi.sign('r1', { signedOn: '', override: '' }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ code: 'invalid', field: 'override' })
  })
})
