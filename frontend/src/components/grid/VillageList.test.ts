import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { VillageSummary } from '../../api/grid'

// happy-dom lays nothing out, so its ResizeObserver never reports: this one reports right away that
// the list is 400 px high and a row 80 px, as a browser would after the first layout. Naive UI's virtual
// list takes the observer when it is loaded, so this comes before the imports.
vi.hoisted(() => {
  class ReportingResizeObserver {
    constructor(private readonly report: ResizeObserverCallback) {}
    observe(el: Element) {
      const height = el.classList.contains('v-vl') ? 400 : 80
      queueMicrotask(() => this.report([{ target: el, contentRect: { width: 250, height } } as unknown as ResizeObserverEntry], this as never))
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = ReportingResizeObserver as unknown as typeof ResizeObserver
  window.ResizeObserver = globalThis.ResizeObserver
})

const api = vi.hoisted(() => ({ villages: vi.fn(), villageTree: vi.fn(), leaders: vi.fn() }))
vi.mock('../../api/grid', () => ({ gridApi: api }))

import { NMessageProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import { useGridStore } from '../../stores/grid'
import VillageList from './VillageList.vue'

// A county: 300 villages, every tenth a community.
const villages: VillageSummary[] = Array.from({ length: 300 }, (_, i) => ({
  id: `v${i}`, name: `村${i}`, kind: i % 10 ? 'village' : 'community',
  pieces: 3, groups: 10, neighbourhoods: 25, households: 300 + i, residents: 1000 + i,
}))

function mountList() {
  const Host = defineComponent(() => () => h(NMessageProvider, () => h(VillageList)))
  return mount(Host, {
    global: { plugins: [i18n], stubs: { RosterActions: true, NodeNameDialog: true } },
    attachTo: document.body,
  })
}

const rows = (w: ReturnType<typeof mountList>) => w.findAll('[data-test="village-item"]')
const ids = (w: ReturnType<typeof mountList>) => rows(w).map((r) => r.attributes('data-id'))

describe('the village list', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    document.body.innerHTML = ''
    api.villageTree.mockImplementation((id: string) => Promise.resolve({ id, level: 'villages', name: id, households: 0, leader: '', children: [] }))
    api.leaders.mockResolvedValue([])
  })

  it('draws only the rows in view of 300 villages, each with its counts, the selected one marked', async () => {
    const grid = useGridStore()
    grid.villages = villages
    grid.villageId = 'v0'
    const w = mountList()
    await flushPromises()
    const shown = rows(w)
    expect(shown.length).toBeGreaterThan(5)
    expect(shown.length).toBeLessThan(20)
    expect(ids(w).slice(0, 2)).toEqual(['v0', 'v1'])
    expect(shown[0].find('.name').text()).toBe('村0 社区')
    expect(shown[1].find('.name').text()).toBe('村1')
    expect(shown[1].find('[data-test="village-counts"]').text()).toBe('3 片 · 10 组 · 25 邻 · 301 户 · 1001 人')
    expect(w.findAll('.village.active').map((r) => r.attributes('data-id'))).toEqual(['v0'])
    w.unmount()
  })

  it('selects a village by a click and by Enter', async () => {
    const grid = useGridStore()
    grid.villages = villages
    grid.villageId = 'v0'
    const w = mountList()
    await flushPromises()
    await rows(w)[2].trigger('click')
    await flushPromises()
    expect(grid.villageId).toBe('v2')
    expect(api.villageTree).toHaveBeenLastCalledWith('v2')
    expect(w.find('.village.active').attributes('data-id')).toBe('v2')
    await rows(w)[3].trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(grid.villageId).toBe('v3')
    expect(w.find('.village.active').attributes('data-id')).toBe('v3')
    w.unmount()
  })

  it('opens on the selected village far down the list, and follows a selection made elsewhere', async () => {
    const grid = useGridStore()
    grid.villages = villages
    grid.villageId = 'v250'
    const w = mountList()
    await flushPromises()
    // The list asked to be scrolled to the village; the browser then reports the scroll.
    const box = w.find('.v-vl')
    expect(box.element.scrollTop).toBeGreaterThan(0)
    await box.trigger('scroll')
    await flushPromises()
    expect(ids(w)).toContain('v250')
    expect(w.find('.village.active').attributes('data-id')).toBe('v250')

    await grid.selectVillage('v20')
    await flushPromises()
    await box.trigger('scroll')
    await flushPromises()
    expect(w.find('.village.active').attributes('data-id')).toBe('v20')
    w.unmount()
  })

  it('shows the note on how to begin when there is no village', async () => {
    const w = mountList()
    await flushPromises()
    expect(rows(w)).toHaveLength(0)
    expect(w.text()).toContain('还没有村（社区）')
    w.unmount()
  })
})
