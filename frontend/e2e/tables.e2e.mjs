// End to end on a township's demo data at 1366×768: the shared list sorts by a clicked column (and
// remembers it), narrows to a search, exports the view it shows to Excel and prints it as a 台账; the
// audit log filters by kind and action; a form is filled in and saved with the keyboard alone.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { demoStory, savedDir } from './harness.mjs'

let page
const { test, shot, nav, test$, firstNeighbourhood, dbPath } = demoStory(nodeTest, 'tables', (p) => { page = p })


const collator = new Intl.Collator('zh-Hans-CN', { numeric: true })

// column reads the text of one column (by its title) of the rows a list shows.
async function column(list, title) {
  const titles = (await list.locator('thead th').allInnerTexts()).map((s) => s.replace(/\s+/g, ''))
  const i = titles.indexOf(title)
  assert.ok(i >= 0, `no column ${title} in ${titles}`)
  return list.locator('tbody tr[data-test="list-row"]').evaluateAll((rows, n) => rows.map((r) => r.children[n].innerText.trim()), i)
}

// exported waits for the message that n rows were exported and returns the file it names.
async function exported(n) {
  const text = await page.locator('.n-message').filter({ hasText: `已导出 ${n} 行到 ` }).innerText({ timeout: 30000 })
  const file = text.slice(text.indexOf('到 ') + 2).trim()
  assert.ok(existsSync(file), `${file} was not written`)
  return file
}

// sheetText is the text of the first sheet of a workbook (its cells are inline strings).
const sheetText = (file) => execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString()

test('a list sorts by a clicked column, remembers it, narrows to a search and exports what it shows', async () => {
  await nav('走访督办')
  const list = test$('cadence-by-village')
  await list.locator('tbody tr[data-test="list-row"]').first().waitFor()
  const header = (title) => list.locator('thead th').filter({ hasText: title })

  await header('村（社区）').click()
  const names = await column(list, '村（社区）')
  assert.deepEqual(names, [...names].sort(collator.compare), 'the first click sorts A→Z')
  await header('逾期').first().click()
  await header('逾期').first().click()
  const overdue = (await column(list, '逾期')).map(Number)
  assert.deepEqual(overdue, [...overdue].sort((a, b) => b - a), 'the second click sorts large to small')
  await shot('sorted')

  // Another screen and back: the order is remembered.
  await nav('首页')
  await nav('走访督办')
  await list.locator('tbody tr[data-test="list-row"]').first().waitFor()
  assert.deepEqual((await column(list, '逾期')).map(Number), overdue)

  // The search keeps the rows holding its words.
  const one = names[2]
  await list.locator('[data-test="list-search"] input').fill(one)
  await list.locator('tbody tr[data-test="list-row"]').nth(1).waitFor({ state: 'detached' })
  assert.deepEqual(await column(list, '村（社区）'), [one])
  await list.getByText('共 1 条').waitFor()

  // 导出 Excel writes the view: its title, the columns and the one row, no other village.
  await list.locator('[data-test="list-export"]').click()
  const file = await exported(1)
  assert.equal(file, path.join(savedDir(dbPath), '各村情况.xlsx'))
  const xml = sheetText(file)
  for (const s of ['各村情况', '村（社区）', '逾期', one]) assert.ok(xml.includes(s), `the sheet lacks ${s}`)
  for (const other of names.filter((n) => n !== one)) assert.ok(!xml.includes(`>${other}<`), `the sheet has ${other}, filtered out`)

  // 打印台账 renders the same view through the documents engine, for the print dialog.
  await list.locator('[data-test="list-print"]').click()
  const preview = page.locator('[data-test="list-print-preview"]')
  await preview.locator('[data-test="doc-pages"] .page canvas').first().waitFor({ timeout: 30000 })
  assert.match(await preview.locator('[data-test="doc-preview-info"]').innerText(), /^共 1 页/)
  await shot('ledger')
  await page.keyboard.press('Escape')
  await preview.waitFor({ state: 'detached' })
  await list.locator('[data-test="list-search"] input').fill('')
})

test('the audit log is filtered by kind of record and by action, and exports the filtered log', async () => {
  await nav('设置')
  const log = test$('audit-log')
  await log.locator('tbody tr[data-test="list-row"]').first().waitFor()
  const all = Number((await log.getByText(/^共 \d+ 条$/).innerText()).match(/\d+/)[0])

  // the kinds of record are many (every domain's tables): typed, as an officer would, to find 户
  await log.locator('[data-test="audit-kind"]').click()
  await page.keyboard.type('户')
  await page.locator('.n-base-select-option').filter({ hasText: /^户$/ }).click()
  await log.getByText(/^共 \d+ 条$/).filter({ hasNotText: `共 ${all} 条` }).waitFor()
  const kinds = await column(log, '对象')
  assert.ok(kinds.length > 0 && kinds.every((k) => k === '户'), `kinds ${kinds}`)

  await log.locator('[data-test="audit-action"]').click()
  await page.locator('.n-base-select-option').filter({ hasText: /^删除$/ }).click()
  await log.getByText('没有符合筛选条件的操作记录').waitFor()
  await log.locator('[data-test="audit-action"]').click()
  await page.locator('.n-base-select-option').filter({ hasText: /^新增$/ }).click()
  await log.locator('tbody tr[data-test="list-row"]').first().waitFor()
  const n = Number((await log.getByText(/^共 \d+ 条$/).innerText()).match(/\d+/)[0])
  assert.ok(n > 0 && n < all, `${n} of ${all} entries`)

  // 时间 orders the log oldest first, a second click newest first again (the backend pages it).
  const newest = await column(log, '内容')
  const timeHeader = log.locator('thead th').filter({ hasText: '时间' })
  await timeHeader.click()
  await page.waitForFunction((first) => document.querySelector('[data-test="audit-log"] tbody tr td:last-child')?.innerText.trim() !== first, newest[0])
  const oldest = await column(log, '内容')
  assert.notDeepEqual(oldest, newest)
  await timeHeader.click()
  await page.waitForFunction((first) => document.querySelector('[data-test="audit-log"] tbody tr td:last-child')?.innerText.trim() === first, newest[0])
  await shot('audit-filtered')

  await page.locator('.n-message').first().waitFor({ state: 'detached', timeout: 15000 }).catch(() => {})
  await log.locator('[data-test="list-export"]').click()
  const xml = sheetText(await exported(n))
  assert.ok(xml.includes('新增 户') && !xml.includes('新增 居民'), 'the sheet is not the filtered log')
})

test('a household is added with the keyboard alone: Tab between the fields, Enter saves', async () => {
  await firstNeighbourhood()
  const table = test$('household-table')
  await table.locator('tbody tr').first().waitFor()
  const before = Number((await table.getByText(/^住户（\d+ 户）$/).innerText()).match(/\d+/)[0])

  await test$('household-add').focus()
  await page.keyboard.press('Enter')
  const form = test$('household-form')
  await form.waitFor()
  await page.waitForTimeout(300)
  await page.keyboard.type('键盘户主')
  await page.keyboard.press('Tab') // 户主身份证号
  await page.keyboard.press('Tab') // 户编号
  await page.keyboard.press('Tab') // 住址
  await page.keyboard.type('键盘村1组1号')
  await page.keyboard.press('Tab') // 联系电话
  await page.keyboard.type('13800001111')
  await shot('keyboard-form')
  await page.keyboard.press('Enter')
  await form.waitFor({ state: 'detached' })
  await table.getByText(`住户（${before + 1} 户）`).waitFor()
  await table.locator('[data-test="list-search"] input').fill('键盘户主')
  // (the head's phone is under the name, in the same column)
  assert.deepEqual((await column(table, '户主/电话')).map((s) => s.split('\n')[0]), ['键盘户主'])
  assert.deepEqual(await column(table, '住址'), ['键盘村1组1号'])
  // One household, not two: Enter saved once.
  await table.locator('[data-test="list-search"] input').fill('')
  await table.getByText(`住户（${before + 1} 户）`).waitFor()
})

test('the 片·组·邻 tree is reached with Tab and walked with the arrow keys; Enter opens a neighbourhood', async () => {
  await nav('网格')
  await test$('village-item').nth(1).click()
  const tree = test$('grid-tree')
  await tree.locator('[data-test="tree-node"]').first().waitFor()
  await test$('village-item').nth(1).focus()
  let inTree = false
  for (let i = 0; i < 40 && !inTree; i++) {
    await page.keyboard.press('Tab')
    inTree = await page.evaluate(() => !!document.activeElement?.closest('[data-test="grid-tree"]'))
  }
  assert.ok(inTree, 'Tab never reached the tree')
  // Down the tree to the first neighbourhood, opening what is closed on the way.
  let name = ''
  for (let i = 0; i < 30 && !name; i++) {
    await page.keyboard.press('ArrowDown')
    const pending = tree.locator('.n-tree-node--pending [data-test="tree-node"]')
    if ((await pending.count()) && (await pending.getAttribute('data-level')) === 'neighbourhoods') name = (await pending.locator('.node-name').innerText()).trim()
    else if (await pending.count()) await page.keyboard.press('ArrowRight')
  }
  assert.ok(name, 'no neighbourhood reached with the arrow keys')
  await shot('tree-keyboard')
  await page.keyboard.press('Enter')
  await test$('node-panel').locator('.n-breadcrumb').getByText(name, { exact: true }).waitFor()
  await test$('household-table').locator('tbody tr').first().waitFor()
})

test('a visit is recorded from a resident\'s detail in 居民查询, and shows in its history', async () => {
  await nav('居民查询')
  await page.waitForFunction(() => document.activeElement?.closest('[data-test="resident-search"]'))
  await page.keyboard.type('wang')
  const row = test$('resident-row').first()
  await row.waitFor()
  await row.click()
  const detail = test$('resident-detail')
  await detail.locator('[data-test="resident-detail-visits"]').waitFor()
  const before = await detail.locator('[data-test="resident-detail-visits"] tbody tr').filter({ hasText: '居民查询中登记' }).count()
  await test$('resident-visit').click()
  await detail.locator('[data-test="visit-visitor"] input').fill('杨明')
  await detail.locator('[data-test="visit-findings"] textarea').fill('居民查询中登记的走访：家中一切正常')
  await test$('visit-save').click()
  await detail.locator('[data-test="resident-detail-visits"] tbody tr').filter({ hasText: '居民查询中登记' }).nth(before).waitFor()
  await shot('resident-visit')
  await detail.locator('.n-base-close').click()
  await detail.waitFor({ state: 'detached' })
})
