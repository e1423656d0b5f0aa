import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NMessageProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { RosterPreview } from '../../api/roster'

const api = vi.hoisted(() => ({
  preview: vi.fn(), importRoster: vi.fn(), saveTemplate: vi.fn(), exportRoster: vi.fn(), exportCadence: vi.fn(),
}))
vi.mock('../../api/roster', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../api/roster')>()), rosterApi: api }))
vi.mock('../../api/grid', () => ({ gridApi: { villages: vi.fn().mockResolvedValue([]) } }))

import { useRosterStore } from '../../stores/roster'
import RosterImport from './RosterImport.vue'

const problems = Array.from({ length: 20 }, (_, i) => ({ row: i + 3, column: i % 2 ? '身份证号' : '', message: `问题${i + 1}` }))
const preview = (over: Partial<RosterPreview> = {}): RosterPreview => ({
  token: 'p1', file: 'a.xlsx', total: 30, valid: 10, rejected: 20, existing: 2, problems, problemCount: problems.length, unknown: ['年龄', '备用'],
  reportPath: '/data/reports/花名册问题清单-20261127-101500.xlsx', ...over,
})

// mountDialog shows the dialog open, inside the providers the app gives it.
function mountDialog() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(RosterImport, { show: true })))
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

const byTest = (id: string) => document.body.querySelector(`[data-test="${id}"]`)

describe('the roster import dialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    document.body.innerHTML = ''
  })

  it('shows the check: counts, a page of problems, the unknown headers, the report and the valid-only import', async () => {
    api.preview.mockResolvedValue(preview())
    const w = mountDialog()
    await nextTick()
    ;(byTest('roster-file') as HTMLButtonElement).click() // the system's file dialog (the backend's)
    await flushPromises()
    expect(api.preview).toHaveBeenCalledWith('')
    await flushPromises()
    expect(byTest('roster-valid')?.textContent).toContain('10')
    expect(byTest('roster-rejected')?.textContent).toContain('20')
    const rows = byTest('roster-problems')?.querySelectorAll('tbody tr') ?? []
    expect(rows.length).toBe(8)
    expect(rows[0].textContent).toContain('整行')
    expect(rows[1].textContent).toContain('身份证号')
    expect(byTest('roster-problems')?.querySelector('.n-pagination')).not.toBeNull()
    expect(byTest('roster-unknown')?.textContent).toContain('年龄；备用')
    expect(byTest('roster-report')?.textContent).toBe('/data/reports/花名册问题清单-20261127-101500.xlsx')
    expect(byTest('roster-import-go')?.textContent).toContain('只导入有效的 10 行')
    w.unmount()
  })

  it('offers to import everything of a clean roster, and shows no pager for a few problems', async () => {
    api.preview.mockResolvedValue(preview({ rejected: 0, valid: 30, problems: [], unknown: [], reportPath: '' }))
    const w = mountDialog()
    await useRosterStore().check()
    await flushPromises()
    expect(byTest('roster-import-go')?.textContent).toContain('导入全部')
    expect(byTest('roster-report')).toBeNull()
    expect(byTest('roster-problems')).toBeNull()
    expect(byTest('roster-unknown')).toBeNull()
    w.unmount()
  })

  it('shows the backend error with its code on the first step', async () => {
    api.preview.mockRejectedValue({ code: 'invalid', message: '打不开这个表格文件，请确认它是 Excel 的 .xlsx 文件' })
    const w = mountDialog()
    await useRosterStore().check()
    await flushPromises()
    const error = byTest('roster-error')?.textContent ?? ''
    expect(error).toContain('输入有误')
    expect(error).toContain('打不开这个表格文件')
    expect(byTest('roster-choose')).not.toBeNull()
    w.unmount()
  })
})
