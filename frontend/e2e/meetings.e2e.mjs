// End to end on a township's demo data at 1366×768: on 首页 the meetings to-do lists the villages'
// regular meetings missed and due; 召开 on a village's 民情分析会 calls one for today and opens it on
// 会议, its agenda already holding the village's open cases. The meeting is started, the roll called
// (a leave with its reason, an absence, someone without a vote, the rest present) with the quorum box
// counting before any vote; the two cases are discussed; a decision put to the vote (the quorum shown
// above the counts) assigns a case on the agenda, another hands a new case down to a group with its
// 民情交办单; the minutes are written, previewed as a draft and finalised — the 会议纪要 issued and shown,
// printed, its PDF read back with its title and decisions. The final record is read only; a 补充说明
// issues the record again. The new case shows its 来源会议 on 民情, which opens the meeting; 统计 counts
// the meeting; and a representative is reviewed and the results posted (公示).
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { demoStory } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work } = demoStory(nodeTest, 'meetings', (p) => { page = p })

const cliJSON = (...args) => JSON.parse(execFileSync(cli, [...args, '--db', dbPath, '--json']).toString())
// rendered waits until the first page of the PDF shown in a preview is drawn.
const rendered = (preview) => preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor({ timeout: 30000 })
const toast = (text) => page.locator('.n-message').getByText(text).last().waitFor()
// option is an option of the select menu open now (menus closed before stay in the page, hidden).
const option = (text) => page.locator('.n-base-select-option:visible', { hasText: text }).first()
// menusClosed waits until no select menu is shown: a menu just chosen from fades out for a moment,
// and its options still count as visible while it does.
const menusClosed = () => page.locator('.n-base-select-menu:visible').first().waitFor({ state: 'hidden' })
const drawer = () => test$('meeting-drawer')
const tab = async (name) => {
  await test$(`meeting-tab-${name}`).click()
  await page.waitForTimeout(150)
}
const closePaper = async () => {
  await test$('meeting-paper').locator('.n-base-close').click()
  await test$('meeting-paper').waitFor({ state: 'detached' })
}
// count reads a number of the quorum box.
const count = async (id) => Number((await test$(id).first().innerText()).trim())

const OPEN = ['登记', '受理', '办理中']
let village = ''
let meetingTitle = ''
let newCase = ''
let summaryNumber = ''

test('首页 lists the meetings missed and due; 召开 calls the village\'s 民情分析会 for today and opens it', async () => {
  // Every paper names its issuer: the operator.
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()

  // The villages' open cases, which a 民情分析会 takes up.
  const open = {}
  for (const c of cliJSON('case', 'list')) if (OPEN.includes(c.state)) open[c.villageId] = (open[c.villageId] ?? 0) + 1
  const villages = Object.fromEntries(execFileSync('sqlite3', [dbPath, 'SELECT name, id FROM villages WHERE deleted_at IS NULL']).toString().trim().split('\n').map((l) => l.split('|')))

  await nav('首页')
  const card = test$('home-meetings')
  await card.waitFor()
  await card.locator('[data-test="due-row"]').first().waitFor()
  const rows = card.locator('[data-test="due-row"]')
  assert.ok(await rows.count() <= 8, 'the card shows at most 8 rows')
  // The missed come first, in red.
  const first = rows.first()
  if (await first.locator('[data-test="due-missed"]').count()) {
    assert.match(await first.locator('[data-test="due-missed"]').innerText(), /^上期未开（\d{4}年/)
    const colour = await first.locator('[data-test="due-missed"]').evaluate((el) => getComputedStyle(el).color)
    assert.match(colour, /rgb\((2[0-9]{2}), (\d{1,2}|1[0-9]{2}), (\d{1,2}|1[0-9]{2})\)/, `missed is red: ${colour}`)
  }
  // The 民情分析会 due with 召开 of the village with the most open cases (at least two).
  let best = null
  for (const row of await rows.all()) {
    if ((await row.getAttribute('data-kind')) !== '民情分析会' || !(await row.locator('[data-test="due-hold"]').count())) continue
    const name = await row.getAttribute('data-village')
    const n = open[villages[name]] ?? 0
    if (!best || n > best.n) best = { row, name, n }
  }
  assert.ok(best && best.n >= 2, `a 民情分析会 due of a village with two open cases on the card: ${JSON.stringify(best && { name: best.name, n: best.n })}`)
  village = best.name
  await best.row.locator('[data-test="due-due"]').getByText('本月待开').waitFor()
  await shot('home-due')

  await best.row.locator('[data-test="due-hold"]').click()
  await page.waitForURL(/#\/meetings/)
  await drawer().waitFor()
  meetingTitle = (await drawer().locator('.n-drawer-header').innerText()).trim()
  assert.match(meetingTitle, new RegExp(`^${village}\\d{4}年\\d{1,2}月民情分析会$`))
  assert.equal((await test$('meeting-state').innerText()).trim(), '筹备')
  // The quorum box is there from the start: everyone still to be marked.
  await test$('meeting-quorum').waitFor()
  assert.ok(await count('quorum-members') > 0, 'those its kind calls are invited')
  assert.equal(await count('quorum-present'), 0)
  await test$('quorum-unmarked').waitFor()
  await shot('called')

  // Its agenda holds the village's open cases.
  await tab('agenda')
  const cases = test$('agenda-item').filter({ has: test$('case-link') })
  assert.ok(await cases.count() >= 2, `${await cases.count()} cases on the agenda`)
})

test('the meeting is started, the roll called: a leave, an absence, an observer, the rest present; the quorum counted', async () => {
  await tab('overview')
  await test$('meeting-place').locator('input').fill('村部会议室')
  await test$('meeting-host').locator('input').fill('杨书记')
  await test$('meeting-recorder').locator('input').fill('王丽')
  await test$('meeting-start').locator('input').fill('9:00')
  await test$('meeting-end').locator('input').fill('11:30')
  // A wrong time is refused on its field.
  await test$('meeting-end').locator('input').fill('8:00')
  await test$('meeting-update').click()
  await drawer().locator('.n-form-item-feedback', { hasText: '结束时间应晚于开始时间' }).waitFor()
  await test$('meeting-end').locator('input').fill('11:30')
  await test$('meeting-update').click()
  await toast('会议信息已保存')
  await shot('overview')
  // The notice goes out before the meeting, shown at once to print.
  await test$('meeting-notice').click()
  await test$('meeting-paper').waitFor()
  await rendered(test$('meeting-paper'))
  assert.match(await test$('meeting-paper').locator('.n-drawer-header').innerText(), /通知 · 存档号/)
  await shot('notice')
  await closePaper()
  await drawer().locator('[data-test="meeting-doc"]').getByText('通知', { exact: true }).waitFor()
  await test$('meeting-start-button').click()
  await toast('会议已开始')
  await test$('meeting-state').getByText('进行中').waitFor()
  await test$('meeting-roll').waitFor() // on to the roll call

  // Someone without a vote: 列席.
  await test$('roll-add').click()
  await test$('member-dialog').waitFor()
  await test$('member-name').locator('input').fill('刘律师')
  await test$('member-role').locator('input').fill('法律')
  await option('法律顾问').click()
  await test$('member-voting').click()
  await test$('member-save').click()
  await test$('member-dialog').waitFor({ state: 'detached' })
  const observer = test$('roll-row').filter({ hasText: '刘律师' })
  await observer.waitFor()
  await observer.getByText('无（列席）').waitFor()

  const members = await count('quorum-members')
  const rows = test$('roll-row')
  const leaveName = (await rows.nth(0).locator('[data-test="roll-name"]').innerText()).trim()
  const absentName = (await rows.nth(1).locator('[data-test="roll-name"]').innerText()).trim()
  // A leave needs its reason: chosen, it waits for one, then is saved.
  await rows.nth(0).locator('[data-test="roll-attendance"]').click()
  await option('请假').click()
  await rows.nth(0).locator('[data-test="roll-error"]').getByText('请填写请假原因后保存').waitFor()
  await rows.nth(0).locator('[data-test="roll-reason"] input').fill('外出务工')
  await rows.nth(0).locator('[data-test="roll-reason"] input').press('Enter')
  await drawer().locator('[data-test="quorum-leave"]', { hasText: /^1$/ }).waitFor()
  await rows.nth(1).locator('[data-test="roll-attendance"]').click()
  await option('缺席').click()
  await menusClosed()
  // The observer is offered 列席, not 出席.
  await observer.locator('[data-test="roll-attendance"]').click()
  await option('列席').waitFor()
  assert.equal(await page.locator('.n-base-select-option:visible', { hasText: '出席' }).count(), 0)
  await page.keyboard.press('Escape')
  await test$('roll-rest').click()
  await toast(/已将 \d+ 人标记为到会/)
  await test$('quorum-unmarked').waitFor({ state: 'detached' })
  assert.equal(await count('quorum-members'), members)
  assert.equal(await count('quorum-present'), members - 2)
  assert.equal((await test$('meeting-quorum').innerText()).replace(/\s+/g, ''), `应到${members}实到${members - 2}请假1缺席1列席1本类会议不设法定人数，有人出席即可议事到会人数符合规定`)
  const rowOf = (name) => test$('roll-row').filter({ has: page.locator('[data-test="roll-name"]', { hasText: name }) }).first()
  assert.equal(await rowOf(leaveName).locator('[data-test="roll-reason"] input').inputValue(), '外出务工')
  assert.match(await observer.locator('[data-test="roll-attendance"]').innerText(), /列席/)
  // A late arrival.
  const late = rows.nth(2)
  await late.locator('[data-test="roll-arrived"] input').fill('9:20')
  await late.locator('[data-test="roll-arrived"] input').press('Enter')
  await page.waitForTimeout(500)
  assert.equal(await late.locator('[data-test="roll-arrived"] input').inputValue(), '09:20')
  assert.ok(absentName)
  await shot('roll')
})

test('the two cases are discussed; a decision by vote (the quorum shown first) assigns one, another hands a new case down', async () => {
  await tab('agenda')
  const items = test$('agenda-item').filter({ has: test$('case-link') })
  const numbers = []
  for (const i of [0, 1]) {
    const item = items.nth(i)
    numbers.push((await item.locator('[data-test="case-link-open"]').innerText()).trim())
    await item.locator('[data-test="agenda-note"] textarea').fill(i ? '已联系施工队，下周进场' : '两户对补偿标准有分歧，需再做工作')
    await item.locator('[data-test="agenda-item-title"]').click() // leaves the box: saved
    await toast('讨论情况已保存')
  }
  await shot('agenda')

  // A decision put to the vote: the quorum box shows above the counts.
  await tab('decisions')
  await test$('resolution-add').click()
  const dialog = test$('resolution-dialog')
  await dialog.waitFor()
  await test$('resolution-text').locator('textarea').fill(`${numbers[0]}由村调委会再次组织双方协商，月底前化解`)
  await test$('resolution-item').click()
  await option(numbers[0]).click()
  await test$('resolution-handler').locator('input').fill('杨明')
  await test$('resolution-handler').locator('input').press('Tab') // the names offered close
  assert.equal(await dialog.locator('[data-test="meeting-quorum"]').count(), 0)
  await test$('resolution-voted').click()
  await dialog.locator('[data-test="meeting-quorum"]').waitFor()
  const present = await count('quorum-present')
  assert.equal(Number(await test$('vote-for').locator('input').inputValue()), present)
  // More votes than voters are refused on the counts.
  await test$('vote-for').locator('input').fill(String(present + 5))
  await test$('vote-for').locator('input').press('Tab')
  await test$('resolution-save').click()
  await dialog.locator('.n-form-item-feedback', { hasText: '多于可以表决的到会人数' }).waitFor()
  await test$('vote-for').locator('input').fill(String(present - 1))
  await test$('vote-abstain').locator('input').fill('1')
  await test$('vote-abstain').locator('input').press('Tab')
  await shot('vote')
  await test$('resolution-save').click()
  await dialog.waitFor({ state: 'detached' })
  const first = test$('resolution').first()
  await first.locator('[data-test="resolution-passed"]').getByText('通过').waitFor()
  assert.equal((await first.locator('[data-test="resolution-vote"]').innerText()).trim(), `表决：同意 ${present - 1} 票，反对 0 票，弃权 1 票`)
  // It assigns the case on the agenda it settles.
  await first.locator('[data-test="resolution-order"]').click()
  await test$('order-dialog').waitFor()
  assert.match(await test$('order-case').innerText(), new RegExp(numbers[0]))
  await test$('order-save').click()
  await test$('order-dialog').waitFor({ state: 'detached' })
  await toast(`已指派民情 ${numbers[0]}`)
  await first.locator('[data-test="resolution-case"]').getByText(numbers[0]).waitFor()

  // Agreed without a vote: a new case, handed down to a group with its 民情交办单.
  await test$('resolution-add').click()
  await dialog.waitFor()
  await test$('resolution-text').locator('textarea').fill('组织劳力清理三组水渠淤塞，恢复灌溉')
  await test$('resolution-handler').locator('input').fill('三组')
  await test$('resolution-handler').locator('input').press('Tab') // the names offered close
  await test$('resolution-save').click()
  await dialog.waitFor({ state: 'detached' })
  const second = test$('resolution').nth(1)
  await second.locator('[data-test="resolution-vote"]').getByText('未经表决，会议议定').waitFor()
  await second.locator('[data-test="resolution-order"]').click()
  const order = test$('order-dialog')
  await order.waitFor()
  assert.equal(await test$('order-summary').locator('input').inputValue(), '组织劳力清理三组水渠淤塞，恢复灌溉')
  await test$('order-summary').locator('input').fill('三组水渠淤塞影响灌溉')
  await test$('order-category').click()
  await option('基础设施').click()
  await test$('order-level').getByText('组', { exact: true }).click()
  await order.getByText('同时开具民情交办单').waitFor()
  assert.equal(await test$('order-days').locator('input').inputValue(), '5')
  await test$('order-handler').locator('input').fill('龙组长')
  await test$('order-handler').locator('input').press('Tab') // the names offered close
  await shot('order')
  await test$('order-save').click()
  await order.waitFor({ state: 'detached' })
  const done = await page.locator('.n-message').getByText(/已立案民情 \S+/).last().innerText()
  newCase = done.match(/已立案民情 (\S+)/)[1]
  // The slip shows at once.
  const paper = test$('meeting-paper')
  await paper.waitFor()
  await rendered(paper)
  assert.match(await paper.locator('.n-drawer-header').innerText(), /民情交办单/)
  await shot('slip')
  await closePaper()
  const link = second.locator('[data-test="resolution-case"]')
  await link.getByText(newCase).waitFor()
  assert.equal((await link.locator('[data-test="case-link-state"]').innerText()).trim(), '办理中')
  await shot('decisions')
})

test('the minutes are written, previewed and finalised: the 纪要 issued, shown and printed; the record locked; an addendum reissues it', async () => {
  await tab('minutes')
  // 定稿 with no record yet: what is missing is told at once, and 确定？ is not asked
  await test$('minutes-finalise').click()
  await toast(/请先填写会议记录/)
  assert.equal(await page.locator('.n-dialog').count(), 0)
  await test$('minutes-record').locator('textarea').fill('杨书记：今天分析本月民情，先说调解的事。\n杨明：两户对补偿标准还有分歧，我再去做工作。\n龙组长：三组水渠淤塞，影响二十多户灌溉。')
  await test$('minutes-opinion').locator('textarea').fill('本月民情总体平稳，矛盾纠纷要抓早抓小。')
  await test$('minutes-status').getByText(/已于 \d\d:\d\d 保存/).waitFor({ timeout: 10000 })
  // The 纪要 as it stands, before it is final: a draft.
  await test$('minutes-draft-summary').click()
  const paper = test$('meeting-paper')
  await paper.waitFor()
  await rendered(paper)
  await paper.locator('.n-tag', { hasText: '草稿' }).waitFor()
  assert.match(await paper.locator('.n-drawer-header').innerText(), /纪要（草稿预览，未存档）/)
  await shot('draft-summary')
  await closePaper()

  await test$('minutes-finalise').click()
  const confirm = page.locator('.n-dialog')
  await confirm.getByText('会议记录锁定').waitFor()
  await shot('finalise-confirm')
  await confirm.getByRole('button', { name: '确定定稿' }).click()
  await toast(/已定稿：会议记录 \S+、会议纪要 \S+ 已发文存档/)
  summaryNumber = (await page.locator('.n-message').getByText(/已定稿/).last().innerText()).match(/会议纪要 (\S+) 已发文存档/)[1]
  await paper.waitFor()
  await rendered(paper)
  assert.match(await paper.locator('.n-drawer-header').innerText(), new RegExp(`会议纪要 · 存档号 ${summaryNumber}`))
  const pages = Number((await paper.locator('[data-test="doc-preview-info"]').innerText()).match(/共 (\d+) 页/)[1])
  assert.ok(pages >= 1)
  assert.equal(await paper.locator('[data-test="doc-pages"] .page').count(), pages)
  // Printed: a page image for each page.
  await page.evaluate(() => {
    window.__printed = 0
    window.print = () => { window.__printed++ }
  })
  await paper.locator('[data-test="doc-print"]').click()
  await page.waitForFunction(() => window.__printed === 1)
  assert.equal(await page.locator('.doc-print.active img').count(), pages)
  await shot('summary')
  await closePaper()
  // The paper says what was decided under the meeting's title.
  const pdf = path.join(work, 'summary.pdf')
  execFileSync(cli, ['doc', 'reprint', '--db', dbPath, '--number', summaryNumber, '-o', pdf], { stdio: 'ignore' })
  const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')
  assert.ok(text.includes(`${meetingTitle}纪要`), text)
  assert.ok(text.includes('会议认为，本月民情总体平稳'), text)
  assert.ok(text.includes('组织劳力清理三组水渠淤塞，恢复灌溉'), text)
  assert.ok(text.includes(`（民情编号${newCase}）`), text)

  // Final: read only, and a correction is an addendum, with which the record is issued again.
  await test$('meeting-state').getByText('已定稿').waitFor()
  assert.equal(await test$('minutes-record').locator('textarea').getAttribute('readonly'), '')
  assert.equal(await test$('minutes-finalise').count(), 0)
  assert.equal(await drawer().locator('[data-test="meeting-doc"]').count(), 3) // the notice, the record, the 纪要
  await test$('addendum-add').click()
  await test$('addendum-dialog').waitFor()
  await test$('addendum-text').locator('textarea').fill('龙组长发言中“二十多户”应为“十八户”。')
  await test$('addendum-save').click()
  await test$('addendum-dialog').waitFor({ state: 'detached' })
  await paper.waitFor()
  await rendered(paper)
  assert.match(await paper.locator('.n-drawer-header').innerText(), /会议记录 · 存档号/)
  await closePaper()
  await test$('addendum').getByText('应为“十八户”').waitFor()
  assert.equal(await drawer().locator('[data-test="meeting-doc"]').count(), 4)
  await shot('final')
  // The roll call is read only too.
  await tab('roll')
  assert.equal(await test$('roll-attendance').count(), 0)
  assert.equal(await test$('roll-rest').count(), 0)
})

test('the new case shows its 来源会议 on 民情, which opens the meeting', async () => {
  await tab('decisions')
  await test$('resolution').nth(1).locator('[data-test="resolution-case"] [data-test="case-link-open"]').click()
  await page.waitForURL(/#\/cases/)
  const caseDrawer = test$('case-drawer')
  await caseDrawer.waitFor()
  assert.match(await caseDrawer.locator('.n-drawer-header').innerText(), new RegExp(newCase))
  await test$('case-meeting').getByText(meetingTitle).waitFor()
  assert.equal(cliJSON('case', 'show', newCase).source, '分析会')
  await shot('case-source')
  await test$('case-meeting').click()
  await page.waitForURL(/#\/meetings/)
  await drawer().waitFor()
  assert.equal((await drawer().locator('.n-drawer-header').innerText()).trim(), meetingTitle)
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await shot('list')
  // The village's 民情分析会 is held this month: no longer due.
  await page.locator('.n-tabs-tab', { hasText: '应开会议' }).click()
  await test$('due-list').waitFor()
  const analysis = page.locator(`[data-test="due-row"][data-village="${village}"][data-kind="民情分析会"]`)
  if (await analysis.count()) assert.equal(await analysis.locator('[data-test="due-hold"]').count(), 0)
  await shot('due-tab')
})

test('统计 counts the meeting held, its decisions and cases', async () => {
  await nav('统计')
  const card = test$('stats-meetings')
  await card.waitFor()
  await card.locator('[data-test="stats-meetings-kind"]', { hasText: '民情分析会' }).waitFor()
  assert.ok(Number((await test$('stats-meetings-total').locator('.n-statistic-value__content').innerText()).trim()) >= 1)
  assert.ok(Number((await test$('stats-meetings-cases').locator('.n-statistic-value__content').innerText()).trim()) >= 2)
  await card.scrollIntoViewIfNeeded()
  await shot('stats')
})

test('a representative\'s year is reviewed (a low grade needs its reasons) and the results posted', async () => {
  await nav('会议')
  await page.locator('.n-tabs-tab', { hasText: '代表述职评议' }).click()
  await test$('reps-village').click()
  await option(village).click()
  const row = test$('rep-row').first()
  await row.waitFor()
  const name = await row.getAttribute('data-name')
  await shot('reps')
  await row.locator('[data-test="rep-review"]').click()
  const dialog = test$('review-dialog')
  await dialog.waitFor()
  await test$('review-grade').getByText('基本称职', { exact: true }).click()
  await test$('review-save').click()
  await dialog.locator('.n-form-item-feedback', { hasText: '须写明理由' }).waitFor()
  await test$('review-reasons').locator('textarea').fill('全年走访覆盖不足，重点户有两个月未走访')
  await test$('review-save').click()
  await dialog.waitFor({ state: 'detached' })
  await page.locator(`[data-test="rep-row"][data-name="${name}"] [data-test="rep-grade"]`).getByText('基本称职').waitFor()
  await test$('reps-notice').click()
  const notice = test$('notice-dialog')
  await notice.waitFor()
  assert.equal(await test$('notice-days').locator('input').inputValue(), '5')
  await test$('notice-contact').locator('input').fill('杨明')
  await test$('notice-phone').locator('input').fill('13907391234')
  await shot('notice-dialog')
  await test$('notice-save').click()
  await notice.waitFor({ state: 'detached' })
  const paper = test$('meeting-paper')
  await paper.waitFor()
  await rendered(paper)
  assert.match(await paper.locator('.n-drawer-header').innerText(), /公示 · 存档号/)
  await shot('review-notice')
  await closePaper()
})
