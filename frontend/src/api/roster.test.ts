import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({
  Preview: vi.fn(),
  Import: vi.fn(),
  SaveTemplate: vi.fn(),
  Export: vi.fn(),
  ExportCadence: vi.fn(),
}))
vi.mock('../../wailsjs/go/app/RosterService', () => binding)

import { bytesToBase64, fileToBase64, readBytes, rosterApi } from './roster'
import { ApiError } from './call'

// bytes gives n bytes that are not all alike, so a misplaced chunk would show.
function bytes(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i++) b[i] = (i * 7919 + (i >> 8)) & 0xff
  return b
}

const nodeBase64 = (b: Uint8Array) => Buffer.from(b).toString('base64')

describe('reading a file into base64', () => {
  it('encodes every length around the chunk size as node does', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 3 * 8192 - 1, 3 * 8192, 3 * 8192 + 1, 3 * 8192 + 2, 100_000]) {
      const b = bytes(n)
      expect(bytesToBase64(b), `length ${n}`).toBe(nodeBase64(b))
    }
  })

  it('reads a 3 MB file without overflowing the stack', async () => {
    const b = bytes(3 * 1024 * 1024 + 17)
    const file = new File([b], '花名册.xlsx')
    const text = await fileToBase64(file)
    expect(text.length).toBe(4 * Math.ceil(b.length / 3))
    expect(text).toBe(nodeBase64(b))
  })

  it('falls back to FileReader where a blob has no arrayBuffer()', async () => {
    const b = bytes(70_000)
    const blob = new Blob([b])
    Object.defineProperty(blob, 'arrayBuffer', { value: undefined })
    expect(await readBytes(blob)).toEqual(b)
  })
})

describe('rosterApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('passes the file name and bytes to Preview and never returns null lists', async () => {
    binding.Preview.mockResolvedValue({ token: 'p1', file: 'a.xlsx', total: 2, valid: 2, rejected: 0, existing: 0, problems: null, unknown: null, reportPath: '' })
    const p = await rosterApi.preview('a.xlsx', 'UEsDBA==')
    expect(binding.Preview).toHaveBeenCalledWith('a.xlsx', 'UEsDBA==')
    expect(p).toMatchObject({ token: 'p1', problems: [], unknown: [], reportPath: '' })
  })

  it('turns a file that is not a roster into an ApiError', async () => {
    binding.Preview.mockRejectedValue({ code: 'invalid', message: '工作表“Sheet1”缺少“村(社区)”、“组”列', field: 'village' })
    const err = await rosterApi.preview('b.xlsx', '').catch((e) => e)
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
