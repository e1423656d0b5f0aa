import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'
import DateInput from './DateInput.vue'

// The field shows the day as officers read it and takes it typed in the usual ways.
function mountField(start: string, noFuture = false) {
  const model = ref(start)
  const Host = defineComponent({
    render: () => h(DateInput, { modelValue: model.value, noFuture, 'onUpdate:modelValue': (v: string) => (model.value = v) }),
  })
  const w = mount(Host, { global: { plugins: [i18n] }, attachTo: document.body })
  return { w, model, input: () => w.find('input').element as HTMLInputElement }
}

async function type(input: HTMLInputElement, text: string, leave: 'blur' | 'enter') {
  input.dispatchEvent(new FocusEvent('focus'))
  input.value = text
  input.dispatchEvent(new Event('input', { bubbles: true }))
  if (leave === 'blur') input.dispatchEvent(new FocusEvent('blur'))
  else input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  await flushPromises()
}

describe('DateInput', () => {
  it('shows 2026年11月27日', async () => {
    const { input, w } = mountField('2026-11-27')
    await flushPromises()
    expect(input().value).toBe('2026年11月27日')
    w.unmount()
  })

  it('takes a day typed as 2026-12-05, 2026.1.5, 20260301 or 2026年3月2日', async () => {
    const { input, model, w } = mountField('2026-11-27')
    for (const [text, leave, want] of [
      ['2026-12-05', 'blur', '2026-12-05'],
      ['2026.1.5', 'enter', '2026-01-05'],
      ['20260301', 'blur', '2026-03-01'],
      ['2026年3月2日', 'blur', '2026-03-02'],
    ] as const) {
      await type(input(), text, leave)
      expect(model.value, text).toBe(want)
    }
    expect(input().value).toBe('2026年3月2日')
    w.unmount()
  })

  it('keeps its day when what is typed is no day', async () => {
    const { input, model, w } = mountField('2026-11-27')
    await type(input(), '2026-02-30', 'blur')
    expect(model.value).toBe('2026-11-27')
    w.unmount()
  })

  it('takes a typed day after today when the panel refuses it, for the form to name the problem', async () => {
    const { input, model, w } = mountField('2026-11-27', true)
    await type(input(), '2999-01-01', 'blur')
    expect(model.value).toBe('2999-01-01')
    w.unmount()
  })
})
