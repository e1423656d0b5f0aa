import { beforeEach, describe, expect, it } from 'vitest'
import { filterRows, loadSettings, saveSettings, sortRows, viewCells, words, type ListColumn } from './table'

interface Row { name: string; place: string; n: number; tags: string[] }
const rows: Row[] = [
  { name: '张玉莲', place: '城南村', n: 3, tags: ['低保户'] },
  { name: '阿布', place: '城北村', n: 12, tags: [] },
  { name: '王强', place: '', n: 2, tags: ['独居老人', '残疾人'] },
  { name: '李四', place: '城南村', n: 12, tags: [] },
]
const columns: ListColumn<Row>[] = [
  { key: 'name', title: '姓名' },
  { key: 'place', title: '住址' },
  { key: 'n', title: '人数', number: true },
  { key: 'tags', title: '类别' },
  { key: 'ops', title: '操作', action: true, text: () => '修改' },
]
const names = (list: Row[]) => list.map((r) => r.name)

describe('the shared list', () => {
  beforeEach(() => localStorage.clear())

  it('keeps the rows holding every word of the search, in any column', () => {
    expect(words(' 张玉莲\u3000城南 ')).toEqual(['张玉莲', '城南'])
    expect(names(filterRows(rows, columns, '城南'))).toEqual(['张玉莲', '李四'])
    expect(names(filterRows(rows, columns, '张玉莲 城南'))).toEqual(['张玉莲'])
    expect(names(filterRows(rows, columns, '残疾'))).toEqual(['王强'])
    expect(filterRows(rows, columns, '修改')).toEqual([]) // action columns are not searched
    expect(filterRows(rows, columns, '  ')).toBe(rows)
  })

  it('sorts text in pinyin order and numbers by size, blanks last, equal rows in their order', () => {
    expect(names(sortRows(rows, columns, 'name', 'ascend'))).toEqual(['阿布', '李四', '王强', '张玉莲'])
    expect(names(sortRows(rows, columns, 'name', 'descend'))).toEqual(['张玉莲', '王强', '李四', '阿布'])
    expect(names(sortRows(rows, columns, 'n', 'ascend'))).toEqual(['王强', '张玉莲', '阿布', '李四'])
    expect(names(sortRows(rows, columns, 'n', 'descend'))).toEqual(['阿布', '李四', '张玉莲', '王强'])
    expect(names(sortRows(rows, columns, 'place', 'descend'))).toEqual(['张玉莲', '李四', '阿布', '王强'])
    expect(sortRows(rows, columns, 'ops', 'ascend')).toBe(rows)
    expect(sortRows(rows, columns, 'name', false)).toBe(rows)
  })

  it('writes the view as text cells without the action columns', () => {
    expect(viewCells([rows[2]], columns)).toEqual([['王强', '', '2', '独居老人、残疾人']])
  })

  it('writes and searches a column shown only inside another on screen (exportOnly)', () => {
    const merged: ListColumn<Row>[] = [{ key: 'name', title: '姓名' }, { key: 'tags', title: '类别', exportOnly: true }]
    expect(viewCells([rows[2]], merged)).toEqual([['王强', '独居老人、残疾人']])
    expect(names(filterRows(rows, merged, '低保'))).toEqual(['张玉莲'])
  })

  it('remembers its settings, keeping the defaults for what is no longer valid', () => {
    const defaults = { sortKey: 'name', order: 'ascend' as const, pageSize: 20 }
    expect(loadSettings('x', defaults, columns)).toEqual(defaults)
    saveSettings('x', { sortKey: 'n', order: 'descend', pageSize: 50 })
    expect(loadSettings('x', defaults, columns)).toEqual({ sortKey: 'n', order: 'descend', pageSize: 50 })
    localStorage.setItem('xiangzhi.table.x', JSON.stringify({ sortKey: 'gone', order: 'up', pageSize: 7 }))
    expect(loadSettings('x', defaults, columns)).toEqual(defaults)
    localStorage.setItem('xiangzhi.table.x', '{not json')
    expect(loadSettings('x', defaults, columns)).toEqual(defaults)
  })
})
