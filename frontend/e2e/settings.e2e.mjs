// End to end: the real Go backend (dev build) in a window under Xvfb, its frontend driven in
// Debian's Chromium. Run by `make e2e` (part of `make test`) as node --test.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  startXvfb, startApp, stopProcess, launchBrowser, screenshotWindow, ensureDir,
} from './harness.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
const assetDir = path.join(root, 'frontend', 'dist')
const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-e2e-'))
const dbPath = path.join(work, 'xiangzhi.db')

let xvfb, app, browser, page
const logLines = []

async function openApp() {
  app = await startApp({ binary, display: xvfb.display, dbPath, assetDir, logLines })
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(15000)
  await page.goto(app.url)
}

before(async () => {
  assert.ok(existsSync(binary), `dev build missing: ${binary}`)
  xvfb = await startXvfb()
  browser = await launchBrowser()
  await openApp()
})

after(async () => {
  await browser?.close()
  await stopProcess(app?.proc)
  await stopProcess(xvfb?.proc)
  writeFileSync(path.join(outDir, 'app.log'), logLines.join('\n'))
})

// auditRows returns the texts of the audit log's rows, newest first.
async function auditRows() {
  return page.locator('[data-test="audit-log"] tbody tr').allInnerTexts()
}

test('home shows the new office and reports its first screen', async () => {
  await page.getByText('欢迎使用乡治通').waitFor()
  await page.locator('[data-test="home-card"]').waitFor()
  assert.match(await page.locator('[data-test="home-office"]').innerText(), /未设置单位名称/)
  // A new office is led through 设置, 网格 and 花名册, none done yet.
  const start = page.locator('[data-test="home-start"]')
  await start.waitFor()
  for (const step of ['settings', 'grid', 'roster']) {
    assert.equal(await start.locator(`[data-test="start-${step}"]`).getByText('去完成').count(), 1, `${step} is not offered`)
  }
  await page.screenshot({ path: path.join(outDir, '01-home.png') })
  // F1 opens this screen's guide.
  await page.keyboard.press('F1')
  const help = page.locator('[data-test="help-drawer"]')
  await help.getByText('首页汇总本单位的基本信息').waitFor()
  await help.getByText('第一次使用：').waitFor()
  await page.waitForTimeout(500) // (the drawer slides in)
  await page.screenshot({ path: path.join(outDir, '01-help.png') })
  await page.keyboard.press('Escape')
  await help.waitFor({ state: 'detached' })
  assert.ok(logLines.some((l) => l.includes('first screen shown')), 'the first screen was not reported')
})

const OFFICE_SAVED = '单位名称已保存'

test('an empty office name shows the error on the field and changes nothing', async () => {
  await page.getByRole('link', { name: '设置', exact: true }).click()
  await page.locator('[data-test="audit-log"]').waitFor()
  const before = await auditRows()
  await page.locator('[data-test="officeName-input"] input').fill('   ')
  await page.locator('[data-test="officeName-save"]').click()
  const item = page.locator('[data-test="officeName-item"]')
  await item.getByText('单位名称不能为空').waitFor()
  assert.deepEqual(await auditRows(), before)
  await page.screenshot({ path: path.join(outDir, '02-field-error.png') })
})

test('changing the office and operator name shows in the header and the audit log', async () => {
  await page.locator('[data-test="operator-input"] input').fill('杨明')
  await page.locator('[data-test="operator-save"]').click()
  await page.locator('[data-test="header-operator"]').getByText('杨明').waitFor()

  // Enter in the field saves, once: one message, one audit entry.
  await page.locator('[data-test="officeName-input"] input').fill('丹口镇人民政府')
  await page.locator('[data-test="officeName-input"] input').press('Enter')
  await page.locator('[data-test="header-office"]').getByText('丹口镇人民政府').waitFor()
  await page.locator('.n-message', { hasText: OFFICE_SAVED }).first().waitFor()
  await page.waitForTimeout(500) // a second save would show its message by now
  assert.equal(await page.locator('.n-message', { hasText: OFFICE_SAVED }).count(), 1)
  await page.locator('[data-test="officeName-item"]').getByText('单位名称不能为空').waitFor({ state: 'detached' })

  const rows = await auditRows()
  assert.match(rows[0], /杨明[\s\S]*修改[\s\S]*单位[\s\S]*名称/)
  assert.match(rows[1], /杨明[\s\S]*设置[\s\S]*本机设置[\s\S]*操作员/)
  assert.match(rows[0], /\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/)

  // The guide of 设置 opens from the header's 帮助 button.
  await page.locator('[data-test="help-open"]').click()
  await page.locator('[data-test="help-drawer"]').getByText('单位简称用于各类编号').waitFor()
  await page.keyboard.press('Escape')
  await page.locator('[data-test="help-drawer"]').waitFor({ state: 'detached' })
})

test('backup now shows where the verified backup went', async () => {
  await page.locator('[data-test="backup-now"]').click()
  const result = page.locator('[data-test="backup-result"]')
  await result.waitFor()
  const text = await result.innerText()
  const m = text.match(/已备份到 (\S+?\.db)/)
  assert.ok(m, text)
  assert.ok(m[1].startsWith(path.join(work, 'backups')), m[1])
  assert.ok(existsSync(m[1]), `backup file ${m[1]} missing`)
  assert.match(text, /已校验/)
  // The folder is read again: how many copies it holds, their size, and the newest (this one).
  const folder = await page.locator('[data-test="backup-folder"]').innerText()
  assert.match(folder, /备份文件夹现有 \d+ 份，共 [\d.]+ (KB|MB|字节)/)
  assert.match(folder, /最新一份：.*手动备份/)
  await page.screenshot({ path: path.join(outDir, '03-settings.png'), fullPage: true })
})

test('values persist across a reload and a restart of the app', async () => {
  await page.reload()
  await page.locator('[data-test="header-office"]').getByText('丹口镇人民政府').waitFor()
  await page.close()
  await stopProcess(app.proc)
  await openApp()
  await page.locator('[data-test="header-office"]').getByText('丹口镇人民政府').waitFor()
  await page.locator('[data-test="header-operator"]').getByText('杨明').waitFor()
  await page.getByRole('link', { name: '设置', exact: true }).click()
  assert.equal(await page.locator('[data-test="officeName-input"] input').inputValue(), '丹口镇人民政府')
})

test('a backup of the list is restored: readied, taken back, readied again, and swapped in at the next start', async () => {
  // A file in the folder that is plainly no database is marked, and cannot be chosen.
  writeFileSync(path.join(work, 'backups', 'xiangzhi-20261201-080000-daily.db'), Buffer.from('坏'.repeat(3000)))
  await page.getByRole('link', { name: '首页', exact: true }).click()
  await page.getByRole('link', { name: '设置', exact: true }).click()
  const junk = page.locator('[data-test="backup-file"][data-name="xiangzhi-20261201-080000-daily.db"]')
  await junk.locator('[data-test="backup-damaged"]').getByText('文件已损坏').waitFor()
  assert.ok(await junk.locator('[data-test="backup-restore"]').isDisabled(), 'a damaged backup can be chosen')
  // The manual backup made above holds 丹口镇人民政府; the office is renamed after it.
  await page.locator('[data-test="officeName-input"] input').fill('西岩镇人民政府')
  await page.locator('[data-test="officeName-save"]').click()
  await page.locator('[data-test="header-office"]').getByText('西岩镇人民政府').waitFor()
  const manual = page.locator('[data-test="backup-file"]', { hasText: '手动备份' }).first()
  await manual.scrollIntoViewIfNeeded()
  const restoreIt = async () => {
    await manual.locator('[data-test="backup-restore"]').click()
    const ask = page.locator('.n-dialog', { hasText: '用这份备份恢复数据？' })
    await ask.getByText('现在的数据库不会删除').waitFor()
    await ask.getByRole('button', { name: '确定恢复' }).click()
    return page.locator('.n-dialog', { hasText: '已准备好恢复' })
  }
  // Readied, closed later: the card says a backup waits, and it is taken back.
  let ready = await restoreIt()
  await ready.getByRole('button', { name: '稍后' }).click()
  const pending = page.locator('[data-test="restore-pending"]')
  // Which backup waits is said, and that what is entered meanwhile will not be in it — on every screen.
  await pending.getByText(/已选定 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 的手动备份：下次打开乡治通时/).waitFor()
  await pending.getByText('此时录入的内容，恢复后将看不到').waitFor()
  await manual.locator('[data-test="backup-pending"]').getByText('待恢复').waitFor()
  await page.locator('[data-test="header-restore-pending"]').getByText('待恢复备份').waitFor()
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.screenshot({ path: path.join(outDir, '07-restore-pending.png') })
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.locator('[data-test="backup-files"]').screenshot({ path: path.join(outDir, '07-backup-restore.png') })
  await pending.locator('[data-test="restore-cancel"]').click()
  await page.locator('.n-message', { hasText: '已取消恢复' }).first().waitFor()
  await pending.waitFor({ state: 'detached' })
  await page.locator('[data-test="header-restore-pending"]').waitFor({ state: 'detached' })
  assert.ok(!existsSync(`${dbPath}.restore`), 'the readied copy is still beside the database after 取消恢复')
  // Readied again and closed now: the window goes, and the next start shows the backup's office.
  ready = await restoreIt()
  const proc = app.proc
  await ready.getByRole('button', { name: '立即关闭乡治通' }).click()
  for (let i = 0; i < 100 && proc.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100))
  assert.notEqual(proc.exitCode, null, 'the program did not close')
  await page.close().catch(() => {})
  await openApp()
  await page.locator('[data-test="header-office"]').getByText('丹口镇人民政府').waitFor()
  await page.getByRole('link', { name: '设置', exact: true }).click()
  await page.locator('[data-test="backup-file"]', { hasText: '恢复前的数据库' }).waitFor()
  assert.equal(await page.locator('[data-test="restore-pending"]').count(), 0)
})

test('设置 → 节假日安排: a year not known yet is entered as the notice states it, refused on its field when wrong, and removed again', async () => {
  const card = page.locator('[data-test="holidays"]')
  await card.scrollIntoViewIfNeeded()
  // The card opens on the first year not known (two years ahead at most), with the usual holidays.
  const note = card.locator('[data-test="holidays-note"]')
  await note.getByText('尚未录入').waitFor()
  const year = Number((await note.innerText()).match(/(\d{4})年/)[1])
  assert.equal(await card.locator('[data-test="holiday-row"]').count(), 7)
  const iso = (d) => d.toISOString().slice(0, 10)
  const dayOf = (m, d) => new Date(Date.UTC(year, m - 1, d))
  const next = (from, weekday) => { const d = new Date(from); while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1); return d }
  const typeDate = async (field, value) => {
    await field.locator('input').fill(value)
    await field.locator('input').press('Enter')
  }
  // Saved with the dates still blank: refused on the first of them, nothing entered.
  await card.locator('[data-test="holidays-save"]').click()
  await card.locator('[data-test="holidays-error"]').getByText('元旦的放假起始日不能为空').waitFor()
  // Only 春节 kept: its days off and a Wednesday given as a make-up day, refused.
  for (let i = 6; i >= 2; i--) await card.locator('[data-test="holiday-row"]').nth(i).getByRole('button', { name: '删除' }).click()
  await card.locator('[data-test="holiday-row"]').nth(0).getByRole('button', { name: '删除' }).click()
  const row = card.locator('[data-test="holiday-row"]')
  assert.equal(await row.count(), 1)
  assert.equal(await row.locator('[data-test="holiday-name"] input').inputValue(), '春节')
  await typeDate(row.locator('[data-test="holiday-first"]'), iso(dayOf(2, 10)))
  await typeDate(row.locator('[data-test="holiday-last"]'), iso(dayOf(2, 16)))
  await row.getByText('共7天').waitFor()
  await row.locator('[data-test="holiday-add-work"]').click()
  await typeDate(row.locator('[data-test="holiday-work"]'), iso(next(dayOf(2, 20), 3)))
  await card.locator('[data-test="holidays-save"]').click()
  await card.locator('[data-test="holidays-error"]').getByText('不是周六或周日').waitFor()
  await note.getByText('尚未录入').waitFor()
  await typeDate(row.locator('[data-test="holiday-work"]'), iso(next(dayOf(2, 20), 6)))
  await card.locator('[data-test="holidays-save"]').click()
  await page.getByText(`${year}年的节假日安排已保存`).waitFor()
  await note.getByText('本单位录入').waitFor()
  await card.locator(`[data-test="holidays-year-${year}"]`).getByText('已录入').waitFor()
  await card.screenshot({ path: path.join(outDir, '06-holidays.png') })
  // Removed: the year is not known again.
  await card.locator('[data-test="holidays-clear"]').click()
  await page.getByRole('button', { name: '确定' }).click()
  await page.getByText(`已删除${year}年录入的安排`).waitFor()
  await note.getByText('尚未录入').waitFor()
})

test('the real window under Xvfb is not blank', async () => {
  // Let the window repaint after the restart, then take the X display, not the browser.
  await new Promise((r) => setTimeout(r, 1500))
  const colours = screenshotWindow(xvfb.display, path.join(outDir, '04-window.png'))
  assert.ok(colours > 50, `the window screenshot has only ${colours} colours`)
})

test('a damaged database file shows why it cannot open, and is left as it was', async () => {
  const damaged = path.join(work, 'damaged.db')
  const bytes = Buffer.from('这不是数据库'.repeat(500))
  writeFileSync(damaged, bytes)
  const lines = []
  const broken = await startApp({ binary, display: xvfb.display, dbPath: damaged, assetDir, logLines: lines })
  const p = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await p.goto(broken.url)
    const msg = await p.locator('[data-test="startup-error"]').innerText({ timeout: 15000 })
    assert.match(msg, /已损坏或不是乡治通数据库/)
    assert.ok(msg.includes(damaged), msg)
    await p.screenshot({ path: path.join(outDir, '05-damaged.png') })
    assert.ok(readFileSync(damaged).equals(bytes), 'the damaged file was changed')
  } finally {
    await p.close()
    await stopProcess(broken.proc)
  }
})
