// End to end: the 花名册 import on the real Go backend (dev build) under Xvfb, on a fresh database —
// a file that is not a roster is refused with the reason; a roster with a bad row is checked, its
// problem shown and reported, its valid rows imported; the people are then found, registered again
// without duplicates, and due for a visit. The rosters are written here as .xlsx (xlsx-fixture.mjs).
import { test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chooseFile, ensureDir, startStory, storyHelpers } from './harness.mjs'
import { writeXlsx, idNumber } from './xlsx-fixture.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
const assetDir = path.join(root, 'frontend', 'dist')
const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-e2e-roster-'))
const dbPath = path.join(work, 'xiangzhi.db')

let page

// The roster: a title row, then headers as village sheets write them (synonyms of the template's),
// three good rows in two households and, on sheet row 5, an ID number with a wrong check digit.
const longZaitian = idNumber('43052919750318201') // 男, born 1975-03-18
const yangChunhua = idNumber('43052919780625202') // 女
const longXiaojun = idNumber('43052920010909403') // 男
const lanXiuying = idNumber('43052919620101302') // 女
const badId = lanXiuying.slice(0, 17) + (lanXiuying[17] === '0' ? '1' : '0')
const rosterFile = path.join(work, '丹口村花名册.xlsx')
writeXlsx(rosterFile, [
  ['城步苗族自治县丹口镇丹口村居民花名册'],
  ['姓名', '公民身份号码', '村（社区）', '村民小组', '性别', '手机号', '住址', '与户主关系'],
  ['龙再田', longZaitian, '丹口村', '3组', '男', '13907390001', '丹口村3组8号', '户主'],
  ['杨春花', yangChunhua, '丹口村', '3组', '女', '', '丹口村3组8号', '配偶'],
  ['蓝秀英', badId, '丹口村', '3组', '女', '', '丹口村3组9号', '户主'],
  ['龙小军', longXiaojun, '丹口村', '3组', '男', '13907390003', '丹口村3组10号', '户主'],
], '花名册')
// A workbook that is no roster: a list of names and ages.
const otherFile = path.join(work, '体检名单.xlsx')
writeXlsx(otherFile, [['姓名', '年龄'], ['龙再田', '51']])

const { test, shot, nav, test$ } = storyHelpers(nodeTest, () => page, outDir, 'roster')

async function stat(id) {
  return Number((await test$(id).locator('.n-statistic-value__content').innerText()).replace(/\D/g, ''))
}

// pick has the system's file dialog (the dev build's stand-in) answer file, and asks for it.
async function pick(file) {
  chooseFile(dbPath, file)
  await test$('roster-file').click()
}

// openImport opens the import dialog and chooses file.
async function openImport(file) {
  await test$('roster-import-open').click()
  await test$('roster-import').waitFor()
  await pick(file)
}

let story

before(async () => {
  assert.ok(existsSync(binary), `dev build missing: ${binary}`)
  // Keep the per-user data folder inside this run's temporary one too.
  process.env.XDG_DATA_HOME = path.join(work, 'data')
  story = await startStory({ binary, dbPath, assetDir, outDir, logName: 'roster-app.log' })
  page = story.page
})

after(async () => {
  await story?.stop()
})

test('the village list offers the roster; a cancelled file dialog changes nothing; a workbook that is not a roster is refused with the reason', async () => {
  await nav('网格')
  await test$('village-list').getByText('还没有村（社区）').waitFor()
  for (const b of ['roster-import-open', 'roster-template', 'roster-export']) await test$(b).waitFor()
  assert.ok(await test$('roster-export').isDisabled(), 'export is offered with nothing to export')
  await test$('roster-import-open').click()
  await test$('roster-import').waitFor()
  await test$('roster-file').click() // the officer cancels the file dialog: nothing changes
  await page.waitForTimeout(300)
  assert.equal(await test$('roster-error').count(), 0)
  assert.ok(await test$('roster-file').isEnabled())
  await pick(otherFile)
  const error = test$('roster-error')
  await error.waitFor()
  const text = await error.innerText()
  assert.match(text, /输入有误/)
  assert.match(text, /缺少“村\(社区\)”、“组”列/)
  await test$('roster-choose').waitFor() // still on the first step
  assert.match(await test$('roster-choose').innerText(), /必须有的列：村\(社区\)、组、姓名/)
  await shot('not-a-roster')
})

test('a roster with a bad row is checked: 3 valid, 1 with a problem naming the row, the column and the check digit', async () => {
  await pick(rosterFile)
  await test$('roster-check').waitFor()
  await test$('roster-error').waitFor({ state: 'detached' })
  assert.equal(await stat('roster-total'), 4)
  assert.equal(await stat('roster-valid'), 3)
  assert.equal(await stat('roster-rejected'), 1)
  assert.equal(await stat('roster-existing'), 0)

  const problems = test$('roster-problems').locator('tbody tr')
  assert.equal(await problems.count(), 1)
  const cells = (await problems.first().locator('td').allInnerTexts()).map((s) => s.trim())
  assert.equal(cells[0], '5')
  assert.equal(cells[1], '身份证号')
  assert.match(cells[2], /校验位/)

  const reportPath = (await test$('roster-report').innerText()).trim()
  assert.match(reportPath, /花名册问题清单-\d{8}-\d{6}\.\d{3}\.xlsx$/)
  assert.ok(reportPath.startsWith(path.join(work, 'reports')), reportPath) // beside the database
  assert.ok(existsSync(reportPath), `no report at ${reportPath}`)

  assert.ok(await test$('roster-skip').locator('input').isChecked(), 'people already registered are not skipped by default')
  assert.equal((await test$('roster-import-go').innerText()).trim(), '只导入有效的 3 行')
  await shot('check')
})

test('the valid rows are imported and the grid shows the new village', async () => {
  await test$('roster-import-go').click()
  await test$('roster-result').waitFor()
  assert.equal(await test$('roster-result-added').innerText(), '3 人')
  assert.equal(await test$('roster-result-skipped').innerText(), '0 人')
  assert.equal(await test$('roster-result-households').innerText(), '2 户')
  assert.match(await test$('roster-result-nodes').innerText(), /^4 个/)
  await shot('result')
  await test$('roster-done').click()
  await test$('roster-import').waitFor({ state: 'detached' })

  await test$('village-item').getByText('丹口村').waitFor()
  assert.match(await test$('village-counts').innerText(), /1 片 · 1 组 · 1 邻 · 2 户 · 3 人/)
  await test$('grid-tree').getByText('未分邻').waitFor()
  await shot('grid')
})

test('an imported person is found by pinyin initials', async () => {
  await nav('居民查询')
  await test$('resident-search').locator('input').fill('lzt')
  const row = test$('resident-row').filter({ hasText: '龙再田' })
  await row.waitFor()
  const text = await row.innerText()
  assert.match(text, /1975年3月18日/)
  assert.ok(text.includes(`430529********${longZaitian.slice(14)}`), text)
  assert.match(text, /丹口村 \/ 3组 \/ 未分邻/)
  await shot('search')
})

test('the same roster again: 不导入 writes nothing; importing it with 更新 registers nobody twice', async () => {
  await nav('网格')
  await openImport(rosterFile)
  await test$('roster-check').waitFor()
  assert.equal(await stat('roster-existing'), 3)
  await test$('roster-cancel').click()
  await test$('roster-import').waitFor({ state: 'detached' })
  assert.match(await test$('village-counts').innerText(), /2 户 · 3 人/)

  await openImport(rosterFile)
  await test$('roster-check').waitFor()
  await test$('roster-update').click()
  await test$('roster-import-go').click()
  await test$('roster-result').waitFor()
  assert.equal(await test$('roster-result-added').innerText(), '0 人')
  assert.equal(await test$('roster-result-unchanged').innerText(), '3 人')
  assert.equal(await test$('roster-result-households').innerText(), '0 户')
  await test$('roster-done').click()
  await test$('roster-import').waitFor({ state: 'detached' })
  assert.match(await test$('village-counts').innerText(), /2 户 · 3 人/)
})

test('the imported households are due this period and can be visited from the tracker', async () => {
  await nav('走访督办')
  await test$('cadence-due').waitFor()
  assert.equal(await stat('cadence-due'), 2)
  const dueTab = page.locator('.n-tabs-tab', { hasText: '本期待访（2 户）' })
  await dueTab.click()
  const rows = test$('due-table').locator('tbody tr')
  await rows.filter({ hasText: '龙再田' }).waitFor()
  assert.equal(await rows.count(), 2)
  assert.match(await rows.filter({ hasText: '龙再田' }).innerText(), /丹口村3组8号[\s\S]*丹口村 \/ 3组 \/ 未分邻[\s\S]*从未走访/)
  await test$('cadence-export').waitFor()
  await shot('due')

  await rows.filter({ hasText: '龙小军' }).locator('[data-test="due-visit"]').click()
  await test$('quick-visit').waitFor()
  await test$('visit-visitor').locator('input').fill('杨明') // no neighbourhood leader yet
  await test$('visit-findings').locator('textarea').fill('新登记户，入户核实')
  await test$('visit-save').click()
  await test$('quick-visit').waitFor({ state: 'detached' })
  await page.locator('.n-tabs-tab', { hasText: '本期待访（1 户）' }).waitFor()
  assert.equal(await stat('cadence-due'), 1)
  assert.equal(await test$('due-table').locator('tbody tr').filter({ hasText: '龙小军' }).count(), 0)
})

// A village's first roster of 12,000 people is a bulk load (more than 10,000, and more than are
// registered): the search indexes and the derived counts are made afresh when it commits. The
// village list counts everyone, a person is found by the last digits of a phone, and the tracker
// has every new household due.
test('a first roster of 12,000 people is imported whole: counted, searchable and due', async () => {
  const big = path.join(work, '桃林村花名册.xlsx')
  const rows = [['姓名', '公民身份号码', '村（社区）', '村民小组', '手机号', '住址', '与户主关系']]
  for (let i = 0; i < 12000; i++) {
    const hh = Math.floor(i / 4)
    const born = `19${String(40 + Math.floor(i / 300)).padStart(2, '0')}0${1 + (Math.floor(i / 100) % 3)}${String(10 + (i % 18)).padStart(2, '0')}`
    rows.push([`桃民${i}`, idNumber(`430529${born}${String(i % 100).padStart(2, '0')}${i % 2 ? 1 : 2}`),
      '桃林村', `${(hh % 9) + 1}组`, `1380${String(i).padStart(7, '0')}`, `桃林村${hh}号`, i % 4 ? '子' : '户主'])
  }
  writeXlsx(big, rows, '花名册')
  await nav('网格')
  await openImport(big)
  await test$('roster-check').waitFor({ timeout: 60000 })
  assert.equal(await stat('roster-valid'), 12000)
  assert.equal(await stat('roster-rejected'), 0)
  await test$('roster-import-go').click()
  await test$('roster-result').waitFor({ timeout: 60000 })
  assert.equal(await test$('roster-result-added').innerText(), '12000 人')
  assert.equal(await test$('roster-result-households').innerText(), '3000 户')
  await shot('bulk-result')
  await test$('roster-done').click()
  await test$('roster-import').waitFor({ state: 'detached' })
  const village = test$('village-item').filter({ hasText: '桃林村' })
  await village.waitFor()
  assert.match(await village.locator('[data-test="village-counts"]').innerText(), /3000 户 · 12000 人/)
  await shot('bulk-grid')

  await nav('居民查询')
  await test$('resident-search').locator('input').fill('00008765')
  const row = test$('resident-row').filter({ hasText: '桃民8765' })
  await row.waitFor()
  assert.match(await row.innerText(), /桃林村 \/ \d组/)

  await nav('走访督办')
  await test$('cadence-due').waitFor()
  assert.equal(await stat('cadence-due'), 3001)
})
