import type { Due } from '../api/meetings'

// DueRow is one village's regular meeting of one kind as the to-do shows it: the last period missed
// (missed), and this period's meeting not yet held (now: due, or planned for a day) — either may be
// absent (this period's held already; the last one held).
export interface DueRow {
  key: string
  villageId: string
  villageName: string
  kind: string
  missed: Due | null
  now: Due | null
  missedYear: number
}

// rank orders the rows: a missed period first, then those due, then those planned, then the rest.
const rank = (r: DueRow) => (r.missed ? 0 : r.now?.status === 'due' ? 1 : r.now?.status === 'planned' ? 2 : 3)

// dueRows puts a village's missed and current period of one kind on one row, the missed first, then
// the due, then the planned; within each, in the order the backend gives (villages in pinyin order).
export function dueRows(list: Due[]): DueRow[] {
  const rows = new Map<string, DueRow>()
  for (const d of list) {
    const key = `${d.villageId}/${d.kind}`
    let r = rows.get(key)
    if (!r) {
      r = { key, villageId: d.villageId, villageName: d.villageName, kind: d.kind, missed: null, now: null, missedYear: d.missedYear }
      rows.set(key, r)
    }
    if (d.status === 'missed') r.missed = d
    else r.now = d
    r.missedYear = Math.max(r.missedYear, d.missedYear)
  }
  const all = [...rows.values()]
  return all.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r)
}
