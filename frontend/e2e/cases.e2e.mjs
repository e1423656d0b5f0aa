// End to end on a township's demo data at 1366×768: a case is registered on 民情 (an empty summary is
// refused on its field), then carried round the loop in its drawer — accepted, escalated to the
// township, handed down to the village with a deadline, resolved, followed up unsatisfied (it
// reopens), resolved again, followed up satisfied and archived — each step in its timeline; and it
// is found again by a word of its description.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { demoStory, savedDir } from './harness.mjs'

let page
const { test, shot, nav, test$, firstNeighbourhood, dbPath } = demoStory(nodeTest, 'cases', (p) => { page = p })

// step does one action in the open case's drawer, filling what its dialog asks for.
async function step(action, fill = async () => {}) {
  await test$(`case-act-${action}`).click()
  const dialog = test$('step-dialog')
  await dialog.waitFor()
  await fill(dialog)
  await test$('step-save').click()
  await dialog.waitFor({ state: 'detached' })
}

async function state() {
  return (await test$('case-state').innerText()).trim()
}

test('a case goes round the loop: escalated, handed down, reopened after an unsatisfied follow-up, archived', async () => {
  await nav('民情')
  await test$('cases-table').locator('[data-test="case-row"]').first().waitFor()
  await shot('demo-list')
  await test$('case-add').click()
  await test$('case-form').waitFor()
  await test$('case-source').getByText('来访').click()
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '矛盾纠纷' }).first().click()
  await test$('case-person').locator('input').fill('龙大海')
  await test$('case-phone').locator('input').fill('1390739')
  // A case without its summary and with a short phone is refused on both fields at once, and
  // nothing is registered.
  await test$('case-save').click()
  const summaryItem = page.locator('[data-test="case-form"] .n-form-item', { has: test$('case-summary') })
  await summaryItem.locator('.n-form-item-feedback', { hasText: '反映事项不能为空' }).waitFor()
  const phoneItem = page.locator('[data-test="case-form"] .n-form-item', { has: test$('case-phone') })
  await phoneItem.locator('.n-form-item-feedback').filter({ hasText: /\S/ }).waitFor()
  await shot('form-errors')
  await test$('case-phone').locator('input').fill('13907391234')
  await test$('case-summary').locator('input').fill('宅基地界址纠纷')
  await summaryItem.locator('.n-form-item-feedback', { hasText: '反映事项不能为空' }).waitFor({ state: 'detached' })
  await test$('case-description').locator('textarea').fill('两家为石板路边的围墙位置争执，已吵到村委会')
  await shot('form')
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  const drawer = test$('case-drawer')
  await drawer.waitFor()
  const title = await drawer.locator('.n-drawer-header').innerText()
  const number = title.match(/\S+-\d{4}-\d{4}/)?.[0]
  assert.ok(number, `no number in ${title}`)
  assert.equal(await state(), '登记')

  await step('受理')
  assert.equal(await state(), '受理')
  await step('上报', async (d) => {
    await d.getByText('乡镇', { exact: true }).click()
    await test$('step-note').locator('textarea').fill('涉及两个组的土地，需乡镇司法所调解')
  })
  assert.equal(await state(), '受理')
  await test$('case-drawer').getByText('乡镇级办理').waitFor()
  // A hand-down issues its 民情交办单, which names who handed it down: with no operator set it is
  // refused and the case stays where it was.
  const handDown = async (d) => {
    await d.getByText('村', { exact: true }).click()
    // A case of no village is offered the names the office's cases went to this month; a pick fills in
    // the name alone.
    await test$('step-handler').locator('input').click()
    const offered = page.locator('.n-auto-complete-menu .n-base-select-option')
    await offered.first().waitFor()
    const first = await offered.first().innerText()
    assert.match(first, /^\S+ · 经办过 \d+ 件$/, `first offered: ${first}`)
    await offered.first().click()
    assert.equal(await test$('step-handler').locator('input').inputValue(), first.split(' · ')[0])
    await test$('step-handler').locator('input').fill('杨明')
    await test$('step-note').locator('textarea').fill('村调委会五个工作日内组织现场调解')
  }
  await test$('case-act-交办').click()
  await test$('step-issues').getByText('同时开具民情交办单').waitFor()
  await handDown(test$('step-dialog'))
  await test$('step-save').click()
  await page.locator('.n-message').getByText('请先在「设置」中填写操作员姓名').waitFor()
  await page.locator('[data-test="step-dialog"]').getByRole('button', { name: '取消' }).click()
  await test$('step-dialog').waitFor({ state: 'detached' })
  assert.equal(await state(), '受理')
  await test$('case-drawer').locator('.n-base-close').click()
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()
  await nav('民情')
  await test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: number }).click()
  await test$('case-drawer').waitFor()
  await step('交办', handDown)
  // The slip shows at once, to print; the case lists it among its documents.
  const preview = test$('case-doc-preview')
  await preview.waitFor()
  await preview.locator('canvas, img').first().waitFor()
  await shot('slip')
  await preview.locator('.n-base-close').click()
  await test$('case-drawer').locator('[data-test="case-doc"]').getByText('民情交办单').waitFor()
  assert.equal(await state(), '办理中')
  await test$('case-drawer').getByText('责任人：杨明').waitFor()
  await shot('handed-down')
  // A dispute's 办结 records how its mediation ended; a case handed down issues its 办理回执 with it,
  // shown at once like the slip.
  await step('办结', async () => {
    await test$('step-issues').getByText('同时开具办理回执').waitFor()
    await test$('step-mediation').getByText('调解成功', { exact: true }).click()
    await test$('step-note').locator('textarea').fill('现场丈量，重新确定界址')
  })
  await preview.waitFor()
  await preview.locator('canvas, img').first().waitFor()
  await shot('receipt')
  await preview.locator('.n-base-close').click()
  await test$('case-drawer').locator('[data-test="case-doc"]').getByText('办理回执').waitFor()
  assert.equal(await state(), '已办结')
  await test$('case-follow-up-by').getByText('回访期限').waitFor() // the window after the resolution
  // 不满意 needs its reason; then the case is being handled again.
  await test$('case-act-回访').click()
  await test$('step-satisfaction').getByText('不满意', { exact: true }).click()
  await test$('step-save').click()
  await page.locator('[data-test="step-dialog"] .n-form-item-feedback', { hasText: '请填写群众不满意的原因' }).waitFor()
  await test$('step-note').locator('textarea').fill('围墙仍未退让')
  await test$('step-save').click()
  await test$('step-dialog').waitFor({ state: 'detached' })
  assert.equal(await state(), '办理中')
  await step('办结', async () => {
    await test$('step-mediation').getByText('调解成功', { exact: true }).click()
    await test$('step-note').locator('textarea').fill('围墙已退让 30 厘米，双方签字')
  })
  await preview.waitFor() // the second resolution's receipt
  await preview.locator('.n-base-close').click()
  await preview.waitFor({ state: 'detached' })
  assert.equal(await test$('case-drawer').locator('[data-test="case-doc"]').filter({ hasText: '办理回执' }).count(), 2)
  await step('回访', async (d) => d.getByText('满意', { exact: true }).click())
  await step('归档')
  assert.equal(await state(), '已归档')
  assert.equal(await test$('case-actions').locator('button').count(), 0, 'an archived case allows nothing more')
  const events = test$('case-timeline').locator('[data-test="case-event"]')
  assert.equal(await events.count(), 9) // (the refused hand-down left none)
  assert.match(await events.nth(5).innerText(), /回访[\s\S]*回访不满意，重新办理：围墙仍未退让/)
  await shot('archived')
  await test$('case-drawer').locator('.n-base-close').click()

  // Found again by a word of its description; the state filter narrows the list.
  await test$('cases-search').locator('input').fill('石板路')
  const rows = test$('cases-table').locator('[data-test="case-row"]')
  await rows.filter({ hasText: number }).waitFor()
  await rows.nth(1).waitFor({ state: 'detached' }) // the search has narrowed the list
  assert.equal(await rows.count(), 1)
  await test$('cases-state').click()
  await page.locator('.n-base-select-option', { hasText: '办理中' }).first().click()
  await test$('cases-table').getByText('没有符合条件的民情').waitFor()
  await shot('list')
})

test('a visit\'s follow-up becomes a case with one click, and the visit shows its number; a household\'s menu registers one too', async () => {
  await firstNeighbourhood()
  await test$('household-table').locator('[data-test="household-visits"]').first().click()
  await test$('visit-drawer').waitFor()
  await test$('visit-findings').locator('textarea').fill('老人反映屋后排水沟堵塞')
  await test$('visit-followup').locator('input, textarea').first().fill('清理屋后排水沟')
  await test$('visit-save').click()
  const row = test$('visit-history').locator('[data-test="visit-item"]').filter({ hasText: '清理屋后排水沟' })
  await row.locator('[data-test="visit-to-case"]').click()
  await test$('case-form').waitFor()
  assert.equal(await test$('case-summary').locator('input').inputValue(), '清理屋后排水沟')
  assert.equal(await test$('case-description').locator('textarea').inputValue(), '老人反映屋后排水沟堵塞')
  assert.ok(await test$('case-person').locator('input').inputValue(), 'the head of the household is the person')
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '环境卫生' }).first().click()
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  const tag = row.locator('[data-test="visit-case"]')
  await tag.waitFor()
  assert.match(await tag.innerText(), /-\d{4}-\d{4}$/)
  await shot('visit-to-case')
  await test$('visit-drawer').locator('.n-base-close').click()

  // A case is also registered from a household's menu, naming its head and address.
  await test$('household-table').locator('[data-test="household-more"]').first().click()
  await page.locator('[data-test="household-case"]').click()
  await test$('case-form').waitFor()
  assert.ok(await test$('case-person').locator('input').inputValue(), 'the head of the household is the person')
  assert.ok(await test$('case-location').locator('input').inputValue(), 'the address is the place')
  await test$('case-summary').locator('input').fill('申请危房改造')
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '民生诉求' }).first().click()
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  await page.locator('.n-message').getByText(/已登记，编号 .+-\d{4}-\d{4}/).last().waitFor()

  // 首页 counts it among the cases being dealt with: the demo's open cases and this one.
  await nav('首页')
  await test$('home-cases').waitFor()
  const open = Number((await test$('home-cases-open').locator('.n-statistic-value__content').innerText()).replace(/\D/g, ''))
  await nav('民情')
  const figure = test$('cases-open').locator('.n-statistic-value__content')
  await page.waitForFunction((el) => Number(el.textContent.replace(/\D/g, '')) > 0, await figure.elementHandle())
  const listed = Number((await figure.innerText()).replace(/\D/g, ''))
  assert.ok(open > 1 && open === listed, `首页 shows ${open} open cases, 民情 ${listed}`)
})

// The figure of one of 统计's cards.
async function statFigure(testId) {
  const text = await test$(testId).locator('.n-statistic-value__content').first().innerText()
  return Number(text.replace(/[^\d.]/g, ''))
}

test('统计 shows the figures, charts and villages, changes with a new case, and exports; 民情 filters by category and exports its list as a 台账', async () => {
  // 设置 → 民情: the office adds a category of its own; a duplicate name cannot be added.
  await nav('设置')
  const card = test$('case-settings')
  await card.locator('[data-test="case-settings-category"]').first().waitFor()
  await test$('case-settings-new').locator('input').fill('移风易俗')
  await test$('case-settings-add').click()
  await test$('case-settings-new').locator('input').fill('移风易俗')
  assert.ok(await test$('case-settings-add').isDisabled(), 'a category already there cannot be added twice')
  await test$('case-settings-yellow').locator('input').fill('2')
  await test$('case-settings-save').click()
  await page.locator('.n-message').getByText('民情设置已保存').waitFor()
  await card.scrollIntoViewIfNeeded()
  await shot('settings')

  // The list filtered by category: every row is of it, and the button counts the filter.
  await nav('民情')
  await test$('cases-search').locator('input').fill('')
  await test$('cases-state').click() // (the test before left 办理中)
  await page.locator('.n-base-select-option', { hasText: '全部状态' }).first().click()
  const rows = test$('cases-table').locator('[data-test="case-row"]')
  await rows.first().waitFor()
  await test$('cases-filters-toggle').click()
  await test$('cases-filters').waitFor()
  await test$('cases-filter-category').click()
  await page.locator('.n-base-select-option', { hasText: '移风易俗' }).first().waitFor() // the office's own is offered
  await page.locator('.n-base-select-option', { hasText: '政策咨询' }).first().click()
  await test$('cases-filters-toggle').getByText('筛选（1）').waitFor()
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-test="case-row"] td:nth-child(3)')]
    return cells.length > 0 && cells.every((c) => c.textContent.trim() === '政策咨询')
  })
  await shot('filtered')
  // The filtered list as a 台账, every page of it.
  await test$('case-ledger').click()
  await page.locator('.n-dropdown-option', { hasText: '导出当前列表为台账' }).click()
  const exported = page.locator('.n-message').getByText(/已导出 \d+ 件民情到/)
  await exported.waitFor()
  assert.ok(readdirSync(savedDir(dbPath)).some((f) => /^民情台账-\d{8}\.xlsx$/.test(f)), 'the ledger is saved')
  await test$('cases-filters').getByText('清除筛选').click()
  await test$('cases-filters-toggle').getByText('筛选', { exact: true }).waitFor()

  // Sorted by 状态: in the order of the loop, 登记 first; turned round, 已归档 first; a third click
  // gives the newest first again.
  const stateHeader = test$('cases-table').locator('th').filter({ hasText: '状态' })
  const firstState = (want) => page.waitForFunction((w) =>
    document.querySelector('[data-test="case-row"] td:nth-child(5)')?.textContent.trim() === w, want)
  await stateHeader.click()
  await firstState('登记')
  await stateHeader.click()
  await firstState('已归档')
  await shot('sorted-by-state')
  await stateHeader.click()

  // 统计 of all time (this year may be a day old): the demo's cases, charts drawn, each village listed.
  await nav('统计')
  await test$('stats-figures').waitFor()
  await test$('stats-period').getByText('全部', { exact: true }).click()
  await test$('stats-range').getByText('全部时间').waitFor()
  await test$('stats-chart-month').locator('canvas').waitFor()
  await test$('stats-villages').locator('tbody tr').first().waitFor()
  const before = await statFigure('stats-figures')
  assert.ok(before > 0, 'the demo has cases this year')
  assert.match(await test$('stats-village-rate').innerText(), /村内化解率[\s\S]*\d+\.\d%/)
  await shot('stats')

  // A case registered now counts at once.
  await nav('民情')
  await test$('case-add').click()
  await test$('case-form').waitFor()
  await test$('case-source').getByText('电话').click()
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '安全隐患' }).first().click()
  await test$('case-person').locator('input').fill('石花')
  await test$('case-summary').locator('input').fill('桥头护栏松动')
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  await test$('case-drawer').locator('.n-base-close').click()
  await nav('统计')
  await test$('stats-period').getByText('全部', { exact: true }).click()
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-test="stats-figures"] .n-statistic-value__content')
    return el && Number(el.textContent.replace(/\D/g, '')) === n
  }, before + 1)

  // One village, then the whole workbook.
  await test$('stats-village').click()
  const option = page.locator('.n-base-select-option').nth(1)
  const village = (await option.innerText()).trim()
  await option.click()
  await test$('stats-villages').locator('tbody tr').filter({ hasText: village }).waitFor()
  assert.equal(await test$('stats-villages').locator('tbody tr').count(), 1)
  await test$('stats-export').click()
  await page.locator('.n-message').getByText(/已导出到/).waitFor()
  const book = readdirSync(savedDir(dbPath)).find((f) => f.startsWith(village + '民情统计'))
  assert.ok(book, `the workbook of ${village} is saved`)
  await shot('stats-village')
  // The same, printed as a 民情统计报表 (nothing archived).
  await test$('stats-print').click()
  const printed = test$('stats-print-preview')
  await printed.getByText(`${village}民情工作统计报表`).first().waitFor()
  await printed.locator('canvas, img').first().waitFor()
  await page.waitForTimeout(500) // the first page painted
  await shot('stats-report')
  await printed.locator('.n-base-close').first().click()
  await printed.waitFor({ state: 'detached' })
})
