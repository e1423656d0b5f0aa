// End to end on a township's demo data at 1366×768: a case's drawer lists its 附件. A photo chosen in
// the open dialog (faked by the dev build: chooseFile) is attached and listed with its thumbnail, name,
// size and who added it; looked at in the window, upright and scaled; saved as a copy with the same
// bytes. A scan (PDF) and a document renamed .jpg chosen together: the scan is attached and shows its
// page, the document is refused with the reason. An attachment is removed after a confirmation, 撤销 brings it back, and removed again it is gone.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chooseFile, demoStory, ensureDir, savedDir } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work } = demoStory(nodeTest, 'attachments', (p) => { page = p })
const files = ensureDir(path.join(work, '照片 和 扫描件'))

// A photo of a fallen wall, as a phone takes it: 1600×1200 JPEG.
const photo = path.join(files, '围墙倒塌现场.jpg')
execFileSync('convert', ['-size', '1600x1200', 'gradient:#9ec5e8-#5a7d3a', '-fill', '#b08a62', '-draw', 'rectangle 200,600 1400,1000',
  '-fill', '#7a5c3e', '-draw', 'polygon 700,600 900,420 1100,600', '-quality', '85', photo])
// A one-page scan as a PDF (A4), written by hand with its cross-reference table.
const scan = path.join(files, '调解协议书.pdf')
writeFileSync(scan, minimalPdf())
// A Word document renamed as a photo.
const renamed = path.join(files, '照片.jpg')
writeFileSync(renamed, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 7)]))

function minimalPdf() {
  const stream = 'BT /F1 24 Tf 72 720 Td (Mediation agreement) Tj ET 0 0 1 RG 72 600 450 80 re S'
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ]
  let out = '%PDF-1.4\n'
  const offsets = objects.map((o, i) => {
    const at = out.length
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
    return at
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}


const rows = () => test$('case-attachments').locator('[data-test="attachment"]')
const row = (name) => rows().filter({ hasText: name })

// add chooses files in the (faked) open dialog and clicks 添加附件.
async function add(...files) {
  chooseFile(dbPath, ...files)
  await test$('attachment-add').click()
}

let caseNumber = ''

test('a photo is attached to a case and listed with its thumbnail', async () => {
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()
  await nav('民情')
  const first = test$('cases-table').locator('[data-test="case-row"]').first()
  await first.waitFor()
  await first.click()
  const drawer = test$('case-drawer')
  await drawer.waitFor()
  caseNumber = (await drawer.locator('.n-drawer-header').innerText()).match(/\S+-\d{4}-\d{4}/)?.[0]
  assert.ok(caseNumber, 'the drawer names its case')
  await test$('case-attachments').getByText('附件（0 个）').waitFor()
  await test$('case-attachments').getByText('不超过 20 MB').waitFor()

  // Cancelling the dialog adds nothing.
  await test$('attachment-add').click()
  await page.waitForTimeout(500)
  assert.equal(await rows().count(), 0)

  await add(photo)
  await page.locator('.n-message').getByText('已添加附件“围墙倒塌现场.jpg”').waitFor()
  await test$('case-attachments').getByText('附件（1 个）').waitFor()
  const r = row('围墙倒塌现场.jpg')
  await r.waitFor()
  const img = r.locator('[data-test="attachment-thumb-img"]')
  await img.waitFor()
  assert.match(await img.getAttribute('src'), /^data:image\/jpeg;base64,/)
  const natural = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight])
  assert.deepEqual(natural, [160, 120], 'the thumbnail is the photo scaled to 160 px')
  const meta = await r.innerText()
  assert.match(meta, /KB · 王丽 添加于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/)
  await r.scrollIntoViewIfNeeded()
  await shot('listed')
})

test('the photo is looked at in the window and saved as a copy with the same bytes', async () => {
  await row('围墙倒塌现场.jpg').locator('[data-test="attachment-view"]').click()
  const viewer = test$('attachment-viewer')
  await viewer.waitFor()
  const picture = test$('attachment-picture')
  await picture.waitFor()
  await page.waitForFunction(() => document.querySelector('[data-test="attachment-picture"]')?.naturalWidth > 0)
  assert.deepEqual(await picture.evaluate((el) => [el.naturalWidth, el.naturalHeight]), [1600, 1200])
  await shot('viewer')
  await test$('attachment-viewer-save').click()
  await page.locator('.n-message').getByText('附件已另存为').waitFor()
  const copy = path.join(savedDir(dbPath), '围墙倒塌现场.jpg')
  assert.ok(readFileSync(copy).equals(readFileSync(photo)), 'the copy has the bytes of the photo')
  await viewer.locator('.n-base-close').click()
  await viewer.waitFor({ state: 'detached' })
})

test('of a scan and a renamed document chosen together, the scan is attached and its page shown, the document refused with the reason', async () => {
  await add(renamed, scan)
  await page.locator('.n-message').getByText('文件“照片.jpg”不是照片（JPEG、PNG、WebP、HEIC）、PDF 扫描件或 Word/WPS 文档').waitFor()
  await page.locator('.n-message').getByText('可能是改过扩展名的其他文件').waitFor()
  await page.locator('.n-message').getByText('已添加附件“调解协议书.pdf”').waitFor()
  const r = row('调解协议书.pdf')
  await r.waitFor()
  assert.equal(await rows().count(), 2, 'the document was not added')
  assert.equal((await r.locator('[data-test="attachment-thumb"]').innerText()).trim(), 'PDF')
  await r.locator('[data-test="attachment-view"]').click()
  const viewer = test$('attachment-viewer')
  await viewer.waitFor()
  await viewer.locator('canvas').first().waitFor()
  await shot('scan')
  await viewer.locator('.n-base-close').click()
  await viewer.waitFor({ state: 'detached' })
  await test$('case-attachments').getByText('附件（2 个）').waitFor()
  await shot('two')
})

test('an attachment is removed after a confirmation, brought back with 撤销, and removed again', async () => {
  const r = row('围墙倒塌现场.jpg')
  await r.locator('[data-test="attachment-remove"]').click()
  await page.locator('.n-dialog').getByText(`从民情 ${caseNumber} 中删除附件“围墙倒塌现场.jpg”`).waitFor()
  await page.locator('.n-dialog').getByRole('button', { name: '删除', exact: true }).click()
  await r.waitFor({ state: 'detached' })
  await test$('case-attachments').getByText('附件（1 个）').waitFor()
  await page.locator('.n-message').getByText('已删除附件“围墙倒塌现场.jpg”').waitFor()
  await test$('undo').click()
  await r.waitFor()
  await r.locator('[data-test="attachment-thumb-img"]').waitFor()
  await test$('case-attachments').getByText('附件（2 个）').waitFor()

  await r.locator('[data-test="attachment-remove"]').click()
  await page.locator('.n-dialog').getByRole('button', { name: '删除', exact: true }).click()
  await r.waitFor({ state: 'detached' })
  // Closed and opened again, the case lists only the scan.
  await test$('case-drawer').locator('.n-base-close').click()
  await test$('case-drawer').waitFor({ state: 'detached' })
  await test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: caseNumber }).click()
  await test$('case-drawer').waitFor()
  await row('调解协议书.pdf').waitFor()
  assert.equal(await rows().count(), 1)
  // The rows stay, the removed one a tombstone; the files stay in the data folder beside the
  // database, each stored under its SHA-256.
  const tables = JSON.parse(execFileSync(cli, ['check', '--db', dbPath, '--json']).toString()).tables
  assert.deepEqual(tables.find((t) => t.table === 'attachments'), { table: 'attachments', rows: 2, deleted: 1 })
  for (const f of [photo, scan]) {
    const sum = createHash('sha256').update(readFileSync(f)).digest('hex')
    assert.ok(readFileSync(path.join(work, 'attachments', sum.slice(0, 2), sum)).equals(readFileSync(f)), `${f} is kept by its content`)
  }
})

test('a scan whose file was removed from the data folder says so when looked at', async () => {
  const sum = createHash('sha256').update(readFileSync(scan)).digest('hex')
  const kept = path.join(work, 'attachments', sum.slice(0, 2), sum)
  const bytes = readFileSync(kept)
  unlinkSync(kept)
  try {
    await row('调解协议书.pdf').locator('[data-test="attachment-view"]').click()
    const error = test$('attachment-viewer-error')
    await error.waitFor()
    assert.match(await error.innerText(), /附件“调解协议书\.pdf”的文件不在附件文件夹中/)
    await shot('missing')
    await test$('attachment-viewer').locator('.n-base-close').click()
    await test$('attachment-viewer').waitFor({ state: 'detached' })
  } finally {
    writeFileSync(kept, bytes)
  }
})

test('特大 text at 1366×768: the 附件 section keeps its buttons whole and its actions in view', async () => {
  await test$('case-drawer').locator('.n-base-close').click()
  await test$('case-drawer').waitFor({ state: 'detached' })
  await nav('设置')
  await test$('text-size-xlarge').click()
  try {
    await nav('民情')
    await test$('cases-table').locator('[data-test="case-row"]').filter({ hasText: caseNumber }).click()
    await row('调解协议书.pdf').waitFor()
    await page.waitForTimeout(300)
    const section = test$('case-attachments')
    await section.scrollIntoViewIfNeeded()
    const clipped = await section.evaluate((el) => [...el.querySelectorAll('.n-button')]
      .filter((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1).map((b) => b.textContent.trim()))
    assert.deepEqual(clipped, [])
    for (const id of ['attachment-view', 'attachment-save', 'attachment-remove']) {
      const box = await row('调解协议书.pdf').locator(`[data-test="${id}"]`).boundingBox()
      assert.ok(box && box.x + box.width <= 1366, `${id} ends at ${box && box.x + box.width} px`)
    }
    await shot('xlarge')
    await test$('case-drawer').locator('.n-base-close').click()
    await test$('case-drawer').waitFor({ state: 'detached' })
  } finally {
    await nav('设置')
    await test$('text-size-standard').click()
  }
})
