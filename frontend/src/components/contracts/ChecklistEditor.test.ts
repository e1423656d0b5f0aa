import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n } from '../../i18n'
import type { Check } from '../../api/contracts'
import ChecklistEditor from './ChecklistEditor.vue'

const items = ['主体资格', '价款与支付', '民主程序（四议两公开）', '集体资产保护']
const results = ['符合', '存在问题', '不适用']

function mountEditor(hold?: string[]) {
  const rows = ref<Check[]>(items.map((item) => ({ item, result: item === '价款与支付' ? '存在问题' : '', finding: '' })))
  const Host = defineComponent({
    render: () => h(ChecklistEditor, { modelValue: rows.value, results, hold, 'onUpdate:modelValue': (v: Check[]) => (rows.value = v) }),
  })
  return { rows, w: mount(Host, { global: { plugins: [i18n] } }) }
}

// 其余设为“符合” fills the items not judged yet, keeps what the adviser chose, and leaves alone the
// items held: a major contract's 民主程序 with no procedure given is the adviser's to judge, since
// the 意见书 certified it 符合 by the shortcut.
describe('ChecklistEditor', () => {
  it('marks the rest 符合 but the held items', async () => {
    const { rows, w } = mountEditor(['民主程序（四议两公开）'])
    await w.find('[data-test="opinion-check-rest"]').trigger('click')
    expect(rows.value.map((c) => c.result)).toEqual(['符合', '存在问题', '', '符合'])
  })

  it('marks every item not judged when none is held', async () => {
    const { rows, w } = mountEditor()
    await w.find('[data-test="opinion-check-rest"]').trigger('click')
    expect(rows.value.map((c) => c.result)).toEqual(['符合', '存在问题', '符合', '符合'])
  })
})
