import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useUiStore } from './ui'
import { themeFor } from '../theme'

describe('ui store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('starts at the standard size and keeps the chosen one on this computer', async () => {
    const ui = useUiStore()
    expect(ui.textSize).toBe('standard')
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1')
    ui.textSize = 'xlarge'
    await nextTick()
    expect(localStorage.getItem('xiangzhi.textSize')).toBe('xlarge')
    expect(document.documentElement.style.getPropertyValue('--text-scale')).toBe('1.3')
    setActivePinia(createPinia())
    expect(useUiStore().textSize).toBe('xlarge')
  })

  it('ignores a size it does not know', () => {
    localStorage.setItem('xiangzhi.textSize', 'huge')
    expect(useUiStore().textSize).toBe('standard')
  })

  it('grows the fonts and the controls together, never under 13 px at the standard size', () => {
    expect(themeFor(1).common?.fontSizeTiny).toBe('13px')
    expect(themeFor(1.3).common?.fontSize).toBe('20px')
    expect(themeFor(1.3).common?.heightMedium).toBe('44px')
  })
})
