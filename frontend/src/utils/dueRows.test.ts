import { describe, expect, it } from 'vitest'
import type { Due } from '../api/meetings'
import { dueRows } from './dueRows'

const due = (villageId: string, kind: string, status: Due['status'], extra: Partial<Due> = {}): Due => ({
  villageId, villageName: villageId, kind, status, period: '', periodEnd: '', meetingId: '', plannedOn: '', missedYear: 0, ...extra,
})

describe('dueRows', () => {
  it('puts a village\'s missed and current period of a kind on one row', () => {
    const rows = dueRows([due('a', 'm', 'missed', { missedYear: 2 }), due('a', 'm', 'due', { missedYear: 2 })])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ villageId: 'a', kind: 'm', missedYear: 2 })
    expect(rows[0].missed?.status).toBe('missed')
    expect(rows[0].now?.status).toBe('due')
  })

  it('lists the missed first, then the due, then the planned, each in the backend\'s order', () => {
    const rows = dueRows([
      due('b', 'm', 'missed'), due('a', 'm', 'planned', { meetingId: 'x' }), due('b', 'm', 'due'), due('c', 'q', 'due'),
      due('d', 'q', 'missed'),
    ])
    expect(rows.map((r) => `${r.villageId}/${r.kind}`)).toEqual(['b/m', 'd/q', 'c/q', 'a/m'])
    expect(rows[1].now).toBeNull() // held this period, the last one missed
    expect(rows[3].now?.meetingId).toBe('x')
  })
})
