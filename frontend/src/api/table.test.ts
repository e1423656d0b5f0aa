import { beforeEach, describe, expect, it, vi } from 'vitest'

const binding = vi.hoisted(() => ({ Stage: vi.fn(), ExportXlsx: vi.fn(), Ledger: vi.fn() }))
vi.mock('../../wailsjs/go/app/TableService', () => binding)

import { PIECE_BYTES, pieces, tableApi } from './table'

const rows = (n: number) => Array.from({ length: n }, (_, i) => [`第${i}行`, '新增 户：鹤云村十组'.repeat(8)])

describe('tableApi', () => {
  beforeEach(() => vi.clearAllMocks())

  it('splits rows into pieces of bounded text, in order, none lost', () => {
    const all = rows(1000)
    const parts = pieces(all)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.flat()).toEqual(all)
    for (const p of parts) expect(new TextEncoder().encode(JSON.stringify(p)).length).toBeLessThan(PIECE_BYTES * 1.1)
    expect(pieces([])).toEqual([])
  })

  it('sends a short view in one call, a long one staged under a token first', async () => {
    binding.ExportXlsx.mockResolvedValue('/x/名单.xlsx')
    const columns = [{ title: '行', number: false }, { title: '内容', number: false }]
    expect(await tableApi.exportXlsx({ title: '名单', columns, rows: rows(3) })).toBe('/x/名单.xlsx')
    expect(binding.Stage).not.toHaveBeenCalled()
    expect(binding.ExportXlsx.mock.calls[0][1]).toBe('')

    await tableApi.exportXlsx({ title: '名单', columns, rows: rows(1000) })
    const token = binding.ExportXlsx.mock.calls[1][1]
    expect(token).not.toBe('')
    const staged = binding.Stage.mock.calls.flatMap(([tok, part]) => (tok === token ? part : []))
    expect([...staged, ...binding.ExportXlsx.mock.calls[1][0].rows]).toEqual(rows(1000))
  })
})
