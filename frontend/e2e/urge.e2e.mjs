// End to end on a township's demo data at 1366×768: a case registered on 民情 sixty days ago is past
// its time limit — a 红牌 with its working days overdue in the list and in its drawer, and among the
// cases of the 红牌 filter — and is chased (催办; more than 30 working days to settle it in are
// not taken): the step issues its 催办通知书 at once, shown to print, listed among the
// case's documents and on its timeline, the case's state unchanged; the paper (read back through the
// command line) says the same working days overdue. A case still within its time limit is not
// offered 催办 (the backend refuses it too: cases' Go tests). 首页's 红牌 count is the list's.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { demoStory } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work } = demoStory(nodeTest, 'urge', (p) => { page = p })

// iso is a day as the app stores it (local time), days before today.
function iso(daysAgo = 0) {
  const d = new Date()
  d.setDate(d.getDate() - daysAgo)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
// cn writes an ISO day as the papers do: 2026年11月27日.
const cn = (day) => { const [y, m, d] = day.split('-').map(Number); return `${y}年${m}月${d}日` }

// rendered waits until the first page of the PDF shown in a preview is drawn.
const rendered = (preview) => preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor()

const cliJSON = (...args) => JSON.parse(execFileSync(cli, [...args, '--db', dbPath, '--json']).toString())
// figure reads the number of an n-statistic.
const figure = async (locator) => Number((await locator.locator('.n-statistic-value__content').innerText()).replace(/\D/g, ''))

async function state() {
  return (await test$('case-state').innerText()).trim()
}

// register registers a 基础设施 case (15 working days) on the given day; its drawer opens. It returns
// the case's number.
async function register(summary, day) {
  await nav('民情')
  await test$('case-add').click()
  await test$('case-form').waitFor()
  await test$('case-source').getByText('电话').click()
  await test$('case-category').click()
  await page.locator('.n-base-select-option', { hasText: '基础设施' }).first().click()
  await test$('case-person').locator('input').fill('龙大海')
  await test$('case-summary').locator('input').fill(summary)
  await test$('case-handler').locator('input').fill('村委会')
  await test$('case-date').locator('input').fill(day)
  await test$('case-date').locator('input').press('Enter')
  await test$('case-save').click()
  await test$('case-form').waitFor({ state: 'detached' })
  const drawer = test$('case-drawer')
  await drawer.waitFor()
  const number = (await drawer.locator('.n-drawer-header').innerText()).match(/\S+-\d{4}-\d{4}/)?.[0]
  assert.ok(number, 'the drawer names the case')
  return number
}

let overdueNumber = ''

test('a case past its time limit shows its 红牌 and is chased: the 催办通知书 issued with the step, shown, listed, on the timeline', async () => {
  // Every paper names its issuer: the operator.
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()

  const registered = iso(60)
  const number = await register('村口便桥护栏缺损', registered)
  overdueNumber = number
  const drawer = test$('case-drawer')
  assert.equal(await state(), '登记')
  // The drawer's 红牌 counts the working days past the deadline, as the command line does.
  const card = (await drawer.locator('[data-test="case-card"]').innerText()).trim()
  const [, days] = card.match(/^红牌 超 (\d+) 个工作日$/) ?? []
  assert.ok(days, `the drawer shows ${card}`)
  const shown = cliJSON('case', 'show', number)
  assert.equal(shown.registeredOn, registered)
  assert.equal(shown.card, '红牌')
  assert.equal(shown.overdueDays, Number(days))
  // 60 days hold at least 40 working days, holidays and all: 15 of them the time limit.
  assert.ok(Number(days) >= 15, `${days} working days overdue`)
  await shot('overdue-drawer')
  await drawer.locator('.n-base-close').click()

  // The list shows the same card on the case's row, and the 红牌 filter has it.
  await test$('cases-search').locator('input').fill(number)
  const row = test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: number })
  await row.waitFor()
  assert.equal((await row.locator('[data-test="case-card"]').innerText()).trim(), card)
  await test$('cases-card').getByText('红牌', { exact: true }).click()
  await row.waitFor()
  await test$('cases-table').getByText('共 1 条').waitFor()
  await shot('overdue-list')

  // 催办: the dialog says it issues a 催办通知书 and asks for the working days to settle it in.
  await row.click()
  await drawer.waitFor()
  await test$('case-act-催办').click()
  const dialog = test$('step-dialog')
  await dialog.waitFor()
  await test$('step-issues').getByText('同时开具催办通知书，发文存档').waitFor()
  assert.equal(await test$('step-days').locator('input').inputValue(), '3')
  await dialog.locator('.n-form-item', { has: test$('step-days') }).getByText('限期办结（工作日）').waitFor()
  // More than 30 working days are not taken (the field keeps to the most the backend allows); 5 go.
  await test$('step-days').locator('input').fill('40')
  await test$('step-days').locator('input').press('Tab')
  assert.ok(Number(await test$('step-days').locator('input').inputValue()) <= 30)
  await test$('step-note').locator('textarea').fill('群众多次来电反映，请尽快修复')
  await test$('step-days').locator('input').fill('5')
  await test$('step-days').locator('input').press('Tab')
  await shot('remind-dialog')
  await test$('step-save').click()
  await dialog.waitFor({ state: 'detached' })
  const done = await page.locator('.n-message').getByText(/已催办：.+；催办通知书 .+ 已发文存档/).last().innerText()
  const docNumber = done.match(/催办通知书 (\S+) 已发文存档/)[1]

  // The notice opens at once, to print.
  const preview = test$('case-doc-preview')
  await preview.waitFor()
  await rendered(preview)
  assert.match(await preview.locator('.n-drawer-header').innerText(), new RegExp(`催办通知书.*${docNumber}`))
  await shot('notice')
  await preview.locator('.n-base-close').click()
  await preview.waitFor({ state: 'detached' })

  // The case is where it was, still red; it lists its notice, which opens again; its timeline ends
  // with the 催办 and the new limit.
  assert.equal(await state(), '登记')
  assert.equal((await drawer.locator('[data-test="case-card"]').innerText()).trim(), card)
  const doc = drawer.locator('[data-test="case-doc"]').filter({ hasText: '催办通知书' })
  await doc.waitFor()
  assert.match(await doc.innerText(), new RegExp(docNumber))
  const events = test$('case-timeline').locator('[data-test="case-event"]')
  assert.equal(await events.count(), 2)
  assert.match(await events.last().innerText(), /催办 · 王丽[\s\S]*限 5 个工作日内办结。群众多次来电反映，请尽快修复/)
  await shot('reminded')
  await doc.locator('[data-test="case-doc-view"]').click()
  await preview.waitFor()
  await rendered(preview)
  await preview.locator('.n-base-close').click()
  await preview.waitFor({ state: 'detached' })

  // The paper itself, reprinted from the archive: to the handler, the days overdue the list showed,
  // the deadline and today in 年月日.
  const pdf = path.join(work, 'reminder.pdf')
  execFileSync(cli, ['doc', 'reprint', '--db', dbPath, '--number', docNumber, '-o', pdf], { stdio: 'ignore' })
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')
  assert.match(text, /^催办通知书/)
  assert.ok(text.includes('村委会：'), text)
  assert.ok(text.includes(`办结时限为${cn(shown.deadline)}，至今未办结，已超期${days}个工作日。`), text)
  assert.ok(text.endsWith(cn(iso()) + '—1—'), text) // the date, then the page number (a one-page paper is numbered too)
  await drawer.locator('.n-base-close').click()
})

test('a case within its time limit has no card and is not offered 催办', async () => {
  const number = await register('村道路灯不亮', iso(1))
  const drawer = test$('case-drawer')
  assert.equal(await drawer.locator('[data-test="case-card"]').count(), 0)
  await test$('case-act-受理').waitFor()
  assert.equal(await test$('case-act-催办').count(), 0)
  await shot('not-overdue')
  assert.equal(await drawer.locator('[data-test="case-doc"]').count(), 0)
  assert.equal(cliJSON('case', 'show', number).events.length, 1)
  await drawer.locator('.n-base-close').click()
})

test('首页\'s 红牌 count is the 民情 list\'s under its 红牌 filter, the chased case among them', async () => {
  await nav('首页')
  await test$('home-cases').waitFor()
  const red = await figure(test$('home-cases-red'))
  assert.ok(red >= 1, 'the case chased is still red')
  await nav('民情')
  await test$('cases-search').locator('input').fill('')
  await test$('cases-red').click()
  await test$('cases-table').getByText(`共 ${red} 条`).waitFor()
  assert.equal(await figure(test$('cases-red')), red)
  assert.equal(cliJSON('case', 'list', '--overdue').length, red)
  await test$('cases-search').locator('input').fill(overdueNumber)
  await test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: overdueNumber }).waitFor()
  await shot('red-filter')
})
