// End to end: the screens on a township's demo data (12 villages, 3,000 households) at the common
// office laptop's 1366×768 and at 1920×1080: the grid's three regions scroll on their own, so a click on
// a neighbourhood deep in the tree shows its households in view, and the page itself never scrolls.
// A picture of every screen at both sizes goes to test-results/e2e/layout-*.png.
import { test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureDir, startStory, storyHelpers } from './harness.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
const cli = process.env.XIANGZHI_CLI_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-cli')
const assetDir = path.join(root, 'frontend', 'dist')
const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-e2e-layout-'))
const dbPath = path.join(work, 'xiangzhi.db')

let page
let story
const { test, shot, nav, test$ } = storyHelpers(nodeTest, () => page, outDir, 'layout')

before(async () => {
  execFileSync(cli, ['demo', '--db', dbPath, '--scale', 'township'], { stdio: 'ignore' })
  story = await startStory({ binary, dbPath, assetDir, outDir, logName: 'layout-app.log' })
  page = story.page
})

after(async () => {
  await story?.stop()
})

const sizes = [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]

// pageScrolls reports whether the document itself scrolls (it must not: each region scrolls on its own).
const pageScrolls = () => page.evaluate(() => document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight + 1)

for (const size of sizes) {
  test(`网格 at ${size.width}×${size.height}: a neighbourhood deep in the tree shows its households in view`, async () => {
    await page.setViewportSize(size)
    await nav('网格')
    await test$('village-item').last().click()
    await test$('grid-tree').locator('[data-test="tree-node"]').first().waitFor()
    // Open every group of the village, then take its last neighbourhood (the bottom of the tree).
    const tree = test$('grid-tree')
    for (let i = 0; i < 40; i++) {
      const closed = tree.locator('.n-tree-node-switcher:not(.n-tree-node-switcher--expanded):not(.n-tree-node-switcher--hide)')
      if (!(await closed.count())) break
      // (the switcher counted may open or hide before the click lands: count again then)
      await closed.first().click({ timeout: 3000 }).catch(() => {})
    }
    const last = tree.locator('[data-test="tree-node"]').last()
    await last.scrollIntoViewIfNeeded()
    const name = (await last.locator('.node-name').innerText()).trim()
    await last.click()
    await test$('node-panel').locator('.n-breadcrumb').getByText(name, { exact: true }).waitFor()
    const table = test$('household-table')
    await table.locator('tbody tr').first().waitFor()
    const box = await table.boundingBox()
    assert.ok(box && box.y >= 0 && box.y < size.height - 80, `the households are out of view: ${JSON.stringify(box)}`)
    assert.equal(await pageScrolls(), false, 'the page scrolls as a whole')
    const treeBox = await tree.boundingBox()
    assert.ok(treeBox.height > size.height * 0.45, `the tree is ${treeBox.height} px tall`)
    await shot(`grid-${size.width}`)
  })

  test(`every screen at ${size.width}×${size.height}`, async () => {
    await page.setViewportSize(size)
    for (const [screen, id] of [['首页', 'home-todo'], ['居民查询', 'resident-search'], ['走访督办', 'cadence-overdue'], ['会议', 'meeting-row'], ['合同', 'contract-row'], ['道德超市', 'points-table'], ['公文', 'doc-editor'], ['设置', 'audit-log']]) {
      await nav(screen)
      await test$(id).first().waitFor()
      await shot(`${screen}-${size.width}`)
    }
  })
}

test('公文 at 1366×768: no kind form, filled from its example, runs off the side (attachments and contract problems are cards)', async () => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await nav('公文')
  const kinds = await test$('doc-kinds').locator('[data-test^="doc-kind-"]').evaluateAll((els) => els.map((e) => e.dataset.test))
  assert.ok(kinds.length >= 16, `kinds: ${kinds}`)
  const wide = []
  for (const kind of kinds) {
    await test$(kind).click()
    await test$('doc-example').click()
    // a kind's form with something in it asks first
    const confirm = page.locator('.n-dialog').getByRole('button', { name: '填入示例', exact: true })
    await confirm.waitFor({ timeout: 600 }).then(() => confirm.click()).catch(() => {})
    await test$('doc-editor').locator('[data-test^="doc-field-"]').first().waitFor()
    const over = await test$('doc-editor').evaluate((editor) =>
      [...editor.querySelectorAll('[data-test^="doc-rows-"]')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || [...el.querySelectorAll('.scroll')].some((s) => s.scrollWidth > s.clientWidth + 1 && s.querySelector('textarea')))
        .map((el) => el.dataset.test))
    if (over.length) wide.push(`${kind}: ${over}`)
  }
  assert.deepEqual(wide, [], 'forms with rows of paragraphs that scroll sideways')
  await test$('doc-kind-notice').click()
  await test$('doc-rows-annexes').scrollIntoViewIfNeeded()
  assert.equal(await test$('doc-rows-annexes').locator('.card').count(), 1, 'the attachment of the notice is not a card')
  await shot('docs-annex-1366')
  // the preview's header keeps 「共 n 页 · size」 on one line, its tools moving under the title instead
  await test$('doc-preview-button').click()
  const info = test$('doc-editor').locator('xpath=..').locator('[data-test="doc-preview-info"]')
  await info.waitFor()
  const box = await info.boundingBox()
  assert.ok(box.height < 26, `the page count and size take ${box.height} px: they wrap`)
  await shot('docs-preview-1366')
})

test('走访督办 at the least window size (960×600) still shows the 逾期 column', async () => {
  await page.setViewportSize({ width: 960, height: 600 })
  await nav('走访督办')
  await test$('overdue-table').locator('th', { hasText: '逾期' }).first().waitFor()
  // Every table of the screen: the villages', the neighbourhoods' and the overdue households'.
  const headers = page.locator('th', { hasText: /^逾期$/ })
  assert.ok((await headers.count()) >= 3, `${await headers.count()} 逾期 columns`)
  for (const header of await headers.all()) {
    await header.scrollIntoViewIfNeeded()
    const box = await header.boundingBox()
    assert.ok(box && box.x + box.width <= 960, `a 逾期 column ends at ${box && box.x + box.width} px`)
  }
  await shot('visits-960')
})

test('特大 text at 1366×768: every screen grows, no button or menu entry clipped, and 标准 is back', async () => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await nav('设置')
  const standard = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-test="nav"] a')).fontSize))
  await test$('text-size-xlarge').click()
  const large = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-test="nav"] a')).fontSize))
  assert.ok(large >= standard * 1.25, `the menu text went from ${standard} to ${large} px`)
  for (const [screen, id] of [['首页', 'home-todo'], ['网格', 'village-item'], ['居民查询', 'resident-search'], ['走访督办', 'cadence-overdue'], ['会议', 'meeting-row'], ['合同', 'contract-row'], ['道德超市', 'points-table'], ['公文', 'doc-editor'], ['设置', 'audit-log']]) {
    await nav(screen)
    await test$(id).first().waitFor()
    await page.waitForTimeout(300)
    // A control is clipped when its content is wider than its box.
    const clipped = await page.evaluate(() => [...document.querySelectorAll('.n-button, [data-test="nav"] a, .n-tabs-tab')]
      .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent.trim()))
    assert.deepEqual(clipped, [], `${screen}: clipped ${clipped.join('、')}`)
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1), false,
      `${screen} scrolls sideways`)
    await shot(`xlarge-${screen}-1366`)
  }
  // A window shorter than the navigation (the laptop's screen less the taskbar and the title bar): the
  // navigation scrolls on its own, its last entry can be reached, and the page does not scroll.
  await page.setViewportSize({ width: 1366, height: 560 })
  const sider = await page.evaluate(() => {
    const aside = document.querySelector('[data-test="nav"]').parentElement
    return { scrolls: aside.scrollHeight > aside.clientHeight && getComputedStyle(aside).overflowY === 'auto',
      page: document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight + 1 }
  })
  assert.deepEqual(sider, { scrolls: true, page: false }, 'the navigation at 特大 in a 560 px window')
  await page.locator('[data-test="nav"]').getByRole('link', { name: '设置', exact: true }).click()
  await shot('xlarge-nav-560')
  await page.setViewportSize({ width: 1366, height: 768 })
  await test$('text-size-standard').click()
  assert.equal(await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-test="nav"] a')).fontSize)), standard)
})
