import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Preview: vi.fn(),
  Import: vi.fn(),
  SaveTemplate: vi.fn(),
  Export: vi.fn(),
  ExportCadence: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/RosterService', () => binding)

import { rosterApi } from './roster'
import { ApiError } from './call'

describe('rosterApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('passes the path to Preview and never returns null lists', async () => {
    binding.Preview.mockResolvedValue({ token: 'p1', file: 'a.xlsx', total: 2, valid: 2, rejected: 0, existing: 0, problems: null, unknown: null, reportPath: '' })
    const p = await rosterApi.preview('D:\\花名册\\a.xlsx')
    expect(binding.Preview).toHaveBeenCalledWith('D:\\花名册\\a.xlsx')
    expect(p).toMatchObject({ token: 'p1', problems: [], unknown: [], reportPath: '' })
  })

  it('turns a file that is not a roster into an ApiError', async () => {
    binding.Preview.mockRejectedValue({ code: 'invalid', message: '工作表“Sheet1”缺少“村(社区)”、“组”列', field: 'village' })
    const err = await rosterApi.preview('').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'invalid', message: '工作表“Sheet1”缺少“村(社区)”、“组”列' })
  })

  it('imports by token with the two choices', async () => {
    const result = { added: 3, updated: 0, unchanged: 0, skipped: 0, households: 2, nodes: 4 }
    binding.Import.mockResolvedValue(result)
    expect(await rosterApi.importRoster('p1', true, false)).toEqual(result)
    expect(binding.Import).toHaveBeenCalledWith('p1', true, false)
  })

  it('gives the saved path, or an empty one when the save dialog was cancelled', async () => {
    binding.SaveTemplate.mockResolvedValue('')
    expect(await rosterApi.saveTemplate()).toBe('')
    binding.Export.mockResolvedValue('/home/x/白毛坪村花名册.xlsx')
    expect(await rosterApi.exportRoster('v1', '白毛坪村花名册')).toBe('/home/x/白毛坪村花名册.xlsx')
    expect(binding.Export).toHaveBeenCalledWith('v1', '白毛坪村花名册')
    binding.ExportCadence.mockResolvedValue(null)
    expect(await rosterApi.exportCadence('')).toBe('')
    expect(binding.ExportCadence).toHaveBeenCalledWith('')
  })
})
