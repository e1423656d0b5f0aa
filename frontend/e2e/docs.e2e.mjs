// End to end: the 公文 screen on the real Go backend (dev build) under Xvfb, on a fresh database —
// draft a notice from its example, preview it drawn by pdf.js, see refused input on its field, print,
// issue it into the archive, view it as issued, correct it, and draft a landscape certificate.
import { test as nodeTest, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ensureDir, savedDir, startStory, storyHelpers } from './harness.mjs'

const root = path.resolve(import.meta.dirname, '..', '..')
const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
const assetDir = path.join(root, 'frontend', 'dist')
const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-e2e-docs-'))
const dbPath = path.join(work, 'xiangzhi.db')

let page
let story

const { test, shot: rawShot, nav, test$ } = storyHelpers(nodeTest, () => page, outDir, 'docs')

// shot takes a picture once the messages that can be closed are closed (they would cover the screen).
async function shot(name) {
  for (const close of await page.locator('.n-message__close').all()) await close.click().catch(() => {})
  await rawShot(name)
}

const year = new Date().getFullYear()
const first = `丹口-${year}-通知-0001`
const second = `丹口-${year}-通知-0002`

// The draft's preview pane and its pages (the archive's viewer has its own).
const draftPreview = () => test$('doc-editor').locator('xpath=..').locator('[data-test="doc-preview"]')
const pagesOf = (preview) => preview.locator('[data-test="doc-pages"] canvas')

// waitForPages waits until preview shows n pages, each drawn.
async function waitForPages(preview, n) {
  await preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').nth(n - 1).waitFor()
  assert.equal(await pagesOf(preview).count(), n)
}

async function confirmDialog(button) {
  await page.locator('.n-dialog').getByRole('button', { name: button, exact: true }).click()
  await page.locator('.n-dialog').waitFor({ state: 'detached' })
}

const field = (key) => test$(`doc-field-${key}`)

// pageOf scrolls to page n of preview (the last when n is 0), waits until it is drawn and gives the
// number of pages with that page's pixels.
async function pageOf(preview, n = 0) {
  const info = await preview.locator('[data-test="doc-preview-info"]').innerText()
  const pages = Number(info.match(/共 (\d+) 页/)[1])
  const at = (n || pages) - 1
  const canvas = pagesOf(preview).nth(at)
  await canvas.scrollIntoViewIfNeeded()
  await preview.locator(`[data-test="doc-pages"] canvas[data-rendered="true"]`).nth(at).waitFor()
  return { pages, pixels: await canvas.evaluate((c) => c.toDataURL()) }
}

// A message toast with text appears.
const toast = (text) => page.locator('.n-message').filter({ hasText: text }).first().waitFor()

async function tab(name) {
  await test$('docs-tabs').locator('.n-tabs-tab', { hasText: name }).click()
}

const archiveRow = (number) => page.locator(`[data-test="archive-row"][data-number="${number}"]`)

before(async () => {
  assert.ok(existsSync(binary), `dev build missing: ${binary}`)
  story = await startStory({ binary, dbPath, assetDir, outDir, logName: 'docs-app.log' })
  page = story.page
  // The operator is recorded as the issuer of every document; archive numbers carry the short name.
  await nav('设置')
  await test$('shortName-input').locator('input').fill('丹口')
  await test$('shortName-save').click()
  await page.getByText('单位简称已保存').waitFor()
  await test$('operator-input').locator('input').fill('杨明')
  await test$('operator-save').click()
  await test$('header-operator').getByText('杨明').waitFor()
})

after(async () => {
  await story?.stop()
})

test('the 公文 screen lists the sixteen kinds and the fonts documents are printed with', async () => {
  await nav('公文')
  await test$('doc-kind-ledger').waitFor()
  const kinds = await test$('doc-kinds').locator('li').allInnerTexts()
  assert.deepEqual(kinds.map((s) => s.replace(/\s+/g, ' ').trim()), [
    '通知', '通报', '请示', '报告', '函', '公示', '会议记录', '会议纪要', '民情交办单', '办理回执', '催办通知书', '人民调解协议书', '合同审查意见书', '荣誉证书 横版', '台账 横版', '民情统计报表',
  ])
  await test$('doc-fonts').getByText(/^仿宋：/).waitFor()
  assert.match(await test$('doc-fonts').innerText(), /小标宋：[\s\S]*黑体：[\s\S]*楷体：/)
  await test$('doc-preview').getByText('填写表单后点“预览”').waitFor()
})

test('a notice filled in from the example previews as its four pages: the text, the attached form, the 版记 on the back', async () => {
  await test$('doc-kind-notice').click()
  await test$('doc-example').click()
  assert.equal(await field('title').locator('input').inputValue(), '关于开展2026年度“文明家庭”评选活动的通知')
  assert.equal(await field('date').locator('input').inputValue(), '2026年11月27日')
  assert.equal(await field('attachments').locator('input').count(), 1)
  await test$('doc-preview-button').click()
  const preview = draftPreview()
  await waitForPages(preview, 4)
  assert.match(await preview.locator('[data-test="doc-preview-info"]').innerText(), /共 4 页 · \d+\.\d KB/)
  await preview.getByText('草稿，未存档').waitFor()
  // The canvas has the screen's pixels for the pane's width, A4 upright.
  const size = await pagesOf(preview).first().evaluate((c) => ({ w: c.width, h: c.height, css: c.getBoundingClientRect().width }))
  assert.ok(size.css > 300, `page only ${size.css}px wide`)
  assert.ok(Math.abs(size.h / size.w - Math.SQRT2) < 0.01, `not A4 upright: ${size.w}×${size.h}`)
  await shot('notice-preview')
  // Zoomed to 100 % the page is as wide as printed A4 (794 px), drawn again; back to fit the pane.
  const zoomTo = async (label) => {
    await preview.locator('[data-test="doc-zoom"]').click()
    await page.locator('.n-base-select-option', { hasText: label }).first().click()
  }
  await zoomTo('100%')
  await page.waitForFunction(() => Math.round(document.querySelector('[data-test="doc-pages"] canvas')?.getBoundingClientRect().width ?? 0) === 794)
  await preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor()
  await shot('notice-preview-100')
  await zoomTo('适合宽度')
  await page.waitForFunction((w) => Math.round(document.querySelector('[data-test="doc-pages"] canvas')?.getBoundingClientRect().width ?? 0) === w, Math.round(size.css))
})

test('a notice without a title or issuer is refused on both fields at once and the preview stays as it was', async () => {
  const preview = draftPreview()
  const before = await preview.locator('[data-test="doc-pages"] canvas').first().evaluate((c) => c.toDataURL())
  const issuer = await field('issuer').locator('input').inputValue()
  await field('title').locator('input').fill('')
  await field('issuer').locator('input').fill('')
  await test$('doc-preview-button').click()
  await field('title').getByText('「标题」不能为空').waitFor()
  await field('issuer').getByText('「发文单位」不能为空').waitFor()
  await toast('「标题」不能为空（另有 1 处要改，已在表单中标出）')
  await field('issuer').locator('input').fill(issuer)
  assert.equal(await pagesOf(preview).count(), 4)
  assert.equal(await preview.locator('.name').innerText(), '关于开展2026年度“文明家庭”评选活动的通知')
  assert.equal(await preview.locator('[data-test="doc-pages"] canvas').first().evaluate((c) => c.toDataURL()), before)
  await shot('title-required')
  await field('title').locator('input').fill('关于开展2026年度“文明家庭”评选活动的通知')
})

test('a character no font has in 正文 is named with its field, and nothing is archived', async () => {
  const body = field('body').locator('textarea')
  const text = await body.inputValue()
  await body.fill(`𠮷${text}`)
  await test$('doc-preview-button').click()
  const error = field('body').locator('.n-form-item-feedback')
  await error.getByText('𠮷').waitFor()
  assert.match(await error.innerText(), /「正文」第1个字“𠮷”/)
  await shot('rare-character')

  await test$('doc-issue').click()
  await confirmDialog('确定发文')
  await toast('没有字形')
  await field('body').locator('.n-form-item-feedback').getByText('𠮷').waitFor()
  await tab('发文存档')
  await test$('archive-table').getByText('还没有发文存档的文书').waitFor()
  await tab('拟稿')
  await body.fill(text)
})

test('存为 Word saves the draft as a .docx file, laid out to the same numbers', async () => {
  await test$('doc-save-word').click()
  await toast('Word 文件已保存到')
  const saved = path.join(savedDir(dbPath), '关于开展2026年度“文明家庭”评选活动的通知.docx')
  assert.ok(existsSync(saved), `no ${saved}`)
  const zip = readFileSync(saved)
  assert.equal(zip.subarray(0, 2).toString(), 'PK')
  await shot('saved-word')
})

test('printing draws one page image per page into the print container', async () => {
  await page.evaluate(() => {
    window.__printed = 0
    window.print = () => { window.__printed++ }
  })
  await draftPreview().locator('[data-test="doc-print"]').click()
  await page.waitForFunction(() => window.__printed === 1)
  const images = page.locator('.doc-print.active img')
  assert.equal(await images.count(), 4)
  const img = await images.first().evaluate((i) => ({ w: i.naturalWidth, h: i.naturalHeight }))
  assert.ok(Math.abs(img.w - 1654) <= 2 && Math.abs(img.h - 2339) <= 2, `not 200 dpi A4: ${img.w}×${img.h}`)
  const sheet = await page.evaluate(() => document.getElementById('doc-print-page')?.textContent)
  assert.match(sheet, /size: A4 portrait; margin: 0/)
  // On screen the print container stays hidden.
  assert.equal(await page.locator('.doc-print.active').isVisible(), false)
})

test('issuing archives the notice under a 存档号; viewing it shows the file as issued', async () => {
  await test$('doc-issue').click()
  await page.locator('.n-dialog').getByText('将获得存档号').waitFor()
  await shot('issue-confirm')
  await confirmDialog('确定发文')
  await toast(`已发文存档，存档号 ${first}`)
  await draftPreview().locator('[data-test="doc-preview-number"]').getByText(first).waitFor()
  await waitForPages(draftPreview(), 4)
  await draftPreview().locator('[data-test="doc-preview-hash"]').getByText(/^与存档原件一致/).waitFor()
  // The same draft cannot be issued twice: the button says what it was issued as until the draft changes.
  assert.equal(await test$('doc-issue').isDisabled(), true)
  assert.equal((await test$('doc-issue').innerText()).trim(), `已发文存档（${first}）`)

  await tab('发文存档')
  const row = archiveRow(first)
  await row.waitFor()
  const text = await row.innerText()
  assert.match(text, /通知[\s\S]*关于开展2026年度“文明家庭”评选活动的通知[\s\S]*2026年11月27日[\s\S]*4[\s\S]*杨明/)
  assert.match(text, /有效/)

  await row.locator('[data-test="archive-view"]').click()
  const viewer = page.locator('.n-drawer [data-test="doc-preview"]')
  // (the viewer draws a page as it scrolls into view: the first is drawn, all four are there)
  await viewer.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.n-drawer [data-test="doc-pages"] canvas').length === 4)
  await viewer.locator('[data-test="doc-preview-hash"]').getByText(/与存档原件一致 · SHA-256 [0-9a-f]{16}…/).waitFor()
  assert.match(await page.locator('.n-drawer-header').innerText(), new RegExp(`通知 · 存档号 ${first}`))
  await shot('archive-view')
  await page.locator('.n-drawer .n-base-close').click()
  await page.locator('.n-drawer').waitFor({ state: 'detached' })
})

test('the preview of a correction has the 更正说明 the issued correction will have', async () => {
  await archiveRow(first).locator('[data-test="archive-correct"]').click()
  await test$('doc-correcting').getByText(`正在更正 存档号 ${first}`).waitFor()
  const preview = draftPreview()
  await preview.getByText('填写表单后点“预览”').waitFor()
  await test$('doc-preview-button').click()
  await preview.getByText('草稿，未存档').waitFor()
  // the 更正说明 follows the 附注 on page 2, before the attached form and the 版记
  const correction = await pageOf(preview, 2)
  await shot('correction-preview')
  // The same draft, no longer a correction, has no 更正说明: its second page differs (or it has a
  // page fewer). Cancelling the correction drops the preview that said it corrects.
  await test$('doc-cancel-correction').click()
  await test$('doc-correcting').waitFor({ state: 'detached' })
  await preview.getByText('填写表单后点“预览”').waitFor()
  await test$('doc-preview-button').click()
  await preview.getByText('草稿，未存档').waitFor()
  const plain = await pageOf(preview, 2)
  assert.ok(plain.pages <= correction.pages, `${plain.pages} pages without the 更正说明, ${correction.pages} with it`)
  assert.ok(plain.pages < correction.pages || plain.pixels !== correction.pixels, 'the preview of the correction has no 更正说明')
  await tab('发文存档')
})

test('correcting a notice issues a new number that says which one it corrects', async () => {
  await archiveRow(first).locator('[data-test="archive-correct"]').click()
  await test$('doc-correcting').getByText(`正在更正 存档号 ${first}`).waitFor()
  assert.equal(await field('title').locator('input').inputValue(), '关于开展2026年度“文明家庭”评选活动的通知')
  await field('title').locator('input').fill('关于开展2026年度“文明家庭”评选活动的补充通知')
  // Previewing the changed draft draws its pages afresh.
  await test$('doc-preview-button').click()
  await draftPreview().locator('.name').getByText('关于开展2026年度“文明家庭”评选活动的补充通知').waitFor()
  await waitForPages(draftPreview(), 4)
  await shot('correcting')
  await test$('doc-issue').click()
  await page.locator('.n-dialog').getByText(`原件 ${first} 将标记为“已被更正”`).waitFor()
  await confirmDialog('确定发文')
  await toast(`已发文存档，存档号 ${second}`)
  await test$('doc-correcting').waitFor({ state: 'detached' })

  await tab('发文存档')
  await archiveRow(second).getByText(`更正 ${first}`).waitFor()
  const rows = await page.locator('[data-test="archive-row"]').evaluateAll((rs) => rs.map((r) => r.dataset.number))
  assert.deepEqual(rows, [second, first])
  await archiveRow(first).getByText(`已被 ${second} 更正`).waitFor()
  assert.equal(await archiveRow(first).locator('[data-test="archive-correct"]').isDisabled(), true)
  assert.match(await archiveRow(second).innerText(), /补充通知/)

  await test$('archive-search').locator('input').fill('补充')
  await page.waitForFunction(() => document.querySelectorAll('[data-test="archive-row"]').length === 1)
  await test$('archive-search').locator('input').fill('')
  await page.waitForFunction(() => document.querySelectorAll('[data-test="archive-row"]').length === 2)
  await shot('archive')
})

test('the archive finds a notice by its 文号; a voided document keeps its place, marked with its reason', async () => {
  await test$('archive-search').locator('input').fill('丹政发')
  await page.waitForFunction(() => document.querySelectorAll('[data-test="archive-row"]').length === 2)
  assert.match(await archiveRow(first).innerText(), /丹政发〔2026〕12号/)
  await test$('archive-search').locator('input').fill('')

  await archiveRow(first).locator('[data-test="archive-void"]').click()
  await page.locator('.n-dialog').getByText(`作废文书 ${first}`).waitFor()
  // Without a reason nothing happens; the dialog stays for one.
  await page.locator('.n-dialog').getByRole('button', { name: '作废', exact: true }).click()
  await toast('请写明作废原因')
  await page.locator('[data-test="archive-void-reason"] textarea').fill('已被补充通知取代')
  await shot('void-confirm')
  await confirmDialog('作废')
  await toast(`${first} 已作废`)
  await archiveRow(first).locator('[data-test="archive-voided"]').getByText('已被补充通知取代').waitFor()
  assert.equal(await archiveRow(first).locator('[data-test="archive-void"]').isDisabled(), true)
  await test$('archive-table').getByText('共 2 份，其中已作废 1 份').waitFor()
  await archiveRow(first).locator('[data-test="archive-view"]').click()
  await test$('archive-void-banner').getByText(/由 杨明 作废。原因：已被补充通知取代/).waitFor()
  await shot('archive-voided')
  await page.locator('.n-drawer .n-base-close').click()
  await page.locator('.n-drawer').waitFor({ state: 'detached' })
})

test('a wrong ID in a row of the 公示 list shows on its cell', async () => {
  await tab('拟稿')
  await test$('doc-kind-gongshi').click()
  await test$('doc-example').click()
  const rows = test$('doc-rows-people').locator('[data-test="doc-row"]')
  assert.equal(await rows.count(), 3)
  const id = rows.nth(1).locator('input').nth(1)
  const good = await id.inputValue()
  await id.fill(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'))
  await test$('doc-preview-button').click()
  await field('people').locator('.n-form-item-feedback').getByText('「公示名单」第2行「身份证号」').waitFor()
  assert.equal(await rows.nth(1).evaluate((r) => r.classList.contains('bad')), false)
  assert.equal(await rows.nth(1).locator('.n-input--error-status').count(), 1)
  await shot('gongshi-row-error')
  await id.fill(good)
  // A character no font has, in the 姓名 of the second row, is named on that cell.
  const name = rows.nth(1).locator('input').first()
  const person = await name.inputValue()
  await name.fill('蓝𠮷东')
  await test$('doc-preview-button').click()
  const feedback = field('people').locator('.n-form-item-feedback')
  await feedback.getByText('「公示名单」第2行「姓名」第2个字“𠮷”').waitFor()
  await toast('“𠮷”')
  assert.equal(await rows.nth(1).locator('.n-input--error-status').count(), 1)
  assert.equal(await rows.nth(1).locator('.card-field').nth(0).locator('.n-input--error-status').count(), 1)
  assert.equal(await test$('doc-rows-people').locator('.n-input--error-status').count(), 1)
  await shot('gongshi-rare-character')
  await name.fill(person)
  await test$('doc-row-add').click()
  assert.equal(await rows.count(), 4)
  await rows.nth(3).locator('[data-test="doc-row-remove"]').click()
  assert.equal(await rows.count(), 3)
  await test$('doc-preview-button').click()
  await waitForPages(draftPreview(), 1)
})

test('a certificate previews and prints in landscape', async () => {
  await test$('doc-kind-certificate').click()
  await test$('doc-example').click()
  assert.ok(await test$('doc-rows-recipients').locator('[data-test="doc-row"]').count() >= 1)
  await test$('doc-preview-button').click()
  const preview = draftPreview()
  const pages = Number((await preview.locator('[data-test="doc-preview-info"]').innerText({ timeout: 30000 })).match(/共 (\d+) 页/)[1])
  await waitForPages(preview, pages)
  const size = await pagesOf(preview).first().evaluate((c) => ({ w: c.width, h: c.height }))
  assert.ok(size.w > size.h, `not landscape: ${size.w}×${size.h}`)
  await shot('certificate')
  await preview.locator('[data-test="doc-print"]').click()
  await page.waitForFunction(() => window.__printed === 2)
  assert.equal(await page.locator('.doc-print.active img').count(), pages)
  assert.match(await page.evaluate(() => document.getElementById('doc-print-page')?.textContent), /A4 landscape/)
})

test('a ledger is edited as a grid under its column names', async () => {
  await test$('doc-kind-ledger').click()
  await test$('doc-example').click()
  const grid = test$('doc-rows-rows')
  const headers = await grid.locator('th').allInnerTexts()
  assert.deepEqual(headers.slice(1, 8).map((s) => s.trim()), ['编号', '反映人', '村（组）', '反映事项', '承办单位', '办结时限', '状态'])
  // Removing a column name removes that column's cells and width.
  await field('columns').locator('[data-test="doc-line-remove"]').nth(1).click()
  assert.deepEqual((await grid.locator('th').allInnerTexts()).slice(1, 7).map((s) => s.trim()), ['编号', '村（组）', '反映事项', '承办单位', '办结时限', '状态'])
  assert.equal(await grid.locator('tbody tr').first().locator('input').nth(1).inputValue(), '桃林村三组')
  await test$('doc-preview-button').click()
  await waitForPages(draftPreview(), 1)
  await shot('ledger')
  // A character no font has in a cell of the grid is named on that cell (row 2, column 4).
  const cell = grid.locator('tbody tr').nth(1).locator('input').nth(3)
  const text = await cell.inputValue()
  await cell.fill(`𠮷${text}`)
  await test$('doc-preview-button').click()
  await field('rows').locator('.n-form-item-feedback').getByText('𠮷').waitFor()
  assert.equal(await grid.locator('.n-input--error-status').count(), 1)
  assert.equal(await grid.locator('tbody tr').nth(1).locator('td').nth(4).locator('.n-input--error-status').count(), 1)
  await cell.fill(text)
})

test('resetting a font that was never chosen changes nothing, and the font licences can be read', async () => {
  const panel = test$('doc-fonts')
  const before = await panel.innerText()
  assert.equal(await panel.locator('[data-test="doc-font-choose"]').count(), 4)
  assert.equal(await panel.locator('[data-test="doc-font-reset"]').count(), 0)
  // Only a chosen font has a 恢复默认 button; the backend takes a reset of any role in its stride.
  const fonts = await page.evaluate(() => window.go.app.DocService.Fonts())
  const reset = await page.evaluate(() => window.go.app.DocService.ResetFont('kai'))
  assert.deepEqual(reset, fonts)
  assert.ok(reset.every((f) => f.chosen === '' && f.problem === ''), JSON.stringify(reset))
  await test$('doc-kind-notice').click()
  assert.equal(await panel.innerText(), before)

  await panel.locator('[data-test="doc-font-licenses-open"]').click()
  const modal = test$('doc-font-licenses')
  await modal.getByText('SIL Open Font License').first().waitFor()
  const texts = modal.locator('pre')
  assert.equal(await texts.count(), 3)
  const style = await texts.first().evaluate((el) => getComputedStyle(el).fontFamily)
  assert.match(style, /mono/i)
  const box = modal.locator('.texts')
  assert.ok(await box.evaluate((el) => el.scrollHeight > el.clientHeight), 'the licences do not scroll')
  await shot('font-licenses')
  await modal.locator('[data-test="doc-font-licenses-close"]').click()
  await modal.waitFor({ state: 'detached' })
  await shot('fonts-panel')
})

test('drafts are kept as typed: after the window reloads each kind has its draft, and an issued one stays issued', async () => {
  await test$('doc-kind-ledger').click()
  const cell = test$('doc-rows-rows').locator('tbody tr').first().locator('input').first()
  await cell.fill('丹民交〔2026〕200号')
  await test$('doc-kept').getByText('草稿自动保存').waitFor()
  await page.waitForTimeout(1200) // kept half a second after the last change
  await page.reload()
  await nav('公文')
  await test$('doc-kind-ledger').click()
  assert.equal(await test$('doc-rows-rows').locator('tbody tr').first().locator('input').first().inputValue(), '丹民交〔2026〕200号')
  // The notice was issued as a correction and not changed since: it is still the issued draft.
  await test$('doc-kind-notice').click()
  assert.equal(await field('title').locator('input').inputValue(), '关于开展2026年度“文明家庭”评选活动的补充通知')
  assert.equal((await test$('doc-issue').innerText()).trim(), `已发文存档（${second}）`)
  assert.equal(await test$('doc-issue').isDisabled(), true)
})
