import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '../api/call'
import type { RosterPreview } from '../api/roster'

const api = vi.hoisted(() => ({
  preview: vi.fn(), importRoster: vi.fn(), saveTemplate: vi.fn(), exportRoster: vi.fn(), exportCadence: vi.fn(),
}))
vi.mock('../api/roster', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api/roster')>()), rosterApi: api }))

const gridApi = vi.hoisted(() => ({ villages: vi.fn(), villageTree: vi.fn(), leaders: vi.fn(), households: vi.fn(), cadence: vi.fn() }))
vi.mock('../api/grid', () => ({ gridApi }))

import { useRosterStore } from './roster'
import { useGridStore } from './grid'

const preview = (over: Partial<RosterPreview> = {}): RosterPreview => ({
  token: 'p1', file: '丹口村.xlsx', total: 4, valid: 3, rejected: 1, existing: 0,
  problems: [{ row: 5, column: '身份证号', message: '身份证号校验位不对，请核对是否抄错' }], problemCount: 1, unknown: [],
  reportPath: '/data/reports/花名册问题清单-20261127-101500.xlsx', ...over,
})
const result = { added: 3, updated: 0, unchanged: 0, skipped: 0, households: 2, nodes: 4 }

describe('roster store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    gridApi.villages.mockResolvedValue([{ id: 'v1', name: '丹口村', kind: 'village', pieces: 1, groups: 1, neighbourhoods: 1, households: 2, residents: 3 }])
    gridApi.villageTree.mockResolvedValue({ id: 'v1', level: 'villages', name: '丹口村', households: 2, leader: '', children: [] })
    gridApi.leaders.mockResolvedValue([])
    gridApi.households.mockResolvedValue([])
  })

  it('has the file the officer chooses checked and moves on to the check', async () => {
    api.preview.mockResolvedValue(preview())
    const s = useRosterStore()
    await s.check()
    expect(api.preview).toHaveBeenCalledWith('')
    expect(s.step).toBe('check')
    expect(s.fileName).toBe('丹口村.xlsx')
    expect(s.preview?.valid).toBe(3)
    expect(s.validOnly).toBe(true)
    expect(s.canImport).toBe(true)
    expect(s.updateExisting).toBe(false)
    expect(s.checking).toBe(false)
  })

  it('stays on the first step with the error of a file that is not a roster', async () => {
    api.preview.mockRejectedValue(new ApiError('invalid', '工作表“Sheet1”缺少“村(社区)”、“组”列', 'village'))
    const s = useRosterStore()
    await s.check()
    expect(s.step).toBe('choose')
    expect(s.error).toMatchObject({ code: 'invalid', message: '工作表“Sheet1”缺少“村(社区)”、“组”列' })
    expect(s.preview).toBeNull()
  })

  it('leaves everything as it was when the officer cancels the file dialog', async () => {
    api.preview.mockResolvedValueOnce(preview()).mockResolvedValueOnce(preview({ token: '', file: '' }))
    const s = useRosterStore()
    await s.check()
    await s.check()
    expect(s).toMatchObject({ step: 'check', fileName: '丹口村.xlsx', checking: false, error: null })
    expect(s.preview?.token).toBe('p1')
  })

  it('imports only the valid rows when some are rejected, skipping people already registered, then reads the grid again', async () => {
    api.preview.mockResolvedValue(preview())
    api.importRoster.mockResolvedValue(result)
    const s = useRosterStore()
    await s.check()
    await s.importRows()
    expect(api.importRoster).toHaveBeenCalledWith('p1', true, false)
    expect(s.step).toBe('done')
    expect(s.result).toEqual(result)
    expect(gridApi.villages).toHaveBeenCalled()
    const grid = useGridStore()
    expect(grid.villageId).toBe('v1')
    expect(grid.tree?.name).toBe('丹口村')
  })

  it('imports everything of a clean roster, updating people already registered when chosen', async () => {
    api.preview.mockResolvedValue(preview({ rejected: 0, problems: [], reportPath: '', existing: 2, valid: 4 }))
    api.importRoster.mockResolvedValue({ ...result, added: 2, updated: 2 })
    const s = useRosterStore()
    await s.check()
    expect(s.validOnly).toBe(false)
    s.updateExisting = true
    await s.importRows()
    expect(api.importRoster).toHaveBeenCalledWith('p1', false, true)
  })

  it('keeps the check and the error when the import is refused, and reads nothing again', async () => {
    api.preview.mockResolvedValue(preview())
    api.importRoster.mockRejectedValue(new ApiError('not_found', '这份花名册的检查结果已失效，请重新选择文件'))
    const s = useRosterStore()
    await s.check()
    await s.importRows()
    expect(s.step).toBe('check')
    expect(s.error?.message).toMatch('已失效')
    expect(s.importing).toBe(false)
    expect(gridApi.villages).not.toHaveBeenCalled()
  })

  it('offers no import when no row is valid', async () => {
    api.preview.mockResolvedValue(preview({ valid: 0, rejected: 4 }))
    const s = useRosterStore()
    await s.check()
    expect(s.canImport).toBe(false)
    await s.importRows()
    expect(api.importRoster).not.toHaveBeenCalled()
  })

  it('starts over cleanly when another file is chosen', async () => {
    api.preview.mockResolvedValueOnce(preview()).mockRejectedValueOnce(new ApiError('invalid', '打不开这个表格文件，请确认它是 Excel 的 .xlsx 文件'))
    const s = useRosterStore()
    await s.check()
    s.updateExisting = true
    await s.check()
    expect(s).toMatchObject({ step: 'choose', fileName: '', preview: null, updateExisting: false })
    expect(s.error?.message).toMatch('打不开')
    s.reset()
    expect(s.error).toBeNull()
  })

  it('passes the exports through, an empty path meaning cancelled', async () => {
    api.saveTemplate.mockResolvedValue('')
    api.exportRoster.mockResolvedValue('/home/x/丹口村花名册.xlsx')
    api.exportCadence.mockResolvedValue('/home/x/走访督办-20261127.xlsx')
    const s = useRosterStore()
    expect(await s.saveTemplate()).toBe('')
    expect(await s.exportRoster('v1', '丹口村花名册')).toBe('/home/x/丹口村花名册.xlsx')
    expect(api.exportRoster).toHaveBeenCalledWith('v1', '丹口村花名册')
    expect(await s.exportCadence('v1')).toBe('/home/x/走访督办-20261127.xlsx')
    expect(api.exportCadence).toHaveBeenCalledWith('v1')
  })
})
