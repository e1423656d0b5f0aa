import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '../../i18n'
import type { Campaign, Ranked, Ranking } from '../../api/selections'

vi.mock('../../api/selections', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/selections')>()), selectionsApi: {},
}))
vi.mock('../../api/docs', () => ({ docsApi: {} }))

import { useSelectionsStore } from '../../stores/selections'
import RankingPane from './RankingPane.vue'

const criteria = [{ id: 'k1', name: '孝老爱亲', weight: 60 }, { id: 'k2', name: '邻里和睦', weight: 40 }]
const campaign = { id: 'c1', criteria } as unknown as Campaign
const nominee = (name: string, rank: number, selected: boolean, scorers: number, scores: number[], missing: string[] = []): Ranked =>
  ({ id: name, name, place: '一组', rank, selected, scorers, scores, total: scores.reduce((a, b) => a + b, 0), missing }) as unknown as Ranked
const ranking = (complete: boolean, list: Ranked[]): Ranking => ({
  criteria, quota: 2, tieRule: '总分相同的按推荐先后排序', complete, recusals: [],
  members: [{ id: 'm1', name: '王秀英' }, { id: 'm2', name: '李明' }] as unknown as Ranking['members'], list,
})

function rows(r: Ranking) {
  useSelectionsStore().ranking = r
  const w = mount(RankingPane, { props: { campaign }, global: { plugins: [i18n] } })
  return w.findAll('[data-test="ranking-row"]').map((tr) => ({
    rank: tr.find('td').text(),
    total: tr.find('[data-test="ranking-total"]').text(),
    state: tr.find('td:last-child').text(),
    selected: tr.find('[data-test="ranking-selected"]').exists(),
  }))
}

describe('the ranking', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows no total, place or 拟表彰 for a nominee nobody has scored, and only provisional places until scoring is complete', () => {
    const got = rows(ranking(false, [
      nominee('李家', 1, true, 1, [50, 30], ['李明']),
      nominee('王家', 2, true, 0, [0, 0], ['王秀英', '李明']),
      nominee('张家', 3, false, 0, [0, 0], ['王秀英', '李明']),
    ]))
    expect(got[0]).toEqual({ rank: '1', total: '80.00', state: '暂列第1未打分：李明', selected: false })
    expect(got[1]).toEqual({ rank: '—', total: '—', state: '尚未评分', selected: false })
    expect(got[2]).toEqual({ rank: '—', total: '—', state: '尚未评分', selected: false })
  })

  it('names those the quota takes 拟表彰 once every score is in', () => {
    const got = rows(ranking(true, [
      nominee('李家', 1, true, 2, [50, 30]),
      nominee('王家', 2, true, 2, [40, 30]),
      nominee('张家', 3, false, 2, [30, 20]),
    ]))
    expect(got.map((g) => [g.rank, g.total, g.state, g.selected])).toEqual([
      ['1', '80.00', '拟表彰', true], ['2', '70.00', '拟表彰', true], ['3', '50.00', '名额外', false],
    ])
  })
})
