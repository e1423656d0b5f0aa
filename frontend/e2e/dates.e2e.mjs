// End to end on a township's demo data at 1366×768: date fields show a day as officers read it
// (2026年12月28日) and take it typed as they write it (2026-12-28, 2026.12.28, 20261228); the
// widest day fits every narrow date field — 民情's filters, 统计's own period, a contract's terms and
// payments, 操作日志's range — with nothing cut off.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { demoStory } from './harness.mjs'

let page
const { test, shot, nav, test$ } = demoStory(nodeTest, 'dates', (p) => { page = p })

// clipped lists the date fields on screen whose text is wider than their box.
const clipped = () => page.evaluate(() => [...document.querySelectorAll('.n-date-picker input')]
  .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
  .map((el) => `${el.closest('[data-test]')?.dataset.test}: ${el.value} (${el.scrollWidth} > ${el.clientWidth})`))
const type = async (field, text) => {
  await field.locator('input').first().fill(text)
  await field.locator('input').first().press('Enter')
}
const shown = (field) => field.locator('input').first().inputValue()

test('民情\'s filters take days typed three ways and show them whole', async () => {
  await nav('民情')
  await test$('cases-filters-toggle').click()
  await type(test$('cases-filter-from'), '2026.12.28')
  await type(test$('cases-filter-to'), '20261229')
  assert.equal(await shown(test$('cases-filter-from')), '2026年12月28日')
  assert.equal(await shown(test$('cases-filter-to')), '2026年12月29日')
  await type(test$('cases-filter-to'), '2026-02-30') // no such day: the field keeps its own
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  assert.equal(await shown(test$('cases-filter-to')), '2026年12月29日')
  await shot('cases-filters')
  assert.deepEqual(await clipped(), [])
  // Nor is a filter's choice cut off (全部村（社区） was shown as 全部村（社…).
  // (a select shows its choice in __content, a select one can type in over its input, in the overlay)
  const cut = await page.evaluate(() => [...document.querySelectorAll('[data-test="cases-filters"] :is(.n-base-selection-input__content, .n-base-selection-overlay__wrapper)')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent))
  assert.deepEqual(cut, [])
})

test('统计\'s own period and a contract\'s terms and payments fit the widest day', async () => {
  await nav('统计')
  await test$('stats-period').getByText('自定义').click()
  await type(test$('stats-from'), '2026-12-28')
  await type(test$('stats-to'), '2026-12-29')
  await page.getByText('2026年12月28日至2026年12月29日').waitFor()
  await shot('stats')
  assert.deepEqual(await clipped(), [])

  await nav('合同')
  await test$('contract-add').click()
  await test$('contract-form').waitFor()
  await type(test$('terms-start'), '2027-12-28')
  await type(test$('terms-end'), '2029-12-28')
  await test$('payment-add').click()
  await type(test$('payment-due').first(), '2028-12-28')
  assert.equal(await shown(test$('payment-due').first()), '2028年12月28日')
  await shot('contract-terms')
  assert.deepEqual(await clipped(), [])
  await test$('contract-form').getByRole('button', { name: '取消' }).click()
  await test$('contract-form').waitFor({ state: 'detached' })
})

test('设置\'s 操作日志 range takes both ends typed, and an end typed alone becomes a one-day range', async () => {
  await nav('设置')
  const range = test$('audit-days')
  await range.scrollIntoViewIfNeeded()
  const ends = range.locator('input')
  await ends.nth(0).fill('2026.12.1')
  await ends.nth(0).press('Enter')
  await page.waitForFunction((el) => el.querySelectorAll('input')[1].value === '2026年12月1日', await range.elementHandle())
  assert.equal(await ends.nth(0).inputValue(), '2026年12月1日')
  await ends.nth(1).fill('20261205')
  await ends.nth(1).press('Enter')
  await page.waitForFunction((el) => el.querySelectorAll('input')[1].value === '2026年12月5日', await range.elementHandle())
  assert.equal(await ends.nth(0).inputValue(), '2026年12月1日')
  await shot('audit-range')
  assert.deepEqual(await clipped(), [])
})
