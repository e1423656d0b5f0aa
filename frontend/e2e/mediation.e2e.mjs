// End to end on a township's demo data at 1366×768: a dispute registered from a household is resolved
// with the outcome of its mediation (refused without one; 转交 asks for the body, 调解成功 does not),
// and the 人民调解协议书 is made from the case — prefilled from the registry and the case, refused on
// its field until the other party is named, completed, previewed beside the form, issued — then
// listed among the case's documents and on its timeline.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { demoStory } from './harness.mjs'

let page
const { test, shot, nav, test$, firstNeighbourhood } = demoStory(nodeTest, 'mediation', (p) => { page = p })

// rendered waits until the first page of the PDF shown in a preview is drawn.
const rendered = (preview) => preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor()

async function state() {
  return (await test$('case-state').innerText()).trim()
}

// step does one action in the open case's drawer, filling what its dialog asks for.
async function step(action, fill = async () => {}) {
  await test$(`case-act-${action}`).click()
  const dialog = test$('step-dialog')
  await dialog.waitFor()
  await fill(dialog)
  await test$('step-save').click()
  await dialog.waitFor({ state: 'detached' })
}

test('a dispute mediated to an agreement: the outcome recorded, the 人民调解协议书 made, previewed, issued and listed', async () => {
  // The agreement names its recorder, and every issued paper its issuer: the operator.
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()

  // A dispute registered from a household of the registry: its head is the person.
  await firstNeighbourhood()
  await test$('household-table').locator('[data-test="household-more"]').first().click()
  await page.locator('[data-test="household-case"]').click()
  await test$('case-form').waitFor()
  const head = await test$('case-person').locator('input').inputValue()
  assert.ok(head, 'the head of the household is the person')
  await test$('case-source').getByText('来访').click()
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '矛盾纠纷' }).first().click()
  await test$('case-summary').locator('input').fill('宅基地围墙界址纠纷')
  await test$('case-description').locator('textarea').fill('与邻居杨秀英为院坝东侧围墙位置争执，多次发生口角')
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  const registered = await page.locator('.n-message').getByText(/已登记，编号 .+-\d{4}-\d{4}/).last().innerText()
  const number = registered.match(/\S+-\d{4}-\d{4}/)[0]

  await nav('民情')
  await test$('cases-search').locator('input').fill(number)
  const row = test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: number })
  await row.click()
  await test$('case-drawer').waitFor()
  await step('受理')
  // 开始办理 names who handles it (the case has no 责任人 yet).
  await step('开始办理', async (d) => d.locator('[data-test="step-handler"] input').fill('杨明'))
  assert.equal(await state(), '办理中')

  // 办结 of a dispute asks for the outcome of mediation and refuses to go on without one.
  await test$('case-act-办结').click()
  const dialog = test$('step-dialog')
  await dialog.waitFor()
  await test$('step-note').locator('textarea').fill('以1998年宅基地使用证为界，杨秀英拆除超出界址的围墙，双方签字认可')
  await test$('step-save').click()
  await dialog.locator('.n-form-item-feedback', { hasText: '矛盾纠纷办结时请选择调解结果' }).waitFor()
  // 转交 asks for the body it goes to (the usual ones offered); 调解成功 does not.
  await test$('step-mediation').getByText('转交', { exact: true }).click()
  await test$('step-to').waitFor()
  await test$('step-to').locator('input').click()
  await page.locator('.n-base-select-option', { hasText: '司法所' }).first().waitFor()
  await shot('resolve-transfer')
  await dialog.locator('.n-card-header').click() // (closes the list of bodies)
  await test$('step-mediation').getByText('调解成功', { exact: true }).click()
  await test$('step-to').waitFor({ state: 'detached' })
  await test$('step-agreement-hint').waitFor()
  await shot('resolve')
  await test$('step-save').click()
  await dialog.waitFor({ state: 'detached' })
  assert.equal(await state(), '已办结')
  assert.equal((await test$('case-mediation').innerText()).trim(), '调解成功')
  const events = test$('case-timeline').locator('[data-test="case-event"]')
  assert.match(await events.last().innerText(), /办结[\s\S]*调解成功：以1998年宅基地使用证为界/)

  // The agreement, prefilled from the case.
  await test$('case-agreement').click()
  const form = test$('agreement-dialog')
  await form.waitFor()
  const parties = test$('agreement-field-parties').locator('[data-test="doc-row"]')
  await parties.nth(1).waitFor()
  assert.equal(await parties.count(), 2)
  // the cells of a party's row: 序号, 姓名或名称, 性别, 民族, 出生日期或年龄, 住址, 联系电话
  const cell = (i, j) => parties.nth(i).locator('td').nth(j)
  assert.equal(await cell(0, 1).locator('input').inputValue(), head)
  assert.match(await test$('agreement-field-committee').locator('input').inputValue(), /人民调解委员会$/)
  assert.match(await test$('agreement-field-facts').locator('textarea').inputValue(), /宅基地围墙界址纠纷/)
  const terms = test$('agreement-field-terms').locator('input')
  assert.match(await terms.first().inputValue(), /杨秀英拆除超出界址的围墙/)
  assert.equal(await test$('agreement-field-recorder').locator('input').inputValue(), '王丽')

  // Without the other party it is refused, on that party's row.
  await test$('agreement-issue').click()
  await page.locator('.n-dialog').getByRole('button', { name: '发文存档' }).click()
  await page.locator('.n-message').getByText('「当事人」第2行「姓名或名称」不能为空').waitFor()
  await cell(1, 1).locator('.n-input--error-status').waitFor()

  // Completed: the other party, one more term, how and by when; previewed beside the form.
  await cell(1, 1).locator('input').fill('杨秀英')
  await cell(1, 2).locator('.n-base-selection').click()
  await page.locator('.n-base-select-option', { hasText: '女' }).first().click()
  await cell(1, 3).locator('input').fill('汉族')
  await cell(1, 4).locator('input').fill('61岁')
  await test$('agreement-field-terms').locator('[data-test="doc-line-add"]').click()
  await terms.nth(1).fill('拆除费用由杨秀英承担，龙大海予以配合，双方今后不再以此事发生争执')
  await test$('agreement-field-performance').locator('textarea').fill('杨秀英于2026年12月10日前拆除，由村人民调解委员会现场确认')
  await test$('agreement-field-mediators').locator('input').fill('蓝建国、杨丽') // (the case had no handler to prefill it)
  await test$('agreement-preview').click()
  await rendered(form)
  await shot('agreement')

  await test$('agreement-issue').click()
  await page.locator('.n-dialog').getByRole('button', { name: '发文存档' }).click()
  await form.waitFor({ state: 'detached' })
  await page.locator('.n-message').getByText(/人民调解协议书 .+-人民调解协议书-\d{4} 已发文存档/).waitFor()
  // Issued, it opens at once to print, and the case lists it; the timeline records it.
  const preview = test$('case-doc-preview')
  await preview.waitFor()
  await rendered(preview)
  assert.match(await preview.locator('.n-drawer-header').innerText(), /人民调解协议书/)
  await shot('issued')
  await preview.locator('.n-base-close').click()
  const doc = test$('case-drawer').locator('[data-test="case-doc"]').filter({ hasText: '人民调解协议书' })
  await doc.waitFor()
  const issuedNumber = (await doc.innerText()).match(/\S+-人民调解协议书-\d{4}/)[0]
  assert.match(await events.last().innerText(), new RegExp(`出具调解协议书[\\s\\S]*人民调解协议书 ${issuedNumber}`))
  await shot('listed')

  // The 公文 archive has it too, under its number.
  await test$('case-drawer').locator('.n-base-close').click()
  await nav('公文')
  await test$('docs-tabs').locator('.n-tabs-tab', { hasText: '发文存档' }).click()
  await page.locator(`[data-test="archive-row"][data-number="${issuedNumber}"]`).waitFor()
})
