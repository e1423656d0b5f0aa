// The logic of the shared list (components/ListTable.vue), apart from the screen: which rows the
// search box keeps, their order, the settings a list remembers on this computer, and the view as
// text cells for Excel and the printed 台账.

export type SortOrder = 'ascend' | 'descend' | false

// ListColumn is a column of a shared list. Its text is what the officer reads in the cell: the
// search box matches it, sorting compares it (or sortValue), export and print write it.
export interface ListColumn<T> {
  key: string
  title: string
  text?: (row: T) => string
  // sortValue orders the rows when the text does not (a date shown as 2026年11月27日, a count).
  sortValue?: (row: T) => string | number
  // number: right-aligned, sorted as a number, a number in Excel.
  number?: boolean
  // sortable is true unless said otherwise; an action column is neither sortable nor exported. In a
  // list the backend pages, only the columns marked remoteSort sort (the backend orders them).
  sortable?: boolean
  remoteSort?: boolean
  action?: boolean
  // exportOnly: written to Excel and the 台账, not shown (the window shows it inside another column).
  exportOnly?: boolean
  // What Naive UI's table takes as it is.
  width?: number
  minWidth?: number
  align?: 'left' | 'right' | 'center'
  fixed?: 'left' | 'right'
  ellipsis?: boolean | { tooltip: boolean }
  render?: (row: T) => unknown
}

export interface TableSettings {
  sortKey: string
  order: SortOrder
  pageSize: number
}

// ListView is what a list the backend pages asks its screen to load: a page, its size and an order.
export interface ListView {
  page: number
  pageSize: number
  sortKey: string
  order: SortOrder
}

export const PAGE_SIZES = [10, 20, 50, 100]
const PREFIX = 'xiangzhi.table.'

// cellText is the text of a column in a row.
export function cellText<T>(col: ListColumn<T>, row: T): string {
  if (col.text) return col.text(row)
  const v = (row as Record<string, unknown>)[col.key]
  if (v === undefined || v === null) return ''
  if (Array.isArray(v)) return v.join('、')
  return String(v)
}

// words splits a search into its words (by spaces, full-width ones too), in lower case.
export function words(query: string): string[] {
  return query.toLowerCase().split(/[\s\u3000]+/).filter(Boolean)
}

// filterRows keeps the rows in which every word of the query is found in the text of some column
// (action columns aside); all rows for an empty query.
export function filterRows<T>(rows: T[], columns: ListColumn<T>[], query: string): T[] {
  const ws = words(query)
  if (!ws.length) return rows
  const cols = columns.filter((c) => !c.action)
  return rows.filter((row) => {
    const text = cols.map((c) => cellText(c, row)).join('\n').toLowerCase()
    return ws.every((w) => text.includes(w))
  })
}

// The Chinese collator is made at the first sort, not when a screen's code loads: making one reads the
// browser's pinyin tables, a cost every screen with a list would pay on opening.
let collator: Intl.Collator | undefined

// compareValues orders two values: numbers by size, text in Chinese dictionary (pinyin) order with
// digits read as numbers; blanks last either way.
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  collator ??= new Intl.Collator('zh-Hans-CN', { numeric: true, sensitivity: 'base' })
  return collator.compare(String(a), String(b))
}

function sortValue<T>(col: ListColumn<T>, row: T): string | number {
  if (col.sortValue) return col.sortValue(row)
  const text = cellText(col, row)
  if (col.number) {
    const n = Number(text)
    return text === '' || Number.isNaN(n) ? '' : n
  }
  return text
}

// sortRows returns the rows ordered by the column (a stable sort: equal rows keep their order);
// blank cells go last in both orders. No order, or no such column: the rows as they are.
export function sortRows<T>(rows: T[], columns: ListColumn<T>[], key: string, order: SortOrder): T[] {
  const col = columns.find((c) => c.key === key)
  if (!order || !col || col.action || col.sortable === false) return rows
  const sign = order === 'ascend' ? 1 : -1
  const keyed = rows.map((row, i) => ({ row, i, v: sortValue(col, row) }))
  keyed.sort((x, y) => {
    const xb = x.v === '', yb = y.v === ''
    if (xb !== yb) return xb ? 1 : -1
    return sign * compareValues(x.v, y.v) || x.i - y.i
  })
  return keyed.map((k) => k.row)
}

// exportColumns are the columns written to Excel and the 台账: all but the action columns.
export function exportColumns<T>(columns: ListColumn<T>[]): ListColumn<T>[] {
  return columns.filter((c) => !c.action)
}

// viewCells is the rows as text, a line per row, a cell per exported column.
export function viewCells<T>(rows: T[], columns: ListColumn<T>[]): string[][] {
  const cols = exportColumns(columns)
  return rows.map((row) => cols.map((c) => cellText(c, row).replace(/[\r\n]+/g, ' ')))
}

// loadSettings reads a list's remembered settings, keeping the defaults for what is missing or
// no longer valid (a column since removed, a page size not offered).
export function loadSettings(id: string, defaults: TableSettings, columns: { key: string }[]): TableSettings {
  let saved: Partial<TableSettings> = {}
  try {
    saved = JSON.parse(localStorage.getItem(PREFIX + id) ?? '{}') ?? {}
  } catch {
    saved = {}
  }
  const s = { ...defaults }
  if (typeof saved.sortKey === 'string' && (saved.sortKey === '' || columns.some((c) => c.key === saved.sortKey))) s.sortKey = saved.sortKey
  if (saved.order === 'ascend' || saved.order === 'descend' || saved.order === false) s.order = saved.order
  if (typeof saved.pageSize === 'number' && PAGE_SIZES.includes(saved.pageSize)) s.pageSize = saved.pageSize
  return s
}

export function saveSettings(id: string, s: TableSettings) {
  localStorage.setItem(PREFIX + id, JSON.stringify(s))
}
