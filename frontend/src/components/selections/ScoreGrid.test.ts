import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { NMessageProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { Campaign, Ranked, Ranking } from '../../api/selections'

const api = vi.hoisted(() => ({ memberScores: vi.fn(), score: vi.fn(), list: vi.fn() }))
vi.mock('../../api/selections', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/selections')>()), selectionsApi: api,
}))
vi.mock('../../api/docs', () => ({ docsApi: {} }))

import { useSelectionsStore } from '../../stores/selections'
import ScoreGrid from './ScoreGrid.vue'

const criteria = [{ id: 'k1', name: '孝老爱亲', weight: 60 }, { id: 'k2', name: '邻里和睦', weight: 40 }]
const campaign = { id: 'c1', criteria } as unknown as Campaign
const nominee = (id: string, name: string, missing: string[]): Ranked =>
  ({ id, name, rank: 1, missing, scores: [], total: 0, selected: false, scorers: 0 }) as unknown as Ranked
const ranking = (missing: string[]): Ranking => ({
  criteria, quota: 1, tieRule: '', complete: false, recusals: [],
  members: [{ id: 'm1', name: '王秀英', role: '组长', householdId: '' } as unknown as Ranking['members'][number]],
  list: [nominee('n1', '李家', missing)],
})

function mountGrid() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(ScoreGrid, { campaign })))
  return mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
}
const byTest = (id: string) => document.body.querySelector(`[data-test="${id}"]`)

describe('the score grid', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    document.body.innerHTML = ''
    api.list.mockResolvedValue([])
  })

  it('says in the row that a partly scored row was saved, with no toast, until a cell is typed in again', async () => {
    const store = useSelectionsStore()
    store.ranking = ranking(['王秀英'])
    api.memberScores.mockResolvedValue({ n1: { k1: 50 } })
    api.score.mockResolvedValue(undefined)
    const w = mountGrid()
    await flushPromises()
    expect((byTest('score-cell')?.querySelector('input') as HTMLInputElement).value).toBe('50')
    expect(byTest('score-saved')).toBeNull()
    ;(byTest('score-save') as HTMLElement).click()
    await flushPromises()
    expect(api.score).toHaveBeenCalledWith('m1', 'n1', { k1: 50 })
    expect(byTest('score-saved')?.textContent).toBe('已保存，尚有未打分项')
    expect(document.body.querySelector('.n-message')).toBeNull()
    const second = document.body.querySelectorAll('[data-test="score-cell"] input')[1] as HTMLInputElement
    second.value = '30'
    second.dispatchEvent(new Event('input'))
    await nextTick()
    expect(byTest('score-saved')).toBeNull()
    w.unmount()
  })

  it('says 已打分 once the member has scored every criterion of the row', async () => {
    const store = useSelectionsStore()
    store.ranking = ranking([])
    api.memberScores.mockResolvedValue({ n1: { k1: 50, k2: 30 } })
    const w = mountGrid()
    await flushPromises()
    expect(byTest('score-done')?.textContent).toBe('已打分')
    expect(byTest('score-saved')).toBeNull()
    w.unmount()
  })
})
