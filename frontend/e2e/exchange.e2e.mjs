// End to end, two offices exchange through a folder at 1366×768, each in its own app window: the demo
// office (演示, the township demo data) and 丹口, a new office. 演示 chooses its exchange folder, gives
// its card, adds 丹口's card and sends it a bundle; 丹口 merges it. Both then change the same
// household's 备注 without seeing each other's change; each sends a bundle; 演示's preview shows the
// conflict, its inbox lists both values, and choosing 丹口's value reaches 丹口, whose own record of
// the conflict is then settled too. Both had registered the same newcomer: 演示 merges the two
// records, and 丹口 holds one after the next bundle. A bundle from an office whose clock ran ahead has
// its rows held back, shown in the preview and listed until the clock catches up. Last, both offices
// take a step on one case; its merged timeline forks and 演示 says where the case stands.
import { test as nodeTest, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { chooseFile, demoStory, ensureDir, launchBrowser, savedDir, startApp, stopProcess } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work, binary, assetDir, display } = demoStory(nodeTest, 'exchange', (p) => { page = p })
const share = ensureDir(path.join(work, '交换 文件夹'))
const townDB = path.join(ensureDir(path.join(work, '乡镇')), 'xiangzhi.db')
const townCard = path.join(work, '丹口-单位名片.xzid')
execFileSync(cli, ['init', '--db', townDB, '--office', '丹口镇人民政府', '--short', '丹口'], { stdio: 'ignore' })
execFileSync(cli, ['peer', 'card', '--db', townDB, townCard], { stdio: 'ignore' })

const cliJSON = (...args) => JSON.parse(execFileSync(cli, [...args, '--json']).toString())

// newest returns the newest bundle in the exchange folder whose name begins with prefix.
function newest(prefix) {
  const names = readdirSync(share).filter((n) => n.startsWith(prefix) && n.endsWith('.xzb.age'))
  names.sort((a, b) => statSync(path.join(share, b)).mtimeMs - statSync(path.join(share, a)).mtimeMs)
  assert.ok(names.length > 0, `no bundle ${prefix}* in ${readdirSync(share)}`)
  return path.join(share, names[0])
}

// 丹口's window, started once it holds 演示's data.
let town
let townPage
after(async () => {
  await town?.browser.close()
  await stopProcess(town?.app.proc)
})

// firstHousehold opens 网格 in a window at the first 邻 and returns the row of its first household.
async function firstHousehold(p) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  await p.locator('[data-test="nav"]').getByRole('link', { name: '网格', exact: true }).click()
  await $('village-item').first().click()
  const tree = $('grid-tree')
  await tree.locator('[data-test="tree-node"]').first().waitFor()
  for (let i = 0; i < 10 && !(await tree.locator('[data-level="neighbourhoods"]').count()); i++) {
    await tree.locator('.n-tree-node-switcher:not(.n-tree-node-switcher--expanded):not(.n-tree-node-switcher--hide)').first().click()
  }
  await tree.locator('[data-level="neighbourhoods"]').first().click()
  return $('household-table').locator('tbody tr').first()
}

// editNotes changes the 备注 of the first household of the first 邻 in 网格, in a window.
async function editNotes(p, notes) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  const row = await firstHousehold(p)
  await row.locator('[data-test="household-more"]').click()
  await p.locator('[data-test="household-edit"]').click()
  await $('household-form').waitFor()
  await $('household-notes').locator('textarea').fill(notes)
  await $('household-save').click()
  await $('household-form').waitFor({ state: 'detached' })
}

// addMember registers a person in the first household of the first 邻, in a window.
async function addMember(p, name, idNumber) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  const row = await firstHousehold(p)
  await row.locator('[data-test="household-members"]').click()
  await $('members-drawer').waitFor()
  await $('resident-add').click()
  await $('resident-name').locator('input').fill(name)
  await $('resident-idNumber').locator('input').fill(idNumber)
  await $('resident-save').click()
  await $('resident-form').waitFor({ state: 'detached' })
  await $('members-table').getByText(name).waitFor()
  await p.keyboard.press('Escape')
  await $('members-drawer').waitFor({ state: 'detached' })
}

// idNumber makes a valid 身份证号 (its check digit computed) born on birth (yyyymmdd).
function idNumber(birth, serial) {
  const body = `431129${birth}${serial}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0)
  return body + '10X98765432'[sum % 11]
}
const newcomer = idNumber('19900512', '321')

// exportFor writes a bundle for a peer from the 数据交换 screen of a window.
// It waits for the success message and for one more bundle (and its manifest) in the folder.
async function exportFor(p, peer) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  const count = () => readdirSync(share).filter((n) => n.endsWith('.xzb.age.sha256')).length
  const before = count()
  await $(`exchange-peer-${peer}`).locator('[data-test="exchange-export"]').click()
  await $('exchange-export-dialog').waitFor()
  await $('exchange-export-ok').click()
  await $('exchange-export-dialog').waitFor({ state: 'detached' })
  await p.getByText(/已导出 [\d,]+ 行到/).last().waitFor()
  assert.equal(count(), before + 1, 'one more bundle in the folder')
}

test('演示 chooses its exchange folder, gives its card and adds 丹口 from its card', async () => {
  await nav('数据交换')
  await test$('exchange-office').getByText('单位标识').waitFor()
  chooseFile(dbPath, share)
  await test$('exchange-choose-folder').click()
  await test$('exchange-folder').getByText(share).waitFor()
  await test$('exchange-save-card').click()
  await page.getByText('单位名片已保存到').waitFor()
  const cards = readdirSync(savedDir(dbPath)).filter((n) => n.endsWith('.xzid'))
  assert.equal(cards.length, 1)
  execFileSync(cli, ['peer', 'add', '--db', townDB, path.join(savedDir(dbPath), cards[0])], { stdio: 'ignore' })
  chooseFile(dbPath, townCard)
  await test$('exchange-add-peer').click()
  await test$('exchange-peer-丹口').getByText('有公钥').waitFor()
  await shot('peers')
})

test('a bundle for 丹口 is written into the folder, sealed with its key, and merged there', async () => {
  await exportFor(page, '丹口')
  const bundle = newest('演示-至-丹口-')
  assert.ok(statSync(bundle + '.sha256').size > 64, 'the manifest is written')
  const r = cliJSON('bundle', 'import', '--db', townDB, bundle)
  assert.ok(r.inserted > 20000, `丹口 merged ${r.inserted} rows`)
  assert.equal(r.conflicts, 0)
})

test('both offices change one household without seeing each other; 演示 previews the conflict', async () => {
  town = { browser: await launchBrowser(), app: null }
  const lines = []
  town.app = await startApp({ binary, display: display(), dbPath: townDB, assetDir, logLines: lines })
  townPage = await town.browser.newPage({ viewport: { width: 1366, height: 768 } })
  townPage.setDefaultTimeout(15000)
  await townPage.goto(town.app.url)
  await townPage.getByText('欢迎使用乡治通').waitFor()
  await editNotes(townPage, '老人独居（丹口核实）')
  await editNotes(page, '老人独居（演示核实）') // later: 演示's value wins everywhere until a person chooses
  // Each office also registers the same newcomer, neither knowing of the other's record.
  await addMember(townPage, '周晓燕', newcomer)
  await addMember(page, '周晓燕', newcomer)

  // 丹口 sends its change from its own window.
  await townPage.locator('[data-test="nav"]').getByRole('link', { name: '数据交换', exact: true }).click()
  chooseFile(townDB, share)
  await townPage.locator('[data-test="exchange-choose-folder"]').click()
  await townPage.locator('[data-test="exchange-folder"]').getByText(share).waitFor()
  await exportFor(townPage, '演示')

  // 演示's change reaches 丹口 too, which records its side of the conflict.
  await nav('数据交换')
  await exportFor(page, '丹口')
  const there = cliJSON('bundle', 'import', '--db', townDB, newest('演示-至-丹口-'))
  assert.equal(there.conflicts, 1, '丹口 sees the conflict')

  chooseFile(dbPath, newest('丹口-至-演示-'))
  await test$('exchange-pick').click()
  await test$('exchange-preview').waitFor()
  await test$('exchange-new-peer').waitFor({ state: 'detached' }).catch(() => {})
  assert.match(await test$('exchange-summary').innerText(), /冲突 1 处/)
  await shot('preview')
  await test$('exchange-import-ok').click()
  await test$('exchange-preview').waitFor({ state: 'detached' })
  await page.getByText(/已导入：新增 \d+ 行，更新 \d+ 行，冲突 1 处/).waitFor()
})

test('演示 settles the conflict with 丹口\'s value, and 丹口 sees it settled', async () => {
  const conflict = test$('exchange-conflict')
  // The household is named by its head, then its address; each side says when it was written, and
  // the other side which office wrote it.
  await conflict.getByText(/户“.+户（.+）” · 备注/).waitFor()
  const text = await conflict.innerText()
  assert.match(text, /老人独居（演示核实）/)
  assert.match(text, /老人独居（丹口核实）/)
  assert.match(await conflict.locator('[data-test="exchange-conflict-incoming"]').innerText(),
    /丹口镇人民政府\s*老人独居（丹口核实）\s*\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d(:\d\d)? 改/)
  await shot('conflict')
  await conflict.locator('[data-test="exchange-keep-incoming"]').click()
  await test$('exchange-conflicts').getByText('没有待处理的冲突').waitFor()
  // The settled conflict stays to be seen: who chose which side, and when.
  await test$('exchange-settled-toggle').click()
  await test$('exchange-settled-conflict').getByText(/于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 选定了丹口镇人民政府的值/).waitFor()
  await shot('conflict-settled')
  await exportFor(page, '丹口')
  const r = cliJSON('bundle', 'import', '--db', townDB, newest('演示-至-丹口-'))
  assert.ok(r.updated >= 1, `丹口 updated ${r.updated} rows`)
  assert.deepEqual(cliJSON('conflicts', 'list', '--db', townDB), [], '丹口 still has an open conflict')
  const settled = cliJSON('conflicts', 'list', '--db', townDB, '--all')
  assert.equal(settled.length, 1)
  assert.equal(settled[0].local, '老人独居（丹口核实）')
  assert.equal(settled[0].choice, 'local', '丹口 records that its own value was chosen')
  await shot('settled')
})

test('the newcomer both offices registered is a possible duplicate; 演示 merges the two records', async () => {
  const card = test$('exchange-duplicates')
  const dup = card.locator('[data-test="exchange-duplicate"]')
  await dup.getByText(`身份证号 ${newcomer.slice(0, 6)}`).waitFor()
  assert.equal(await dup.count(), 1)
  assert.equal(await dup.locator('[data-test="exchange-duplicate-keep"]').count(), 2, 'both records are listed')
  assert.match(await dup.innerText(), /周晓燕[\s\S]*周晓燕/)
  assert.match(await dup.innerText(), /丹口镇人民政府于\d{4}年\d{1,2}月\d{1,2}日登记/, 'each record says which office registered it')
  await dup.scrollIntoViewIfNeeded()
  await shot('duplicate')
  await dup.locator('[data-test="exchange-duplicate-merge"]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.getByText(/已合并；\d+ 条相关记录已转到保留的记录/).waitFor()
  await card.getByText('没有身份证号重复的居民').waitFor()
  // The merge travels: 丹口 holds one 周晓燕 too, and lists no duplicate.
  await exportFor(page, '丹口')
  cliJSON('bundle', 'import', '--db', townDB, newest('演示-至-丹口-'))
  await townPage.reload()
  await townPage.locator('[data-test="exchange-duplicates"]').getByText('没有身份证号重复的居民').waitFor()
  const row = await firstHousehold(townPage)
  await row.locator('[data-test="household-members"]').click()
  const members = townPage.locator('[data-test="members-table"]')
  await members.getByText('周晓燕').first().waitFor()
  assert.equal(await members.getByText('周晓燕').count(), 1, '丹口 still holds two records of the newcomer')
})

test('a bundle from an office whose clock ran three days ahead: its rows are held back and listed', async () => {
  // 新华's computer had its date three days ahead when its data was entered, and was set right
  // before it exported: the bundle is dated today, its rows three days on.
  const aheadDB = path.join(ensureDir(path.join(work, '新华')), 'xiangzhi.db')
  execFileSync(cli, ['init', '--db', aheadDB, '--office', '新华镇人民政府', '--short', '新华'], { stdio: 'ignore' })
  const days3 = `((3 * 86400000) << 16)` // three days, in clock values (milliseconds above 16 bits)
  execFileSync('python3', ['-c', `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE field_versions SET hlc = hlc + ${days3}")
c.execute("UPDATE hlc_state SET last = last + ${days3}")
c.commit()`, aheadDB])
  const out = ensureDir(path.join(work, '新华-导出'))
  execFileSync(cli, ['bundle', 'export', '--db', aheadDB, '--full', '--to', out], { stdio: 'ignore' })
  const bundle = readdirSync(out).find((n) => n.endsWith('.xzb'))
  chooseFile(dbPath, path.join(out, bundle))
  await test$('exchange-pick').click()
  await test$('exchange-preview').waitFor()
  await test$('exchange-preview-held').getByText(/有 \d+ 行的时间比本机时钟超前一天以上，将暂缓合并/).waitFor()
  await shot('preview-held')
  await test$('exchange-import-ok').click()
  await test$('exchange-preview').waitFor({ state: 'detached' })
  await page.getByText(/已暂缓合并，请在“暂缓合并的记录”中查看/).waitFor()
  const card = test$('exchange-quarantine')
  await card.getByText('单位“新华镇人民政府”').waitFor()
  const on = new Date(Date.now() + 3 * 86400000) // the day its rows were stamped for
  assert.match(await card.innerText(), new RegExp(`修改时间 ${on.getFullYear()}年${on.getMonth() + 1}月${on.getDate()}日 \\d\\d:\\d\\d，比本机时钟超前`))
  await card.scrollIntoViewIfNeeded()
  await shot('held')
  await test$('exchange-release').click()
  await page.getByText('还没有到时间的记录').waitFor()
  assert.equal(await card.locator('[data-test="exchange-held"]').count(), cliJSON('conflicts', 'held', '--db', dbPath).length)
})

// openCase opens a case's drawer on 民情, in a window, found by its number.
async function openCase(p, number) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  await p.keyboard.press('Escape') // a drawer left open by the test before
  await p.locator('.n-drawer').waitFor({ state: 'detached' })
  await p.locator('[data-test="nav"]').getByRole('link', { name: '民情', exact: true }).click()
  await $('cases-search').locator('input').fill(number)
  await $('cases-table').locator('[data-test="case-row"]').filter({ hasText: number }).click()
  await $('case-drawer').waitFor()
}

// caseStep takes one step on the open case, in a window, filling what its dialog asks for.
async function caseStep(p, action, fill = async () => {}) {
  const $ = (id) => p.locator(`[data-test="${id}"]`)
  await $(`case-act-${action}`).click()
  const dialog = $('step-dialog')
  await dialog.waitFor()
  await fill(dialog)
  await $('step-save').click()
  await dialog.waitFor({ state: 'detached' })
  await $('case-drawer').locator('.n-base-close').click()
}

test('one office escalates a case while the other returns it; its timeline forks and 演示 says where it stands', async () => {
  // A case both offices hold, being handled at a village level: 演示 escalates it to the county
  // while 丹口 returns it to the level below.
  const handling = cliJSON('case', 'list', '--db', dbPath, '--state', '办理中').filter((c) => c.level !== '邻' && c.level !== '县')
  assert.ok(handling.length > 0, 'the demo has a case being handled')
  const { number, level } = handling[0]
  const below = ['邻', '组', '片', '村', '乡镇', '县'][['邻', '组', '片', '村', '乡镇', '县'].indexOf(level) - 1]
  await openCase(page, number)
  await caseStep(page, '上报', async (d) => {
    await d.getByText('县', { exact: true }).click()
    await page.locator('[data-test="step-note"]').locator('textarea').fill('涉及两个乡镇，报县里协调')
  })
  await openCase(townPage, number)
  await caseStep(townPage, '退回', async () => {
    await townPage.locator('[data-test="step-note"]').locator('textarea').fill('属村里的事，退回村里办理')
  })
  await townPage.locator('[data-test="nav"]').getByRole('link', { name: '数据交换', exact: true }).click()
  await exportFor(townPage, '演示')
  await nav('数据交换')
  chooseFile(dbPath, newest('丹口-至-演示-'))
  await test$('exchange-pick').click()
  await test$('exchange-preview').waitFor()
  await test$('exchange-import-ok').click()
  await test$('exchange-preview').waitFor({ state: 'detached' })

  const clash = test$('exchange-timeline')
  await clash.getByText(number).waitFor()
  const text = await clash.innerText()
  assert.match(text, /上报：办理中 → 受理/)
  assert.match(text, /退回：办理中 → 受理/)
  assert.match(text, new RegExp(`以“受理（${below}）”为准`))
  await clash.scrollIntoViewIfNeeded()
  await shot('timeline-fork')
  await clash.getByRole('button', { name: '以“受理（县）”为准' }).click()
  await page.getByText(`已核对，${number} 现为“受理”`).waitFor()
  await test$('exchange-timelines').getByText('没有办理经过不一致的民情').waitFor()
  await test$('exchange-conflicts').getByText('没有待处理的冲突').waitFor() // its level's conflict is settled with it
  const settled = cliJSON('case', 'show', '--db', dbPath, number)
  assert.equal(settled.state, '受理')
  assert.equal(settled.level, '县')
  assert.equal(settled.events.at(-1).action, '核对')
})

test('an import is taken back from the bundles card; one a person has since built on is refused', async () => {
  const bundles = test$('exchange-bundles')
  // The last import brought 丹口's side of the forked case, which 演示 has settled since: refused.
  await bundles.locator('[data-test="exchange-undo"]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await test$('exchange-undo-error').getByText(/导入后，本单位又修改过.+，不能撤销这次导入/).waitFor()
  await bundles.scrollIntoViewIfNeeded()
  await shot('undo-refused')

  // 丹口 changes a household's notes; 演示 imports it, then takes it back.
  const notes = '老人独居（丹口第三次核实）'
  const held = () => Number(execFileSync('python3', ['-c', `import sqlite3, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(c.execute("SELECT count(*) FROM households WHERE notes = ?", (sys.argv[2],)).fetchone()[0])`, dbPath, notes]).toString())
  await editNotes(townPage, notes)
  await townPage.locator('[data-test="nav"]').getByRole('link', { name: '数据交换', exact: true }).click()
  await exportFor(townPage, '演示')
  await nav('数据交换')
  const bundle = newest('丹口-至-演示-')
  const importInWindow = async () => {
    chooseFile(dbPath, bundle)
    await test$('exchange-pick').click()
    await test$('exchange-preview').waitFor()
    await test$('exchange-preview-undo').getByText('可在“最近导入的数据包”中撤销这次导入').waitFor()
    await test$('exchange-import-ok').click()
    await test$('exchange-preview').waitFor({ state: 'detached' })
    await page.getByText(/已导入：新增 0 行，更新 \d+ 行/).last().waitFor()
  }
  await importInWindow()
  assert.equal(held(), 1, '演示 holds 丹口\'s notes')
  const row = bundles.locator('[data-test="exchange-bundle"]').first()
  await row.locator('[data-test="exchange-undo"]').click()
  await page.getByText('对方以后发来的数据包会再次带来这些改动').waitFor()
  await page.getByRole('button', { name: '确定' }).click()
  await page.getByText(/已撤销这次导入：恢复 [1-9]\d* 条，删除 0 条/).waitFor()
  await row.getByText(/已于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 撤销/).waitFor()
  assert.equal(held(), 0, 'the notes are as before the import')
  await bundles.scrollIntoViewIfNeeded()
  await shot('undone')
  // The same bundle may be imported again.
  await importInWindow()
  assert.equal(held(), 1, 'imported again')
  assert.equal(await bundles.locator('[data-test="exchange-undo"]').count(), 1, 'only the latest import can be taken back')
})
