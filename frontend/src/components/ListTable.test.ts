/* eslint-disable vue/one-component-per-file -- a stand-in for the preview and a host for the list */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NMessageProvider } from 'naive-ui'
import { i18n } from '../i18n'
import type { ListColumn } from '../utils/table'

const tableApi = vi.hoisted(() => ({ exportXlsx: vi.fn(), ledger: vi.fn() }))
const settingsApi = vi.hoisted(() => ({ info: vi.fn() }))
vi.mock('../api/table', () => ({ tableApi }))
vi.mock('../api/settings', () => ({ settingsApi }))
vi.mock('./docs/DocPreview.vue', () => ({ __esModule: true, default: defineComponent({ props: { file: { type: Object, default: null } }, render: () => h('div', { 'data-test': 'preview' }) }) }))

import ListTable from './ListTable.vue'

interface Row { id: number; name: string; n: number }
const names = ['张玉莲', '阿布', '王强', '李四', '赵六', '钱七', '孙八', '周九', '吴十', '郑一', '冯二', '陈三']
const data: Row[] = names.map((name, i) => ({ id: i + 1, name, n: (i * 7) % 5 }))
const columns: ListColumn<Row>[] = [
  { key: 'name', title: '姓名' },
  { key: 'n', title: '人数', number: true },
  { key: 'ops', title: '操作', action: true, render: () => h('button', '修改') },
]

function mountTable(props: Record<string, unknown> = {}) {
  const Host = defineComponent({
    render: () => h(NMessageProvider, () => h(ListTable as never, {
      id: 'test', title: '测试名册', columns, data, rowKey: (r: Row) => r.id, pageSize: 10, ...props,
    })),
  })
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}

const shownNames = (w: ReturnType<typeof mountTable>) =>
  w.findAll('[data-test="list-row"]').map((r) => r.findAll('td')[0].text())
const header = (w: ReturnType<typeof mountTable>, title: string) =>
  w.findAll('th').find((th) => th.text().includes(title))!

describe('ListTable', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    vi.clearAllMocks()
    settingsApi.info.mockResolvedValue({ officeName: '丹口镇人民政府' })
  })

  it('cuts an ellipsis column to one line and keeps the whole text in its title, on a fixed layout', async () => {
    const long = '丹口镇白水村第三村民小组上屋场十七号'
    const w = mountTable({
      columns: [{ key: 'name', title: '地址', ellipsis: { tooltip: true }, text: (r: Row) => `${r.name}${long}` }, ...columns.slice(1)],
    })
    const cell = w.findAll('[data-test="list-row"]')[0].find('td .cell-cut')
    expect(cell.text()).toBe(`张玉莲${long}`)
    expect(cell.attributes('title')).toBe(`张玉莲${long}`)
    expect(w.find('table').attributes('style') ?? '').toContain('table-layout: fixed')
    w.unmount()
    const plain = mountTable()
    expect(plain.find('.cell-cut').exists()).toBe(false)
    expect(plain.find('table').attributes('style') ?? '').not.toContain('table-layout: fixed')
    plain.unmount()
  })

  it('pages the rows and narrows them to those matching the search', async () => {
    const w = mountTable()
    expect(shownNames(w)).toHaveLength(10)
    expect(w.text()).toContain('共 12 条')
    await w.find('[data-test="list-search"] input').setValue('王')
    expect(shownNames(w)).toEqual(['王强'])
    expect(w.text()).toContain('共 1 条')
    await w.find('[data-test="list-search"] input').setValue('没有的人')
    expect(w.text()).toContain('没有含「没有的人」的记录')
    w.unmount()
  })

  it('sorts by a clicked column, in pinyin order, and remembers it on this computer', async () => {
    const w = mountTable()
    await header(w, '姓名').trigger('click')
    expect(shownNames(w).slice(0, 4)).toEqual(['阿布', '陈三', '冯二', '李四'])
    await header(w, '姓名').trigger('click')
    expect(shownNames(w).slice(0, 2)).toEqual(['周九', '郑一'])
    expect(JSON.parse(localStorage.getItem('xiangzhi.table.test')!)).toMatchObject({ sortKey: 'name', order: 'descend' })
    w.unmount()

    const again = mountTable()
    expect(shownNames(again).slice(0, 2)).toEqual(['周九', '郑一'])
    again.unmount()
  })

  it('exports the whole view as filtered and sorted, without the action column', async () => {
    tableApi.exportXlsx.mockResolvedValue('/tmp/测试名册.xlsx')
    const w = mountTable({ sortKey: 'n', sortOrder: 'descend' })
    await w.find('[data-test="list-search"] input').setValue('三')
    await w.find('[data-test="list-export"]').trigger('click')
    await flushPromises()
    expect(tableApi.exportXlsx).toHaveBeenCalledWith({
      title: '测试名册',
      columns: [{ title: '姓名', number: false }, { title: '人数', number: true }],
      rows: [['陈三', String(data[11].n)]],
    })
    await w.find('[data-test="list-search"] input').setValue('')
    await w.find('[data-test="list-export"]').trigger('click')
    await flushPromises()
    const rows = tableApi.exportXlsx.mock.calls[1][0].rows as string[][]
    expect(rows).toHaveLength(12) // every page, not only the one shown
    expect(rows.map((r) => Number(r[1]))).toEqual([...rows.map((r) => Number(r[1]))].sort((a, b) => b - a))
    w.unmount()
  })

  it('prints the view as a 台账 of the documents engine', async () => {
    tableApi.ledger.mockResolvedValue({ pdf: 'JVBERi0=', pages: 1, size: 5, title: '测试名册', issued: null })
    const w = mountTable()
    await w.find('[data-test="list-search"] input').setValue('李')
    await w.find('[data-test="list-print"]').trigger('click')
    await flushPromises()
    expect(tableApi.ledger).toHaveBeenCalledOnce()
    const ledger = tableApi.ledger.mock.calls[0][0]
    expect(ledger).toMatchObject({ title: '测试名册', unit: '丹口镇人民政府', columns: ['姓名', '人数'], rows: [['李四', String(data[3].n)]] })
    expect(ledger.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // The preview (loaded with the first 台账) shows in its dialog.
    await vi.waitFor(() => expect(document.querySelector('[data-test="preview"]')).not.toBeNull())
    w.unmount()
  })
})
