// End to end: the grid screens on the real Go backend (dev build) under Xvfb, on a fresh database —
// build a village down to residents, find them, appoint a leader, record visits and watch the tracker;
// then, on a second database of 80 villages, the long village list.
import { test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureDir, startStory, storyHelpers } from './harness.mjs'
import { writeXlsx } from './xlsx-fixture.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
const cli = process.env.XIANGZHI_CLI_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-cli')
const assetDir = path.join(root, 'frontend', 'dist')
const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-e2e-grid-'))
const dbPath = path.join(work, 'xiangzhi.db')

let page

// idNumber completes 17 digits with their GB 11643 (ISO 7064 MOD 11-2) check character.
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

const zhangSan = idNumber('43052919800512123') // 男 (17th digit odd), born 1980-05-12
const badId = zhangSan.slice(0, 17) + (zhangSan[17] === '0' ? '1' : '0')
const masked = `430529********${zhangSan.slice(14)}`

// A visit a year ago: its period and the next have passed, so the household is overdue.
const lastYear = (() => {
  const d = new Date()
  d.setFullYear(d.getFullYear() - 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
})()

const { test, shot, nav, test$ } = storyHelpers(nodeTest, () => page, outDir, 'grid')

// nodeDialog fills in the name dialog and saves it.
async function nodeDialog(name) {
  await test$('node-name-input').locator('input').fill(name)
  await test$('node-save').click()
  await test$('node-dialog').waitFor({ state: 'detached' })
}

// The panel shows the node when the breadcrumb's last item names it (a parent's name shows in the
// breadcrumb of its children too); a click the tree lost while it was redrawn is made again.
async function selectTreeNode(name) {
  const node = test$('grid-tree').locator('[data-test="tree-node"]', { has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) })
  const shown = test$('node-panel').locator('.n-breadcrumb-item').last().getByText(name, { exact: true })
  for (let i = 1; ; i++) {
    await node.click()
    try {
      await shown.waitFor({ timeout: 5000 })
      return
    } catch (e) {
      if (i === 3) throw e
    }
  }
}

// pick opens the select with data-test id and chooses the option with text.
async function pick(id, text) {
  await test$(id).click()
  await page.locator('.n-base-select-option', { hasText: text }).first().click()
}

async function stat(id) {
  return Number((await test$(id).locator('.n-statistic-value__content').innerText()).replace(/\D/g, ''))
}

async function confirmDialog(button) {
  await page.locator('.n-dialog').getByRole('button', { name: button, exact: true }).click()
}

let story
let manyStory // the app on the database of 80 villages

before(async () => {
  assert.ok(existsSync(binary), `dev build missing: ${binary}`)
  story = await startStory({ binary, dbPath, assetDir, outDir, logName: 'grid-app.log' })
  page = story.page
})

after(async () => {
  await story?.stop()
  await manyStory?.stop()
})

test('the navigation has the grid screens in order', async () => {
  const links = await page.locator('[data-test="nav"] a').allInnerTexts()
  assert.deepEqual(links.map((s) => s.trim()), ['首页', '网格', '居民查询', '走访督办', '民情', '会议', '合同', '道德超市', '评选表彰', '统计', '公文', '数据交换', '设置'])
})

test('a village is built down to a neighbourhood, which warns it is too small', async () => {
  await nav('网格')
  await test$('village-list').getByText('还没有村（社区）').waitFor()
  await test$('village-add').click()
  await nodeDialog('白毛坪村')
  await test$('village-item').getByText('白毛坪村').waitFor()

  for (const [button, name] of [['新增片', '一片'], ['新增组', '一组'], ['新增邻', '一邻']]) {
    await test$('node-add-child').getByText(button).click()
    await nodeDialog(name)
    await test$('node-panel').locator('.n-breadcrumb').getByText(name, { exact: true }).waitFor()
  }
  const warning = test$('tree-warning')
  await warning.waitFor()
  assert.match(await warning.innerText(), /只有 0 户，少于 5 户/)
  assert.match(await test$('village-counts').innerText(), /1 片 · 1 组 · 1 邻 · 0 户/)
})

test('a household is added with its head and gets a second resident; the ID shows masked, a wrong ID shows on its field and saves nothing', async () => {
  await test$('household-add').click()
  // The head is asked for with the household: without a name nothing is saved.
  await test$('household-address').locator('input').fill('白毛坪村一组12号')
  await test$('household-save').click()
  await test$('household-head-item').getByText('户主姓名不能为空').waitFor()
  await test$('household-head').locator('input').fill('张三')
  await test$('household-head-id').locator('input').fill(zhangSan)
  await test$('household-phone').locator('input').fill('138 1234 5678')
  await pick('household-tags', '留守老人')
  await test$('household-form').locator('.n-card-header').click() // close the tag menu
  await shot('household-form')
  await test$('household-save').click()
  await test$('household-form').waitFor({ state: 'detached' })
  const row = test$('household-table').locator('tbody tr').first()
  await row.getByText('0001').waitFor()
  assert.match(await row.innerText(), /138\*\*\*\*5678[\s\S]*/)
  assert.match(await row.innerText(), /留守老人/)

  // The same head and code again, with a wrong phone: all three are marked after the one save, the
  // person already registered among them, and nothing is saved.
  await test$('household-add').click()
  await test$('household-head').locator('input').fill('张三')
  await test$('household-head-id').locator('input').fill(zhangSan)
  await test$('household-code').locator('input').fill('0001')
  await test$('household-phone').locator('input').fill('12345')
  await test$('household-save').click()
  await test$('household-phone-item').getByText('手机号应为11位').waitFor()
  await test$('household-code-item').getByText('本村已有户编号为 0001 的户').waitFor()
  await test$('household-head-id-item').getByText('已登记为 张三').waitFor()
  await shot('household-taken')
  await test$('household-form').getByRole('button', { name: '取消', exact: true }).click()
  await test$('household-form').waitFor({ state: 'detached' })
  assert.equal(await test$('household-table').locator('tbody tr').count(), 1, 'the refused household was saved')

  // Changing the household shows its full phone, so saving keeps it.
  await row.locator('[data-test="household-more"]').click()
  await page.locator('[data-test="household-edit"]').click()
  await test$('household-form').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-test="household-phone"] input')?.value !== '')
  assert.match(await test$('household-phone').locator('input').inputValue(), /^138 ?1234 ?5678$/)
  await test$('household-notes').locator('textarea').fill('老人独居')
  await test$('household-save').click()
  await test$('household-form').waitFor({ state: 'detached' })
  assert.match(await row.innerText(), /138\*\*\*\*5678/)

  await row.locator('[data-test="household-members"]').click()
  await test$('members-drawer').waitFor()
  await test$('members-table').getByText('张三').waitFor()
  await test$('members-table').locator('[data-test="member-edit"]').first().click()
  await test$('resident-form').waitFor()
  await test$('resident-ethnicity').click()
  const ethnicities = await page.locator('.n-base-select-option').allInnerTexts()
  assert.deepEqual(ethnicities.slice(0, 5).map((s) => s.trim()), ['汉族', '苗族', '侗族', '瑶族', '土家族'])
  await page.keyboard.type('苗')
  await page.locator('.n-base-select-option', { hasText: '苗族' }).first().click()
  await test$('resident-phone').locator('input').fill('13907391234')
  await test$('resident-save').click()
  await test$('resident-form').waitFor({ state: 'detached' })
  const ids = test$('members-table').locator('[data-test="member-id"]')
  await ids.first().getByText(masked).waitFor()
  assert.equal(await ids.count(), 1)

  await test$('resident-add').click()
  await test$('resident-name').locator('input').fill('李四梅')
  await pick('resident-relation', '配偶')
  await test$('resident-idNumber').locator('input').fill(badId)
  await test$('resident-phone').locator('input').fill('12345')
  await test$('resident-save').click()
  // Both wrong fields are marked after the one save.
  await test$('resident-idNumber-item').getByText('身份证号校验位不对').waitFor()
  await test$('resident-phone-item').getByText('手机号应为11位').waitFor()
  assert.equal(await ids.count(), 1, 'a resident with a wrong ID was saved')
  await shot('resident-error')
  await test$('resident-phone').locator('input').fill('')

  await test$('resident-idNumber').locator('input').fill('')
  await test$('resident-sex-item').getByText('女', { exact: true }).click()
  await test$('resident-birthDate').locator('input').fill('1982-03-04')
  await test$('resident-birthDate').locator('input').press('Enter')
  await test$('resident-save').click()
  await test$('resident-form').waitFor({ state: 'detached' })
  await test$('members-table').getByText('李四梅').waitFor()
  assert.equal(await test$('members-table').locator('tbody tr').count(), 2)
  assert.match(await test$('members-table').innerText(), /1982年3月4日/)
  await shot('members')

  await test$('members-drawer').locator('.n-base-close').click()
  await test$('members-drawer').waitFor({ state: 'detached' })
  assert.match(await row.innerText(), /张三[\s\S]*白毛坪村一组12号[\s\S]*2/)
  assert.match(await test$('village-counts').innerText(), /1 户 · 2 人/)
  await test$('tree-warning').getByText('只有 1 户').waitFor()
  await shot('tree')
})

test('a member who moves away leaves the counts, stays in the household\'s history and is still found', async () => {
  const row = test$('household-table').locator('tbody tr').first()
  await row.locator('[data-test="household-members"]').click()
  await test$('members-drawer').waitFor()
  await test$('resident-add').click()
  await test$('resident-name').locator('input').fill('王五')
  await pick('resident-relation', '子')
  await test$('resident-save').click()
  await test$('resident-form').waitFor({ state: 'detached' })
  await test$('members-table').getByText('王五').waitFor()
  assert.match(await test$('members-count').innerText(), /在册 3 人/)

  const wang = test$('members-table').locator('tbody tr', { hasText: '王五' })
  await wang.locator('[data-test="member-leave"]').click()
  await test$('status-dialog').waitFor()
  await test$('status-kind').getByText('迁出', { exact: true }).click()
  // A date after today is refused on its field, and nothing changes.
  await test$('status-date').locator('input').fill('2099-01-01')
  await test$('status-date').locator('input').press('Enter')
  await test$('status-save').click()
  await test$('status-date-item').getByText('不能晚于今天').waitFor()
  assert.match(await test$('members-count').innerText(), /在册 3 人/)
  await test$('status-date').locator('input').fill(lastYear)
  await test$('status-date').locator('input').press('Enter')
  await test$('status-date-item').locator('.n-form-item-feedback__line').waitFor({ state: 'detached' })
  await test$('status-note').locator('input').fill('迁往长沙市岳麓区')
  await shot('status-dialog')
  await test$('status-save').click()
  await test$('status-dialog').waitFor({ state: 'detached' })

  await test$('departed-table').getByText('王五').waitFor()
  assert.match(await test$('members-count').innerText(), /在册 2 人，另有已迁出、已故 1 人/)
  assert.equal(await test$('members-table').locator('tbody tr').count(), 2)
  assert.match(await test$('departed-table').innerText(), /迁出[\s\S]*迁往长沙市岳麓区/)
  await shot('members-departed')
  await test$('members-drawer').locator('.n-base-close').click()
  await test$('members-drawer').waitFor({ state: 'detached' })
  assert.match(await row.innerText(), /张三[\s\S]*白毛坪村一组12号[\s\S]*2/)
  assert.match(await test$('village-counts').innerText(), /1 户 · 2 人/)

  await nav('居民查询')
  await test$('resident-search').locator('input').fill('王五')
  const hit = test$('resident-row').filter({ hasText: '王五' })
  await hit.locator('[data-test="hit-status"]').getByText('迁出').waitFor()
  await hit.click()
  await test$('resident-detail-status').getByText(/^迁出（\d{4}年\d{1,2}月\d{1,2}日）$/).waitFor()
  await shot('resident-departed')
  await test$('resident-detail').locator('.n-base-close').click()
  await test$('resident-detail').waitFor({ state: 'detached' })
  await test$('resident-search').locator('input').fill('')
  await nav('网格')
})

test('a resident is found by pinyin initials and the detail shows the full ID', async () => {
  await nav('居民查询')
  const search = test$('resident-search').locator('input')
  assert.match(await search.getAttribute('placeholder'), /拼音首字母（如 zs）/)
  // The search box has the focus when the screen opens: typing goes straight into it.
  await page.waitForFunction(() => document.activeElement?.closest('[data-test="resident-search"]'))
  await page.keyboard.type('zs')
  const row = test$('resident-row').filter({ hasText: '张三' })
  await row.waitFor()
  const text = await row.innerText()
  assert.ok(text.includes(masked), text)
  assert.match(text, /1980年5月12日/)
  assert.match(text, /139\*\*\*\*1234/)
  assert.match(text, /白毛坪村 \/ 一组 \/ 一邻/)
  await shot('search')

  await row.click()
  await test$('resident-detail-id').getByText(zhangSan).waitFor()
  assert.equal(await test$('resident-detail-phone').innerText(), '13907391234')
  await test$('resident-detail-members').getByText('李四梅').waitFor()
  assert.match(await test$('resident-detail-birth').innerText(), /1980年5月12日（\d+ 岁）/)
  await test$('resident-detail-tags').getByText('留守老人').waitFor()
  await test$('resident-detail-visits').getByText('这户还没有走访记录').waitFor()
  await shot('resident-detail')
  // The household opens in 网格, its members shown.
  await test$('resident-open-grid').click()
  await test$('members-drawer').getByText('李四梅').waitFor()
  await test$('node-panel').locator('.n-breadcrumb').getByText('一邻', { exact: true }).waitFor()
  await shot('opened-in-grid')
  await test$('members-drawer').locator('.n-base-close').click()
  await test$('members-drawer').waitFor({ state: 'detached' })
  await nav('居民查询')

  // By the birth date inside the ID, and by a name and a place.
  await search.fill('19800512')
  await row.waitFor()
  await search.fill('张三 白毛坪')
  await row.waitFor()
  assert.equal(await test$('resident-row').count(), 1)

  // By the keyboard alone: Tab reaches the row, Enter opens it, Esc closes it.
  await search.focus()
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-test') === 'resident-row')) break
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-test')), 'resident-row', 'Tab does not reach the row')
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
  assert.equal(outline, 'solid', 'the focused row has no outline')
  await page.keyboard.press('Enter')
  await test$('resident-detail-id').getByText(zhangSan).waitFor()
  await page.keyboard.press('Escape')
  await test$('resident-detail').waitFor({ state: 'detached' })

  await search.fill('lsm')
  await test$('resident-row').filter({ hasText: '李四梅' }).waitFor()
  await search.fill('43')
  await test$('resident-search-item').getByText('至少输入 3 位').waitFor()
})

test('a neighbourhood leader is appointed by searching for the resident', async () => {
  await nav('网格')
  await selectTreeNode('一邻')
  await page.locator('.n-tabs-tab', { hasText: '村干部' }).click()
  await test$('leader-appoint').click()
  await test$('leader-form').waitFor()
  assert.match(await test$('leader-role').innerText(), /邻长/)
  assert.match(await test$('leader-scope').innerText(), /一片 \/ 一组 \/ 一邻/)
  await test$('resident-picker').click()
  await page.keyboard.type('zs')
  await page.locator('.n-base-select-option', { hasText: '张三' }).click()
  await shot('leader-form')
  await test$('leader-save').click()
  await test$('leader-form').waitFor({ state: 'detached' })
  const leaderRow = test$('leader-table').locator('tbody tr').first()
  await leaderRow.getByText('张三').waitFor()
  assert.match(await leaderRow.innerText(), /邻长[\s\S]*张三[\s\S]*一邻[\s\S]*起至今/)
  await test$('tree-leader').getByText('张三').waitFor()
  await shot('leaders')
  await page.locator('.n-tabs-tab', { hasText: '网格与住户' }).click()
})

test('the tracker counts the new household as due; an old visit makes it overdue; a visit from the tracker clears it', async () => {
  await nav('走访督办')
  await test$('cadence-households').waitFor()
  assert.equal(await stat('cadence-households'), 1)
  assert.equal(await stat('cadence-due'), 1, 'a household registered today is due this period')
  assert.equal(await stat('cadence-overdue'), 0)

  // A paper record of a visit a year ago, typed in on the household.
  await nav('网格')
  await selectTreeNode('一邻')
  await test$('household-table').locator('[data-test="household-visits"]').first().click()
  await test$('visit-drawer').waitFor()
  await test$('visit-date').locator('input').fill(lastYear)
  await test$('visit-date').locator('input').press('Enter')
  await test$('visit-visitor').locator('input').fill('张三') // appointed today: not in office a year ago
  // An empty visit is refused on its field (it would clear an overdue household with nothing learned);
  // the error goes as soon as the field is filled in.
  await test$('visit-save').click()
  const findingsItem = page.locator('[data-test="visit-form"] .n-form-item', { has: test$('visit-findings') })
  await findingsItem.locator('.n-form-item-feedback', { hasText: '请填写走访情况' }).waitFor()
  await test$('visit-findings').locator('textarea').fill('老人独居，身体尚可')
  await findingsItem.locator('.n-form-item-feedback', { hasText: '请填写走访情况' }).waitFor({ state: 'detached' })
  await test$('visit-save').click()
  const item = test$('visit-history').locator('[data-test="visit-item"]')
  await item.first().waitFor()
  const [y, m, d] = lastYear.split('-').map(Number)
  assert.match(await item.first().innerText(), new RegExp(`${y}年${m}月${d}日[\\s\\S]*入户[\\s\\S]*张三[\\s\\S]*老人独居`))
  await shot('visit-history')
  await test$('visit-drawer').locator('.n-base-close').click()

  await nav('首页')
  await test$('home-todo').waitFor()
  assert.equal(await stat('home-todo-overdue'), 1)
  await test$('home-todo').getByText('0001').waitFor()
  await shot('home')

  await test$('home-todo-link').click()
  await test$('cadence-overdue').waitFor()
  assert.equal(await stat('cadence-overdue'), 1)
  assert.equal(await stat('cadence-due'), 0)
  const row = test$('overdue-table').locator('tbody tr').filter({ hasText: '0001' })
  const text = await row.innerText()
  assert.match(text, /张三[\s\S]*重点户[\s\S]*白毛坪村 \/ 一组 \/ 一邻[\s\S]*张三/)
  assert.match(text, new RegExp(`${y}年${m}月${d}日`))
  assert.match(text, /\d+ 天/)
  await test$('cadence-by-leader').getByText('张三').waitFor()
  await shot('visits')
  // A leader's row narrows the overdue list to their neighbourhood.
  await test$('leader-row').filter({ hasText: '张三' }).click()
  await test$('leader-filter').getByText('邻长 张三').waitFor()
  assert.match(await test$('leader-filter').innerText(), /1 户/)
  await shot('visits-leader')

  await row.locator('[data-test="overdue-visit"]').click()
  await test$('quick-visit').waitFor()
  await test$('visit-form-kind').getByText('电话').click()
  await test$('visit-findings').locator('textarea').fill('电话询问，一切正常')
  await test$('visit-save').click()
  await test$('quick-visit').waitFor({ state: 'detached' })
  await test$('overdue-table').getByText('没有逾期未走访的户').waitFor()
  assert.match(await test$('leader-filter').innerText(), /0 户/)
  assert.equal(await stat('cadence-overdue'), 0)
  assert.equal(await stat('cadence-due'), 0)
  await test$('leader-filter').locator('.n-tag__close').click()
  await test$('leader-filter').waitFor({ state: 'detached' })
})

test('a visit is corrected in its history, and withdrawn with a reason: the household is overdue again', async () => {
  await nav('网格')
  await selectTreeNode('一邻')
  await test$('household-table').locator('[data-test="household-visits"]').first().click()
  await test$('visit-drawer').waitFor()
  const items = test$('visit-history').locator('[data-test="visit-item"]')
  await items.nth(1).waitFor()
  assert.match(await items.first().innerText(), /电话[\s\S]*张三[\s\S]*电话询问，一切正常/)
  await items.first().locator('[data-test="visit-edit"]').click()
  const edit = test$('visit-edit-form')
  assert.equal(await edit.locator('[data-test="visit-findings"] textarea').inputValue(), '电话询问，一切正常')
  await edit.locator('[data-test="visit-findings"] textarea').fill('电话询问，一切正常；屋顶已修好')
  await edit.locator('[data-test="visit-save"]').click()
  await edit.waitFor({ state: 'detached' })
  await items.first().getByText('屋顶已修好').waitFor()
  await shot('visit-corrected')

  await items.first().locator('[data-test="visit-withdraw"]').click()
  await page.locator('.n-dialog').getByText('撤回走访记录').waitFor()
  await page.locator('[data-test="visit-withdraw-reason"] textarea').fill('记错了户，实际是电话打给了二组')
  await page.locator('.n-dialog').getByRole('button', { name: '撤回', exact: true }).click()
  await page.locator('.n-dialog').waitFor({ state: 'detached' })
  await page.waitForFunction(() => document.querySelectorAll('[data-test="visit-item"]').length === 1)
  await test$('visit-drawer').locator('.n-base-close').click()

  await nav('首页')
  await test$('home-todo').waitFor()
  assert.equal(await stat('home-todo-overdue'), 1, 'the withdrawn visit no longer clears the household')
})

test('split, move and merge neighbourhoods; a non-empty one cannot be deleted', async () => {
  await nav('网格')
  await selectTreeNode('一邻')
  await test$('household-add').click()
  await test$('household-head').locator('input').fill('赵六')
  await test$('household-address').locator('input').fill('白毛坪村一组14号')
  await test$('household-save').click()
  await test$('household-form').waitFor({ state: 'detached' })
  await test$('household-table').getByText('0002').waitFor()

  await test$('node-split').click()
  await test$('split-name').locator('input').fill('二邻')
  await test$('split-households').getByText('0002').click()
  await shot('split')
  await test$('split-save').click()
  await test$('split-dialog').waitFor({ state: 'detached' })
  await page.locator('.n-message').getByText('二邻只有 1 户，少于 5 户').waitFor()
  await test$('grid-tree').getByText('二邻').waitFor()
  assert.equal(await test$('household-table').locator('tbody tr').filter({ hasText: '0002' }).count(), 0)

  await test$('household-table').locator('[data-test="household-more"]').first().click() // 迁移 is in the row's menu
  await page.locator('[data-test="household-move"]').click()
  await pick('move-target', '二邻')
  await test$('move-save').click()
  await test$('move-dialog').waitFor({ state: 'detached' })
  await page.locator('.n-message').getByText('一邻只有 0 户').waitFor()
  await test$('household-table').getByText('这个邻还没有住户').waitFor()
  // 撤销 on the move's message puts the household back; moving it again empties 一邻.
  await page.locator('[data-test="undo"]').last().click()
  await page.locator('.n-message').getByText('已撤销').last().waitFor() // (an earlier one may still show)
  await test$('household-table').getByText('0001').waitFor()
  await test$('household-table').locator('[data-test="household-more"]').first().click() // 迁移 is in the row's menu
  await page.locator('[data-test="household-move"]').click()
  await pick('move-target', '二邻')
  await test$('move-save').click()
  await test$('move-dialog').waitFor({ state: 'detached' })
  await test$('household-table').getByText('这个邻还没有住户').waitFor()

  await test$('node-merge').click()
  await pick('merge-from', '二邻')
  await test$('merge-save').click()
  await test$('merge-dialog').waitFor({ state: 'detached' })
  await test$('household-table').getByText('0001').waitFor()
  await test$('household-table').getByText('0002').waitFor()
  await test$('grid-tree').getByText('二邻').waitFor({ state: 'detached' })
  await shot('merged')

  // 撤销 on the merge's message brings 二邻 back with its two households; merging again joins them.
  await page.locator('[data-test="undo"]').last().click()
  await page.locator('.n-message').getByText('已撤销').last().waitFor() // (an earlier one may still show)
  await test$('grid-tree').getByText('二邻').waitFor()
  await test$('household-table').getByText('这个邻还没有住户').waitFor()
  await test$('node-merge').click()
  await pick('merge-from', '二邻')
  await test$('merge-save').click()
  await test$('merge-dialog').waitFor({ state: 'detached' })
  await test$('household-table').getByText('0002').waitFor()
  await test$('grid-tree').getByText('二邻').waitFor({ state: 'detached' })

  await test$('node-delete').click()
  await confirmDialog('删除')
  await page.locator('.n-message').getByText('这个邻下还有 2 个下级（或户）').waitFor()
  await test$('grid-tree').getByText('一邻').waitFor()

  // An empty neighbourhood is deleted, and 撤销 brings it back.
  await selectTreeNode('一组')
  await test$('node-add-child').getByText('新增邻').click()
  await nodeDialog('三邻')
  await test$('node-panel').locator('.n-breadcrumb').getByText('三邻', { exact: true }).waitFor()
  await test$('node-delete').click()
  await confirmDialog('删除')
  await test$('grid-tree').getByText('三邻').waitFor({ state: 'detached' })
  await page.locator('[data-test="undo"]').last().click()
  await page.locator('.n-message').getByText('已撤销').last().waitFor() // (an earlier one may still show)
  await test$('grid-tree').getByText('三邻').waitFor()
})

// The office of a county has hundreds of villages: here 80 (测试01村 … 测试80村, one household each,
// imported from a roster with the command line) in an app of their own. The list draws only the rows
// in view, yet scrolling, Tab and Enter reach every village, and the selected one is in view again
// when the screen is opened again.
test('a long village list draws only the rows in view; scroll and Tab reach every village; the selected one stays in view', async () => {
  const manyDb = path.join(work, 'many.db')
  const roster = path.join(work, '八十个村花名册.xlsx')
  const village = (i) => `测试${String(i).padStart(2, '0')}村`
  const rows = [['姓名', '公民身份号码', '村（社区）', '村民小组', '与户主关系']]
  for (let i = 1; i <= 80; i++) rows.push([`户主${i}`, idNumber(`43052919800101${String(i).padStart(3, '0')}`), village(i), '1组', '户主'])
  writeXlsx(roster, rows, '花名册')
  execFileSync(cli, ['init', '--db', manyDb], { stdio: 'ignore' })
  execFileSync(cli, ['roster', 'import', '--db', manyDb, roster], { stdio: 'ignore' })
  manyStory = await startStory({ binary, dbPath: manyDb, assetDir, outDir, logName: 'grid-many-app.log' })
  page = manyStory.page
  await page.setViewportSize({ width: 1366, height: 768 })

  const list = test$('village-list')
  const items = test$('village-item')
  const active = list.locator('.village.active .name')
  const treeRoot = () => test$('grid-tree').locator('[data-test="tree-node"] .node-name').first()
  // selectedInView tells, in the page, whether the selected row lies wholly inside the list's scrolling box.
  const selectedInView = () => {
    const row = document.querySelector('[data-test="village-list"] .village.active')
    const box = row?.closest('.v-vl')?.getBoundingClientRect()
    const r = row?.getBoundingClientRect()
    return !!r && r.top >= box.top - 1 && r.bottom <= box.bottom + 1
  }

  await nav('网格')
  await items.first().waitFor()
  assert.equal((await active.innerText()).trim(), village(1))
  const drawn = await items.count()
  assert.ok(drawn >= 6 && drawn <= 20, `${drawn} of 80 rows drawn`)

  // The wheel over the list reaches the last village; chosen, it is wholly in view, and the list still
  // draws only some of the rows.
  const box = await list.boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  for (let i = 0; i < 40 && !(await items.filter({ hasText: village(80) }).count()); i++) await page.mouse.wheel(0, 600)
  const last = items.filter({ hasText: village(80) })
  await last.click()
  await treeRoot().getByText(village(80), { exact: true }).waitFor()
  assert.equal((await active.innerText()).trim(), village(80))
  assert.ok(await page.evaluate(selectedInView), 'the last village is not wholly in view')
  assert.ok((await items.count()) <= 20, 'the list drew every row on the way down')

  // Opened again, the screen shows the selected village in view, far down the list.
  await nav('首页')
  await test$('home-todo').waitFor()
  await nav('网格')
  await active.getByText(village(80)).waitFor()
  await page.waitForFunction(selectedInView)
  await shot('many-villages')

  // Tab walks the rows past those drawn at first; Enter chooses the one it is on.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  for (let i = 0; i < 40 && !(await items.filter({ hasText: village(1) }).count()); i++) await page.mouse.wheel(0, -600)
  await items.filter({ hasText: village(1) }).focus()
  // (one key a frame at most, as a hand types: the rows come into the list as it scrolls)
  for (let i = 0; i < 29; i++) {
    await page.keyboard.press('Tab')
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  }
  const focused = await page.evaluate(() => document.activeElement?.closest('[data-test="village-item"]')?.querySelector('.name')?.textContent.trim())
  assert.equal(focused, village(30))
  await page.keyboard.press('Enter')
  await treeRoot().getByText(village(30), { exact: true }).waitFor()
  assert.equal((await active.innerText()).trim(), village(30))
  assert.ok(await page.evaluate(selectedInView), 'the village chosen with the keyboard is not wholly in view')
})
