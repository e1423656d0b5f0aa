// End to end on a township's demo data at 1366×768: a dispute's reporter is picked from the registry
// in 登记民情 (typed surname, chosen from the hits), the other side is added there as someone outside
// the registry; in the drawer a resident from the registry is added too, the case is found by the
// outsider's name, and taking a person off is undone with 撤销.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { demoStory } from './harness.mjs'

let page
let caseNumber // the case the first test registers
const { test, shot, nav, test$ } = demoStory(nodeTest, 'parties', (p) => { page = p })

// pick types into a resident picker and chooses its nth hit, returning the hit's label.
async function pick(picker, text, nth = 0) {
  await picker.click()
  await page.keyboard.type(text)
  const option = page.locator('.n-base-select-option:visible', { hasText: text }).nth(nth)
  await option.waitFor()
  const label = (await option.innerText()).trim()
  await option.click()
  return label
}

test('a dispute names its reporter from the registry and its other side; people are added, found, taken off and put back', async () => {
  await nav('民情')
  await test$('cases-table').locator('[data-test="case-row"]').first().waitFor()
  await test$('case-add').click()
  const form = test$('case-form')
  await form.waitFor()
  await test$('case-source').getByText('来访').click()
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '矛盾纠纷' }).first().click()
  await test$('case-summary').locator('input').fill('责任田边界纠纷')
  // The reporter from the registry: the name field takes the resident's name and is locked.
  const reporter = await pick(test$('case-reporter-picker'), '杨')
  const reporterName = reporter.split('（')[0]
  await test$('case-reporter').getByText(reporterName).waitFor()
  assert.equal(await test$('case-person').locator('input').inputValue(), reporterName)
  assert.ok(await test$('case-person').locator('input').isDisabled())
  // The 责任人 is offered from the reporter's village: its leaders in office, the village's own (两委)
  // first for a case taken up at the village, then its other leaders.
  await test$('case-handler').locator('input').click()
  const offered = page.locator('.n-auto-complete-menu .n-base-select-option')
  await offered.first().waitFor()
  const first = await offered.first().innerText()
  assert.match(first, /^\S+ · .*(书记|主任|委员)/, `first offered: ${first}`)
  await shot('handler-choices')
  // Typing a role finds its holders.
  await test$('case-handler').locator('input').fill('组长')
  await offered.filter({ hasText: '组长' }).first().waitFor()
  const groupLeader = await offered.first().innerText()
  assert.match(groupLeader, / · \S*组组长/)
  await offered.first().click()
  const handler = groupLeader.split(' · ')[0]
  assert.equal(await test$('case-handler').locator('input').inputValue(), handler)
  // The other side, outside the registry: a bad phone is refused on the form's 其他当事人.
  const editor = form.locator('[data-test="party-editor"]')
  await editor.locator('[data-test="party-name"] input').fill('欧阳春生')
  await editor.locator('[data-test="party-phone"] input').fill('12345')
  await editor.locator('[data-test="party-add"]').click()
  await form.locator('[data-test="case-form-party"]').filter({ hasText: '欧阳春生' }).waitFor()
  await shot('form')
  await test$('case-save').click()
  await form.locator('.n-form-item-feedback', { hasText: '第 1 位当事人' }).waitFor()
  await form.locator('[data-test="case-form-party"]').getByRole('button', { name: '移除' }).click()
  await editor.locator('[data-test="party-name"] input').fill('欧阳春生')
  await editor.locator('[data-test="party-phone"] input').fill('13907395566')
  await editor.locator('[data-test="party-note"] input').fill('相邻地块承包户')
  await editor.locator('[data-test="party-add"]').click()
  await test$('case-save').click()
  await form.waitFor({ state: 'detached' })
  const drawer = test$('case-drawer')
  await drawer.getByText(`责任人：${handler}`).waitFor()
  await drawer.waitFor()
  const number = (await drawer.locator('.n-drawer-header').innerText()).match(/\S+-\d{4}-\d{4}/)?.[0]
  assert.ok(number)
  caseNumber = number
  const parties = drawer.locator('[data-test="case-party"]')
  await parties.filter({ hasText: '欧阳春生' }).filter({ hasText: '花名册外' }).filter({ hasText: '13907395566' }).waitFor()
  await drawer.getByText('其他当事人（1 人）').waitFor()

  // A resident from the registry added in the drawer (not the reporter: a second hit).
  await test$('case-party-open').click()
  const inDrawer = drawer.locator('[data-test="party-editor"]')
  await inDrawer.locator('[data-test="party-role"]').click()
  await page.locator('.n-base-select-option:visible', { hasText: '相关人' }).click()
  const second = await pick(inDrawer.locator('[data-test="party-picker"]'), '龙')
  const secondName = second.split('（')[0]
  await inDrawer.locator('[data-test="party-picked"]').getByText(secondName).waitFor()
  await inDrawer.locator('[data-test="party-add"]').click()
  await parties.filter({ hasText: secondName }).filter({ hasText: '花名册' }).filter({ hasText: '相关人' }).waitFor()
  await drawer.getByText('其他当事人（2 人）').waitFor()
  await shot('drawer')

  // Taken off, then put back with 撤销.
  await parties.filter({ hasText: '欧阳春生' }).getByRole('button', { name: '移除' }).click()
  await page.locator('.n-dialog').getByRole('button', { name: '移除' }).click()
  await drawer.getByText('其他当事人（1 人）').waitFor()
  await test$('undo').click()
  await drawer.getByText('其他当事人（2 人）').waitFor()
  await drawer.locator('.n-base-close').first().click()
  await drawer.waitFor({ state: 'detached' })

  // Found by the other side's name, as by its own words.
  await test$('cases-search').locator('input').fill('欧阳春生')
  const rows = test$('cases-table').locator('[data-test="case-row"]')
  await rows.filter({ hasText: number }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-test="case-row"]').length === 1)
  await test$('cases-search').locator('input').fill(secondName.slice(0, 2) + ' 责任田')
  await rows.filter({ hasText: number }).waitFor()
})

// clippedButtons lists the buttons inside el whose text does not fit them, and the choices a select
// shows cut short (对方当…).
const clippedButtons = (el) => el.evaluate((root) => [...root.querySelectorAll('.n-button, .n-base-selection-input__content')]
  .filter((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent.trim()))

test('特大 text at 1366×768: the people of a case and the editor that adds one stay whole and in view, in the drawer and in 登记民情', async () => {
  await nav('设置')
  await test$('text-size-xlarge').click()
  try {
    await nav('民情')
    await test$('cases-search').locator('input').fill(caseNumber)
    await test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: caseNumber }).click()
    const drawer = test$('case-drawer')
    await drawer.locator('[data-test="case-party"]').first().waitFor()
    await test$('case-party-open').click()
    const editor = drawer.locator('[data-test="party-editor"]')
    await editor.waitFor()
    await page.waitForTimeout(300)
    await editor.scrollIntoViewIfNeeded()
    assert.deepEqual(await clippedButtons(drawer), [])
    for (const loc of [editor.locator('[data-test="party-add"]'), drawer.locator('[data-test="case-party-remove"]').first()]) {
      const box = await loc.boundingBox()
      assert.ok(box && box.x + box.width <= 1366, `ends at ${box && box.x + box.width} px`)
    }
    await shot('xlarge-drawer')
    await drawer.locator('.n-base-close').first().click()
    await drawer.waitFor({ state: 'detached' })

    await test$('case-add').click()
    const form = test$('case-form')
    await form.waitFor()
    const inForm = form.locator('[data-test="party-editor"]')
    await inForm.scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    assert.deepEqual(await clippedButtons(form), [])
    const box = await inForm.locator('[data-test="party-add"]').boundingBox()
    assert.ok(box && box.x + box.width <= 1366, `the form's 添加 ends at ${box && box.x + box.width} px`)
    await shot('xlarge-form')
    await form.getByRole('button', { name: '取消' }).click()
    await form.waitFor({ state: 'detached' })
  } finally {
    await nav('设置')
    await test$('text-size-standard').click()
  }
})
