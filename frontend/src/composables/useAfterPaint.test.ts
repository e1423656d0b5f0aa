import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref, type Ref } from 'vue'
import { mount } from '@vue/test-utils'
import { useAfterPaint } from './useAfterPaint'

describe('useAfterPaint', () => {
  it('turns true one painted frame after the data is there, and stays true', async () => {
    vi.useFakeTimers()
    const data = ref(false)
    let painted: Ref<boolean> | undefined
    mount(defineComponent({ setup() { painted = useAfterPaint(() => data.value); return () => h('div') } }))
    await vi.advanceTimersByTimeAsync(100)
    expect(painted!.value).toBe(false) // no data: nothing below the fold yet
    data.value = true
    await nextTick()
    expect(painted!.value).toBe(false) // not in the same frame as the data
    await vi.advanceTimersByTimeAsync(100)
    expect(painted!.value).toBe(true)
    data.value = false
    await vi.advanceTimersByTimeAsync(100)
    expect(painted!.value).toBe(true)
    vi.useRealTimers()
  })
})
