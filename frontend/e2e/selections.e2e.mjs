// End to end on a township's demo data at 1366×768 (评选表彰): a village's 文明家庭 campaign, quota 2,
// three criteria — refused while their weights come to 90, on its field — is set up; four households
// are nominated, one with a photo of its deeds; nominations close; the 初审 passes three and fails one
// (refused without its reason). Three panel members: one of a nominee's household (recused from it at
// once), one who declares a recusal; everyone scores; the ranking is checked. The 公示 is published
// (refused without where to object) and its PDF drawn; an objection against the first is sustained,
// the next moves up and a new 公示 is issued. 审定 is refused while the 公示 runs, then done once it is
// over; 表彰 issues the 表彰决定 and the 荣誉证书, shown in 文书.
//
// The app runs on today's date and its clock cannot be moved, so the two waits of the story are made
// by moving the campaign's 公示 dates in the database: its start to today (a 公示 posted on a Saturday
// starts on Monday), and later its end to yesterday (the 公示 is over).
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { chooseFile, demoStory, ensureDir } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work } = demoStory(nodeTest, 'selections', (p) => { page = p })

const sql = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, q]).toString().trim()
const rendered = (preview) => preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor({ timeout: 30000 })
const toast = (text) => page.locator('.n-message').getByText(text).last().waitFor()
const menuGone = () => page.locator('.n-base-select-menu:visible').first().waitFor({ state: 'hidden' })
const option = (text) => page.locator('.n-base-select-option:visible', { hasText: text }).first()
const feedback = (scope, text) => scope.locator('.n-form-item-feedback', { hasText: text }).waitFor()
const fill = (id, text, scope = page) => scope.locator(`[data-test="${id}"]`).locator('input, textarea').first().fill(text)
const tab = (id) => test$(`selection-tab-${id}`).click()
const drawer = () => test$('selection-drawer')
const paper = () => test$('selection-paper')
const closePaper = async () => {
  await paper().locator('.n-base-close').click()
  await paper().waitFor({ state: 'detached' })
}
const pick = async (id, text) => {
  await menuGone()
  await test$(id).click()
  await option(text).click()
}
const setDate = async (id, day, scope = page) => {
  const input = scope.locator(`[data-test="${id}"] input`)
  await input.fill(day)
  await input.press('Enter')
}
// confirmDialog agrees to the warning dialog asking before a phase change.
const confirmDialog = (name) => page.locator('.n-dialog').getByRole('button', { name, exact: true }).click()
const phase = () => test$('selection-drawer-phase').innerText()
const pad = (n) => String(n).padStart(2, '0')
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const inDays = (n) => iso(new Date(Date.now() + n * 86400000))
const today = iso(new Date())
const year = new Date().getFullYear()

let village = ''
let villageId = ''
let campaignId = ''
// The four households nominated: head, code, id; the nominee is named 户主家庭.
let homes = []
let relative = { name: '', idNumber: '' } // of the first household, put on the panel
const nominee = (i) => `${homes[i].head}家庭`
const mine = () => page.locator(`[data-test="selection-row"][data-title="${village}${year}年度“文明家庭”评选"]`)

test('a campaign is refused while its weights come to 90, on its field; at 100 it is set up', async () => {
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()

  // A village with four households of distinct heads, the first with another person on the registry.
  for (const row of sql(`SELECT id || '|' || name FROM villages WHERE deleted_at IS NULL ORDER BY name`).split('\n')) {
    const [id, name] = row.split('|')
    const list = sql(`SELECT h.id || '|' || h.code || '|' || r.name FROM households h JOIN residents r ON r.household_id = h.id
      AND r.relation = '户主' AND r.deleted_at IS NULL AND r.status = '' WHERE h.village_id = '${id}' AND h.deleted_at IS NULL
      ORDER BY h.code LIMIT 40`).split('\n').filter(Boolean).map((l) => {
      const [hid, code, head] = l.split('|')
      return { id: hid, code, head }
    })
    const seen = new Set()
    const distinct = list.filter((h) => !seen.has(h.head) && seen.add(h.head))
    const first = distinct.find((h) => sql(`SELECT count(*) FROM residents WHERE household_id = '${h.id}' AND relation <> '户主'
      AND deleted_at IS NULL AND status = '' AND id_number <> ''`) !== '0')
    if (!first || distinct.length < 4) continue
    homes = [first, ...distinct.filter((h) => h !== first).slice(0, 3)]
    ;[village, villageId] = [name, id]
    const [rname, rid] = sql(`SELECT name || '|' || id_number FROM residents WHERE household_id = '${first.id}' AND relation <> '户主'
      AND deleted_at IS NULL AND status = '' AND id_number <> '' ORDER BY id LIMIT 1`).split('|')
    relative = { name: rname, idNumber: rid }
    break
  }
  assert.ok(village && homes.length === 4 && relative.idNumber, `a village with four households: ${village} ${JSON.stringify(homes)}`)

  await nav('评选表彰')
  await test$('selections-table').waitFor()
  // The demo's campaign of this year, in its 初审.
  await page.locator('[data-test="selection-row"]').first().waitFor()
  await shot('list-demo')

  await test$('selection-add').click()
  const dialog = test$('campaign-dialog')
  await dialog.waitFor()
  await pick('campaign-kind', '文明家庭')
  await pick('campaign-scope', village)
  await fill('campaign-quota', '2')
  const criteria = [['孝老爱亲', '40'], ['邻里和睦', '30'], ['移风易俗', '20']]
  await test$('criterion-add').click()
  await test$('criterion-add').click()
  for (const [i, [name, weight]] of criteria.entries()) {
    await test$('criterion-name').nth(i).locator('input').fill(name)
    await test$('criterion-weight').nth(i).locator('input').fill(weight)
  }
  await test$('criteria-sum').getByText('分值合计 90 分').waitFor()
  await fill('campaign-vetoes', '有违法犯罪记录的\n有参与邪教、黄赌毒行为的')
  await setDate('campaign-nominate-until', inDays(7))
  await setDate('campaign-review-until', inDays(14))
  await setDate('campaign-score-until', inDays(21))
  await test$('campaign-save').click()
  await feedback(dialog, '各项标准的分值合计应为 100 分，现为 90 分')
  await shot('form-refused')
  await test$('criterion-weight').nth(2).locator('input').fill('30')
  await test$('criteria-sum').getByText('分值合计 100 分').waitFor()
  await test$('campaign-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('评选活动已建立')
  await drawer().waitFor()
  assert.equal(await phase(), '推荐')
  await drawer().getByText('名额 2 名').waitFor()
  await drawer().getByText(`${village}${year}年度“文明家庭”评选`).first().waitFor()
  await test$('selection-steps').getByText('评议打分').waitFor()
  await test$('selection-criteria').getByText('移风易俗（30分）').waitFor()
  await test$('selection-vetoes').getByText('有违法犯罪记录的').waitFor()
  await shot('overview')
  campaignId = sql(`SELECT id FROM selection_campaigns WHERE village_id = '${villageId}' AND year = ${year} AND deleted_at IS NULL`)
  assert.ok(campaignId)
})

test('four households are nominated, one with a photo of its deeds; nominations close', async () => {
  await tab('nominations')
  const dialog = test$('nominate-dialog')
  for (const [i, h] of homes.entries()) {
    await test$('nomination-add').click()
    await dialog.waitFor()
    await menuGone()
    await test$('nominate-household').click()
    await test$('nominate-household').locator('input').fill(h.code)
    await option(h.code).click()
    if (i === 1) {
      await pick('nominate-recommender', '邻长推荐')
      await fill('nominate-by', '张邻长')
    }
    await fill('nominate-deeds', `${h.head}家几十年如一日照顾瘫痪在床的老人，邻里有难主动帮忙，第${i + 1}户。`)
    if (i === 0) await shot('nominate')
    await test$('nominate-save').click()
    await dialog.waitFor({ state: 'detached' })
    await toast('已新增推荐')
  }
  const rows = test$('selection-nominations').locator('[data-test="nomination-row"]')
  assert.equal(await rows.count(), 4)
  await test$('selection-tab-nominations').getByText('推荐（4）').waitFor()

  // A photo of the first household's deeds.
  const photo = path.join(ensureDir(path.join(work, 'photos')), '照顾老人.jpg')
  execFileSync('convert', ['-size', '1200x900', 'gradient:#f4d8a8-#c9795b', '-quality', '85', photo])
  await page.locator(`[data-test="nomination-row"][data-name="${nominee(0)}"]`).click()
  await test$('nomination-detail').getByText(`${nominee(0)} · `).waitFor()
  await test$('case-attachments').getByText('附件（0 个）').waitFor()
  chooseFile(dbPath, photo)
  await test$('attachment-add').click()
  await toast('已添加附件“照顾老人.jpg”')
  await test$('case-attachments').locator('[data-test="attachment-thumb-img"]').waitFor()
  await shot('nominations')
  assert.equal(sql(`SELECT count(*) FROM attachments WHERE owner_table = 'selection_nominations' AND deleted_at IS NULL`), '1')

  await test$('selection-close-nominations').click()
  await confirmDialog('截止推荐，进入初审')
  await toast('已截止推荐，进入初审')
  await test$('selection-drawer-phase').getByText('初审').waitFor()
  assert.equal(await test$('nomination-add').count(), 0, 'nominating is offered after nominations closed')
})

test('the 初审 passes three; the fourth fails, refused without its reason', async () => {
  const dialog = test$('review-dialog')
  for (let i = 0; i < 4; i++) {
    await page.locator(`[data-test="nomination-row"][data-name="${nominee(i)}"] [data-test="nomination-review-open"]`).click()
    await dialog.waitFor()
    if (i === 3) {
      await test$('review-failed').click()
      await test$('review-save').click()
      await feedback(dialog, '初审不通过须写明理由')
      await shot('review-refused')
      await fill('review-reason', '推荐材料中的事迹经村委会核查不属实')
    }
    await test$('review-save').click()
    await dialog.waitFor({ state: 'detached' })
    await toast(`${nominee(i)}初审${i === 3 ? '不通过' : '通过'}`)
  }
  const failed = page.locator(`[data-test="nomination-row"][data-name="${nominee(3)}"] [data-test="nomination-review"]`)
  await failed.getByText('不通过').waitFor()
  await failed.getByText('事迹经村委会核查不属实').waitFor()
  await shot('reviewed')
})

test('three panel members: one of a nominee\'s household is recused at once; scoring starts', async () => {
  await tab('panel')
  const dialog = test$('member-dialog')
  await test$('member-add').click()
  await dialog.waitFor()
  await test$('member-picker').click()
  await test$('member-picker').locator('input').fill(relative.idNumber)
  await option(relative.name).click()
  await test$('member-picked').getByText(relative.name).waitFor()
  await fill('member-role', '村民代表')
  await test$('member-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast(`已添加评议成员${relative.name}`)
  for (const [name, role] of [['李建军', '镇党委副书记'], ['王秀英', '镇妇联主席']]) {
    await test$('member-add').click()
    await dialog.waitFor()
    await fill('member-name', name)
    await fill('member-role', role)
    await test$('member-save').click()
    await dialog.waitFor({ state: 'detached' })
    await toast(`已添加评议成员${name}`)
  }
  assert.equal(await test$('member-row').count(), 3)
  const auto = page.locator(`[data-test="member-row"][data-name="${relative.name}"] [data-test="member-recusal"][data-auto="true"]`)
  await auto.getByText(`${nominee(0)}（与被推荐对象同户，自动）`).waitFor()
  await shot('panel')

  await test$('selection-start-scoring').click()
  await confirmDialog('开始评议')
  await toast('已开始评议打分')
  await test$('selection-drawer-phase').getByText('评议打分').waitFor()
})

// The scores: a member -> nominee index -> the three criteria. The relative is recused from the first
// household, 王秀英 declares a recusal from the second.
const scores = {
  relative: { 1: [35, 25, 25], 2: [30, 20, 20] },
  李建军: { 0: [38, 28, 28], 1: [34, 26, 24], 2: [30, 22, 20] },
  王秀英: { 0: [36, 28, 27], 2: [32, 21, 21] },
}

test('a member declares a recusal; everyone scores, recused cells marked 回避; the ranking', async () => {
  await test$('declare-open').click()
  const dialog = test$('declare-dialog')
  await dialog.waitFor()
  await pick('declare-member', '王秀英')
  await pick('declare-nominee', nominee(1))
  await test$('declare-save').click()
  await feedback(dialog, '请写明回避理由')
  await fill('declare-reason', '系被推荐人的亲属')
  await test$('declare-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast(`王秀英已申报回避${nominee(1)}`)
  await page.locator('[data-test="member-row"][data-name="王秀英"] [data-test="member-recusal"]').getByText(`${nominee(1)}（系被推荐人的亲属）`).waitFor()

  const grid = test$('score-grid')
  for (const [who, given] of Object.entries(scores)) {
    const name = who === 'relative' ? relative.name : who
    await pick('score-member', name)
    const rows = grid.locator('[data-test="score-row"]')
    assert.equal(await rows.count(), 3, 'the three who passed the 初审 are scored')
    for (let i = 0; i < 3; i++) {
      const row = grid.locator(`[data-test="score-row"][data-name="${nominee(i)}"]`)
      if (!given[i]) {
        assert.equal(await row.getAttribute('data-recused'), 'true', `${name} is recused from ${nominee(i)}`)
        assert.equal(await row.locator('[data-test="score-recused"]').count(), 3)
        continue
      }
      for (const [k, v] of given[i].entries()) await row.locator('[data-test="score-cell"] input').nth(k).fill(String(v))
      await row.locator('[data-test="score-sum"]').getByText(String(given[i].reduce((a, b) => a + b, 0))).waitFor()
      await row.locator('[data-test="score-save"]').click()
      await row.locator('[data-test="score-done"]').waitFor() // said in the row, with no toast a row
      assert.equal(await page.locator('.n-message').getByText('评分').count(), 0, 'saving scores stacks no toasts')
    }
    if (who === '王秀英') await shot('scores')
  }
  // The scores saved are in the member's grid when the screen is opened afresh (as on another day).
  await page.reload()
  await nav('评选表彰')
  await mine().click()
  await drawer().waitFor()
  await tab('panel')
  await pick('score-member', '王秀英')
  const again = grid.locator(`[data-test="score-row"][data-name="${nominee(0)}"] [data-test="score-cell"] input`)
  await again.first().waitFor()
  for (const [k, v] of scores['王秀英'][0].entries()) assert.equal(await again.nth(k).inputValue(), String(v))

  await tab('ranking')
  const pane = test$('selection-ranking')
  await pane.getByText('同分排序：总分相同的，依次比较各项标准得分（按标准排列顺序），仍相同的按推荐先后排序').waitFor()
  await test$('ranking-complete').waitFor()
  const row = (i) => pane.locator(`[data-test="ranking-row"][data-name="${nominee(i)}"]`)
  // 0: (38+36)/2 + 28 + (28+27)/2 = 92.5; 1: 34.5 + 25.5 + 24.5 = 84.5; 2: 92/3 + 21 + 61/3 = 72
  for (const [i, rank, total, selected] of [[0, '1', '92.50', 'true'], [1, '2', '84.50', 'true'], [2, '3', '72.00', 'false']]) {
    assert.equal(await row(i).getAttribute('data-rank'), rank)
    assert.equal(await row(i).getAttribute('data-selected'), selected)
    assert.equal((await row(i).locator('[data-test="ranking-total"]').innerText()).trim(), total)
  }
  await pane.locator(`[data-test="ranking-out"][data-name="${nominee(3)}"]`).getByText('初审不通过：推荐材料中的事迹经村委会核查不属实').waitFor()
  await shot('ranking')
})

test('the 公示: refused without where to object, then published and its PDF drawn', async () => {
  await test$('selection-publish').click()
  const dialog = test$('notice-dialog')
  await dialog.waitFor()
  await test$('notice-save').click()
  await feedback(dialog, '反映地点')
  await fill('notice-where', `${village}村务公开栏、镇党政办`)
  await fill('notice-contact', '杨丽')
  await fill('notice-phone', '0739-7321234')
  await fill('notice-monitor', '0739-7325678（镇纪委）')
  await shot('notice')
  await test$('notice-save').click()
  await dialog.waitFor({ state: 'detached' })
  await paper().waitFor()
  await rendered(paper())
  const header = await paper().locator('.n-drawer-header').innerText()
  assert.match(header, /公示 · 存档号 \S+/)
  await toast(`公示 ${header.match(/存档号 (\S+)/)[1]} 已发布存档`)
  await shot('notice-paper')
  await closePaper()
  await test$('selection-drawer-phase').getByText('公示').waitFor()
})

test('an objection against the first is sustained: the next moves up and a new 公示 is issued', async () => {
  // The objection comes in the day the 公示 goes up (its working days may start only on Monday).
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
  await mine().click()
  await drawer().waitFor()
  await tab('objections')
  await test$('objection-add').click()
  const dialog = test$('object-dialog')
  await dialog.waitFor()
  await pick('object-nominee', `${nominee(0)}（第1名，拟表彰）`)
  await fill('object-by', '刘某某')
  await fill('object-content', '该户去年因宅基地纠纷与邻居多次争吵，邻里关系并不和睦。')
  await test$('object-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('已登记异议')
  const objection = page.locator(`[data-test="objection-row"][data-nominee="${nominee(0)}"]`)
  await objection.getByText('待核实').waitFor()

  await objection.locator('[data-test="objection-settle"]').click()
  const settle = test$('settle-dialog')
  await settle.waitFor()
  await fill('settle-verification', '经村调委会走访邻居和查阅调解记录，反映情况属实。')
  await test$('settle-sustained').click()
  assert.equal(await test$('notice-contact').locator('input').inputValue(), '杨丽', 'the 公示\'s contact is offered again')
  await shot('settle')
  await test$('settle-save').click()
  await settle.waitFor({ state: 'detached' })
  await paper().waitFor()
  await rendered(paper())
  const number = (await paper().locator('.n-drawer-header').innerText()).match(/存档号 (\S+)/)[1]
  await closePaper()
  await test$('settle-outcome').getByText(`对${nominee(0)}的异议成立，已取消其资格；递补后拟表彰对象为${nominee(1)}、${nominee(2)}，已重新公示（存档号 ${number}）`).waitFor()
  await objection.locator('[data-test="objection-result"]').getByText('成立').waitFor()
  await shot('objections')

  await tab('ranking')
  const pane = test$('selection-ranking')
  for (const [i, rank] of [[1, '1'], [2, '2']]) {
    const row = pane.locator(`[data-test="ranking-row"][data-name="${nominee(i)}"]`)
    assert.equal(await row.getAttribute('data-rank'), rank)
    assert.equal(await row.getAttribute('data-selected'), 'true')
  }
  await pane.locator(`[data-test="ranking-out"][data-name="${nominee(0)}"]`).getByText('已取消资格：公示期间异议经核实成立').waitFor()
  await shot('ranking-after')
  assert.equal(sql(`SELECT count(*) FROM documents WHERE source_table = 'selection_campaigns' AND source_id = '${campaignId}' AND kind = 'gongshi'`), '2')
})

test('审定 is refused while the 公示 runs, done once it is over; 表彰 issues the decision and the certificates', async () => {
  await test$('selection-decide').click()
  const dialog = test$('decide-dialog')
  await dialog.waitFor()
  await test$('decide-save').click()
  await page.locator('.n-message').getByText(/^公示期到\d{4}年\d+月\d+日结束，公示期满后才能审定$/).waitFor()
  await shot('decide-refused')
  await dialog.getByRole('button', { name: '取消' }).click()
  await dialog.waitFor({ state: 'detached' })

  // The 公示 is over.
  sql(`UPDATE selection_campaigns SET notice_start = '${inDays(-10)}', notice_end = '${inDays(-1)}' WHERE id = '${campaignId}'`)
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
  await mine().click()
  await drawer().waitFor()
  await test$('selection-decide').click()
  await dialog.waitFor()
  await test$('decide-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('已于')
  await test$('selection-drawer-phase').getByText('审定').waitFor()

  await test$('selection-honour').click()
  const honour = test$('honour-dialog')
  await honour.waitFor()
  await fill('honour-prefix', `文明〔${year}〕`)
  await shot('honour')
  await test$('honour-save').click()
  await honour.waitFor({ state: 'detached' })
  await toast('已表彰2个对象')
  await paper().waitFor()
  await rendered(paper())
  assert.match(await paper().locator('.n-drawer-header').innerText(), /通报 · 存档号 \S+/)
  await shot('decision-paper')
  await closePaper()
  await test$('selection-drawer-phase').getByText('表彰').waitFor()
  await test$('selection-finished').waitFor()

  const docs = test$('selection-docs')
  await docs.waitFor()
  await docs.locator('[data-test="selection-doc"][data-kind="通报"]').waitFor()
  const kinds = await docs.locator('[data-test="selection-doc"]').evaluateAll((els) => els.map((e) => e.dataset.kind))
  assert.deepEqual(kinds, ['公示', '公示', '通报', '荣誉证书'])
  await shot('documents')
  await docs.locator('[data-test="selection-doc"][data-kind="荣誉证书"] [data-test="selection-doc-view"]').click()
  await paper().waitFor()
  await rendered(paper())
  await shot('certificates')
  await closePaper()

  const listed = JSON.parse(execFileSync(cli, ['selection', 'list', '--db', dbPath, '--json']).toString())
  const c = listed.find((x) => x.id === campaignId)
  assert.equal(c.phase, '表彰')
  assert.equal(c.decidedOn, today)
  assert.equal(sql(`SELECT group_concat(certificate, ',') FROM (SELECT certificate FROM honours WHERE campaign_id = '${campaignId}' ORDER BY certificate)`),
    `文明〔${year}〕001号,文明〔${year}〕002号`)
  const honoured = sql(`SELECT household_id FROM honours WHERE campaign_id = '${campaignId}' ORDER BY certificate`).split('\n')
  assert.deepEqual(honoured, [homes[1].id, homes[2].id])

  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
  await mine().locator('[data-test="selection-phase"]').getByText('表彰').waitFor()
  await shot('list')

  // The honour is on the household: a member's detail in 居民查询 shows it.
  const head = homes[1].head
  await nav('居民查询')
  await test$('resident-search').locator('input').fill(head)
  await test$('resident-row').filter({ hasText: head }).filter({ hasText: village }).first().click()
  await test$('household-honour').filter({ hasText: `${year}年度文明家庭` }).getByText(`证书编号 文明〔${year}〕001号`).waitFor()
  await shot('household-honour')
  await test$('resident-detail').locator('.n-base-close').click()
  await test$('resident-detail').waitFor({ state: 'detached' })
})

test('特大 text: the list, every tab of the campaign and 新建评选 grow with nothing clipped or scrolling sideways', async () => {
  await nav('设置')
  await test$('text-size-xlarge').click()
  const clipped = () => page.evaluate(() => [...document.querySelectorAll('.n-button, [data-test="nav"] a, .n-tabs-tab, .n-tag')]
    .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.trim()))
  const sideways = () => page.evaluate(() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1)
  // Tables wider than the drawer: their last columns (初审, 结果) out of view.
  const wide = () => page.evaluate(() => [...document.querySelectorAll('[data-test="selection-drawer"] table')].filter((t) => t.offsetParent)
    .filter((t) => t.getBoundingClientRect().right > window.innerWidth + 1).map((t) => t.querySelector('th')?.textContent.trim()))
  await nav('评选表彰')
  await mine().waitFor()
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(), [])
  assert.equal(await sideways(), false)
  await shot('xlarge-list')
  await mine().click()
  await drawer().waitFor()
  for (const id of ['overview', 'nominations', 'panel', 'ranking', 'objections', 'documents']) {
    await tab(id)
    await page.waitForTimeout(300)
    assert.deepEqual(await clipped(), [], id)
    assert.deepEqual(await wide(), [], id)
    await shot(`xlarge-${id}`)
  }
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
  await test$('selection-add').click()
  await test$('campaign-dialog').waitFor()
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(), [])
  await shot('xlarge-form')
  await test$('campaign-dialog').getByRole('button', { name: '取消' }).click()
  await test$('campaign-dialog').waitFor({ state: 'detached' })
  await nav('设置')
  await test$('text-size-standard').click()
})
