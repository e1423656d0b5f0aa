import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { NMessageProvider } from 'naive-ui'
import { i18n } from '../../i18n'
import type { DocField } from '../../api/docs'
import type { Row } from '../../stores/docs'
import RowsInput from './RowsInput.vue'

const col = (key: string, label: string): DocField => ({ key, label, type: 'text', required: false, options: [], help: '', max: 0, columns: [] })
const people: DocField = { ...col('people', '名单'), type: 'table', columns: [col('name', '姓名'), col('village', '村')] }

// annexes: rows with paragraphs, as a notice's attachments are.
const annexes: DocField = {
  ...col('annexes', '附件内容'), type: 'table',
  columns: [col('title', '附件标题'), { ...col('body', '附件正文'), type: 'textarea' }, { ...col('rows', '表格内容'), type: 'textarea' }],
}

// The rows' owner as the document form is: it keeps the rows and takes the new ones on update.
function mountRows(start: Row[] = [], field = people) {
  const rows = ref<Row[]>(start)
  const Owner = defineComponent(() => () =>
    h(NMessageProvider, null, () =>
      h(RowsInput, {
        field, columns: field.columns, errors: {}, modelValue: rows.value,
        'onUpdate:modelValue': (v: (Row | string[])[]) => (rows.value = v as Row[]),
      }),
    ),
  )
  return { rows, w: mount(Owner, { global: { plugins: [i18n] } }) }
}

describe('the rows of a table field', () => {
  it('show the first row added to an empty list at once (it went to a page 0 and did not show)', async () => {
    const { rows, w } = mountRows()
    await w.find('[data-test="doc-row-add"]').trigger('click')
    await flushPromises()
    expect(rows.value).toHaveLength(1)
    expect(w.findAll('[data-test="doc-row"]')).toHaveLength(1)
    expect(w.text()).toContain('共 1 行')
    await w.find('[data-test="doc-row-add"]').trigger('click')
    await flushPromises()
    expect(w.findAll('[data-test="doc-row"]')).toHaveLength(2)
  })

  it('go to the last page for a row added to a long list, and stay on a page that still has rows after a removal', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `居民${i + 1}`, village: '丹口村' }))
    const { rows, w } = mountRows(many)
    await w.find('[data-test="doc-row-add"]').trigger('click')
    await flushPromises()
    expect(rows.value).toHaveLength(31)
    expect(w.findAll('[data-test="doc-row"]')).toHaveLength(1) // page 2 holds row 31 alone
    await w.find('[data-test="doc-row-remove"]').trigger('click')
    await flushPromises()
    expect(rows.value).toHaveLength(30)
    expect(w.findAll('[data-test="doc-row"]')).toHaveLength(30) // back on page 1
  })

  it('of paragraphs are cards, one under another, each field under its label, editable and removable', async () => {
    const { rows, w } = mountRows([{ title: '推荐表', body: '', rows: '' }], annexes)
    expect(w.find('table').exists()).toBe(false)
    const cards = w.findAll('[data-test="doc-row"]')
    expect(cards).toHaveLength(1)
    expect(cards[0].text()).toContain('第 1 项')
    expect(cards[0].findAll('.card-label').map((l) => l.text())).toEqual(['附件标题', '附件正文', '表格内容'])
    expect(cards[0].findAll('textarea')).toHaveLength(2)
    await cards[0].find('textarea').setValue('第一段')
    expect(rows.value[0].body).toBe('第一段')
    expect(w.text()).toContain('共 1 项')
    await w.find('[data-test="doc-row-add"]').trigger('click')
    await flushPromises()
    expect(w.findAll('[data-test="doc-row"]')).toHaveLength(2)
    await w.find('[data-test="doc-row-remove"]').trigger('click')
    await flushPromises()
    expect(rows.value).toHaveLength(1)
    expect(rows.value[0].title ?? '').toBe('') // the first card went: the one added is left
  })

  it('of short cells stay a sheet', () => {
    const { w } = mountRows([{ name: '杨秀英', village: '丹口村' }])
    expect(w.find('table').exists()).toBe(true)
    expect(w.find('.card').exists()).toBe(false)
  })
})
