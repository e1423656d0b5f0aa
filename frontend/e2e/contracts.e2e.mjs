// End to end on a township's demo data at 1366×768 (issue 15): a legal adviser is entered (a wrong
// 执业证号 refused on its field) and made a village's adviser; a land-transfer contract is sent for
// review (送审登记: a wrong 统一社会信用代码 refused on its field, the payment schedule typed) with its
// text attached as a PDF; the adviser reviews it — the checklist refused until filled, two risks,
// 修改后签订 — and the 合同审查意见书 shows at once, is printed and read back; version 2 is sent
// (without its change note refused), the changes listed, the first risk ticked as answered, 同意签订;
// signing is refused without the procedure evidence of a major contract until the override reason is
// written, which the register prints. A review sent in weeks ago is overdue: red in the list and on
// 首页's contract card, which opens it.
import { test as nodeTest } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chooseFile, demoStory, ensureDir, savedDir } from './harness.mjs'

let page
const { test, shot, nav, test$, cli, dbPath, work } = demoStory(nodeTest, 'contracts', (p) => { page = p })

// rendered waits until the first page of the PDF shown in a preview is drawn.
const rendered = (preview) => preview.locator('[data-test="doc-pages"] canvas[data-rendered="true"]').first().waitFor({ timeout: 30000 })
const toast = (text) => page.locator('.n-message').getByText(text).last().waitFor()
// option is an option of the select menu open now (menus closed before stay in the page, hidden).
const option = (text) => page.locator('.n-base-select-option:visible', { hasText: text }).first()
const drawer = () => test$('contract-drawer')
const paper = () => test$('contract-paper')
const tab = async (name) => {
  await test$(`contract-tab-${name}`).click()
  await page.waitForTimeout(150)
}
const closePaper = async () => {
  await paper().locator('.n-base-close').click()
  await paper().waitFor({ state: 'detached' })
}
const feedback = (scope, text) => scope.locator('.n-form-item-feedback', { hasText: text }).waitFor()
const fill = (id, text, scope = page) => scope.locator(`[data-test="${id}"]`).locator('input, textarea').first().fill(text)
const fillDate = async (locator, day) => {
  await locator.locator('input').fill(day)
  await locator.locator('input').press('Enter')
}
const pad = (n) => String(n).padStart(2, '0')
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const state = async () => (await test$('contract-state').innerText()).trim()

// The signed contract, scanned: a one-page PDF written by hand with its cross-reference table.
const files = ensureDir(path.join(work, '合同 文本'))
const scan = path.join(files, '土地经营权流转合同.pdf')
writeFileSync(scan, minimalPdf())

function minimalPdf() {
  const stream = 'BT /F1 24 Tf 72 720 Td (Land transfer contract) Tj ET 0 0 1 RG 72 600 450 80 re S'
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

// pdfText reprints an issued document by its number and gives its text without white space.
function pdfText(number, name) {
  const pdf = path.join(work, `${name}.pdf`)
  execFileSync(cli, ['doc', 'reprint', '--db', dbPath, '--number', number, '-o', pdf], { stdio: 'ignore' })
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', pdf, path.join(path.resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e'), `contracts-${name}-page`)])
  return execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '')
}

let village = ''
let number = ''
let firstOpinion = ''

// judgeProcedure marks 民主程序 of a major contract whose procedure is not given yet, which 其余设为
// “符合” leaves to the adviser (an 意见书 once certified it 符合 that way).
async function judgeProcedure(check) {
  const item = check('民主程序（四议两公开）')
  assert.equal(await item.locator('.n-radio--checked').count(), 0, '其余设为“符合” marked 民主程序')
  await item.getByText('存在问题', { exact: true }).click()
  await item.locator('[data-test="opinion-check-finding"] input').fill('尚未提供村民代表会议决定')
}

test('a legal adviser is entered (a wrong 执业证号 refused on its field) and made a village\'s adviser', async () => {
  await nav('设置')
  await test$('operator-input').locator('input').fill('王丽')
  await test$('operator-save').click()
  await test$('header-operator').getByText('王丽').waitFor()

  await nav('合同')
  await page.locator('.n-tabs-tab', { hasText: '法律顾问' }).click()
  await test$('contract-advisers').waitFor()
  await test$('adviser-add').click()
  const dialog = test$('adviser-dialog')
  await dialog.waitFor()
  await fill('adviser-name', '周敏')
  await fill('adviser-firm', '湖南城步正平律师事务所')
  await fill('adviser-licence', '1430520181012345')
  await fill('adviser-phone', '13907390001')
  await test$('adviser-save').click()
  await feedback(dialog, '律师执业证号应为 17 位数字')
  await fill('adviser-licence', '14305201810123456')
  await test$('adviser-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('已保存法律顾问 周敏')

  const row = page.locator('[data-test="adviser-row"][data-name="周敏"]')
  await row.waitFor()
  await row.locator('[data-test="adviser-assign"]').click()
  const assign = test$('assign-dialog')
  await assign.waitFor()
  await test$('assign-village').click()
  const first = page.locator('.n-base-select-option:visible').first()
  village = (await first.innerText()).trim().replace(/（现为.*$/, '')
  await first.click()
  await test$('assign-save').click()
  await assign.waitFor({ state: 'detached' })
  await toast(`周敏 已任${village}法律顾问`)
  await row.locator('[data-test="adviser-village"]', { hasText: village }).waitFor()
  assert.equal(await row.locator('[data-test="adviser-end"]').count(), 1)
  await shot('advisers')
})

test('the office\'s rules: a wrong amount refused on its field; the review days are those of 送审登记', async () => {
  await page.locator('.n-tabs-tab', { hasText: '设置' }).click()
  const card = test$('contract-settings')
  await card.waitFor()
  assert.equal(await test$('settings-review-days').locator('input').inputValue(), '5')
  await card.getByText('土地流转', { exact: true }).waitFor()
  await fill('settings-major-amount', '五万')
  await test$('settings-save').click()
  await feedback(card, '不是金额')
  await fill('settings-major-amount', '50000')
  await fill('settings-alert-days', '60')
  await test$('settings-save').click()
  await toast('合同审查设置已保存')
  await shot('settings')
})

test('a land transfer is sent for review: a wrong credit code refused on its field, the terms and payments typed, its text attached', async () => {
  await page.locator('.n-tabs-tab', { hasText: '审查申请' }).click()
  await test$('contract-add').click()
  const form = test$('contract-form')
  await form.waitFor()
  await test$('contract-village').click()
  await option(village).click()
  // The village's adviser and the office's review days come by themselves.
  await test$('contract-adviser').getByText('周敏').waitFor()
  assert.equal(await test$('contract-review-days').locator('input').inputValue(), '5')
  await test$('contract-type').click()
  await option('土地流转').click()
  await fill('contract-title', `${village}土地经营权流转合同`)
  await fill('contract-submitted-by', '蓝建国')
  await fill('terms-counterparty', '城步县绿源种植专业合作社')
  await fill('terms-credit-code', '93430529MA4L12345X')
  await fill('terms-representative', '杨春生')
  await fill('terms-amount', '37500')
  await fill('terms-notice-days', '90')
  await fillDate(test$('terms-start'), '2027-01-01')
  await fillDate(test$('terms-end'), '2029-12-31')
  await fill('terms-renewal', '期满前三个月书面协商续约，同等条件下乙方优先')
  for (const [i, due] of ['2027-01-15', '2028-01-15', '2029-01-15'].entries()) {
    await test$('payment-add').click()
    const payment = test$('contract-payment').nth(i)
    await fillDate(payment.locator('[data-test="payment-due"]'), due)
    await payment.locator('[data-test="payment-amount"] input').fill('12500')
    if (!i) await payment.locator('[data-test="payment-note"] input').fill('第一年流转费')
  }
  await shot('form')
  await test$('contract-save').click()
  await feedback(form, '校验位不对')
  await shot('form-credit-code')
  await fill('terms-credit-code', '93430529MA4L12345R')
  await test$('contract-save').click()
  await form.waitFor({ state: 'detached' })
  await toast('已登记送审')

  await drawer().waitFor()
  number = (await test$('contract-number').innerText()).trim()
  assert.match(number, /^\S+-合审-\d{4}-\d{4}$/)
  assert.equal(await state(), '待审')
  assert.equal((await test$('contract-major').innerText()).trim(), '重大合同：土地流转合同')
  await test$('contract-needs-procedure').waitFor()
  await test$('contract-amount-capital').getByText('人民币叁万柒仟伍佰元整').waitFor()
  await test$('contract-amount').getByText('¥37,500.00').waitFor()
  await shot('drawer')

  await tab('versions')
  assert.equal(await test$('contract-version-payments').locator('tbody tr').count(), 3)
  await test$('contract-version-payments').getByText('¥12,500.00').first().waitFor()
  await test$('case-attachments').getByText('附件（0 个）').waitFor()
  chooseFile(dbPath, scan)
  await test$('attachment-add').click()
  await toast('已添加附件“土地经营权流转合同.pdf”')
  await test$('case-attachments').locator('[data-test="attachment-name"]', { hasText: '土地经营权流转合同.pdf' }).waitFor()
  await shot('version-1')
})

test('the adviser reviews it: the checklist refused until filled, two risks, 修改后签订; the 意见书 shows at once and prints', async () => {
  await test$('contract-start').click()
  await test$('contract-start-dialog').waitFor()
  await test$('contract-start-save').click()
  await toast('已开始审查')
  await test$('contract-state').getByText('审查中').waitFor()

  await test$('contract-opinion').click()
  const dialog = test$('opinion-dialog')
  await dialog.waitFor()
  await test$('opinion-save').click()
  await feedback(dialog, '审查清单还有未填的项目')
  const check = (item) => dialog.locator(`[data-test="opinion-check"][data-item="${item}"]`)
  for (const [item, finding] of [['价款与支付', '流转费逾期支付未约定责任'], ['违约责任', '乙方违约责任不完整']]) {
    await check(item).getByText('存在问题', { exact: true }).click()
    await check(item).locator('[data-test="opinion-check-finding"] input').fill(finding)
  }
  await check('集体资产保护').getByText('不适用', { exact: true }).click()
  await test$('opinion-check-rest').click()
  await judgeProcedure(check)
  const risks = [
    ['高', '第五条', '流转费逾期未付没有违约责任', '增加逾期30日甲方可解除合同'],
    ['中', '第八条', '未约定地上附着物的处理', '约定期满后附着物无偿归甲方'],
  ]
  for (const [i, [level, clause, problem, revision]] of risks.entries()) {
    await test$('risk-add').click()
    const risk = test$('opinion-risk').nth(i)
    await risk.locator('[data-test="risk-level"]').click()
    await option(level).click()
    await risk.locator('[data-test="risk-clause"] input').fill(clause)
    await risk.locator('[data-test="risk-problem"] textarea').fill(problem)
    await risk.locator('[data-test="risk-revision"] textarea').fill(revision)
  }
  await test$('opinion-conclusion').getByText('修改后签订').click()
  // 修改后签订 needs its reasons.
  await test$('opinion-save').click()
  await feedback(dialog, '请写明理由')
  await fill('opinion-reasons', '合同主体适格，按风险点修改后可以签订')
  await fill('opinion-reservations', '本意见仅依据送审材料作出。')
  await shot('opinion')
  await test$('opinion-save').click()
  await dialog.waitFor({ state: 'detached' })

  // The 意见书 shows at once, as issued.
  await paper().waitFor()
  await rendered(paper())
  const header = await paper().locator('.n-drawer-header').innerText()
  assert.match(header, /合同审查意见书 · 存档号 \S+/)
  firstOpinion = header.match(/存档号 (\S+)/)[1]
  await page.evaluate(() => {
    window.__printed = 0
    window.print = () => { window.__printed++ }
  })
  await paper().locator('[data-test="doc-print"]').click()
  await page.waitForFunction(() => window.__printed === 1)
  await shot('opinion-paper')
  await closePaper()
  const text = pdfText(firstOpinion, 'opinion-1')
  for (const want of ['合同审查意见书', `${village}土地经营权流转合同`, '城步县绿源种植专业合作社', '流转费逾期未付没有违约责任', '未约定地上附着物的处理', '修改后签订', '周敏']) {
    assert.ok(text.includes(want), `the 意见书 says ${want}: ${text}`)
  }

  await test$('contract-state').getByText('已出具意见').waitFor()
  await tab('overview')
  await test$('contract-conclusion').getByText('修改后签订').waitFor()
  assert.equal(await test$('contract-doc').count(), 1)
  await tab('reviews')
  const review = test$('contract-review').first()
  assert.equal(await review.locator('[data-test="contract-risk"]').count(), 2)
  assert.deepEqual((await review.locator('[data-test="contract-risk-level"]').allInnerTexts()).map((s) => s.trim()), ['高', '中'])
  assert.deepEqual((await review.locator('[data-test="contract-risk-state"]').allInnerTexts()).map((s) => s.trim()), ['未修改', '未修改'])
  await shot('reviews-1')
})

test('version 2 is sent (not without its change note), its changes listed; reviewed with the first risk answered, 同意签订', async () => {
  await test$('contract-resubmit').click()
  const dialog = test$('resubmit-dialog')
  await dialog.waitFor()
  assert.equal(await test$('terms-amount').locator('input').inputValue(), '37500')
  assert.equal(await test$('contract-payment').count(), 3)
  await fill('terms-amount', '45000')
  await fill('terms-notice-days', '60')
  for (const i of [0, 1, 2]) await test$('contract-payment').nth(i).locator('[data-test="payment-amount"] input').fill('15000')
  await test$('resubmit-save').click()
  await feedback(dialog, '重新送审须写明改了什么')
  await fill('resubmit-note', '流转费提高到每年15000元，第五条增加逾期付款责任')
  await shot('resubmit')
  await test$('resubmit-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('第2版已送审')
  await test$('contract-state').getByText('待审').waitFor()

  await tab('versions')
  const current = page.locator('[data-test="contract-version"][data-version="2"]')
  await current.waitFor()
  const changes = await current.locator('[data-test="contract-change"] td:first-child').allInnerTexts()
  assert.deepEqual(changes.map((s) => s.trim()), ['合同金额', '续约通知期', '付款计划'])
  await current.locator('[data-test="contract-change"]').getByText('¥45,000.00（人民币肆万伍仟元整）').waitFor()
  await current.getByText('人民币肆万伍仟元整').last().waitFor()
  // The earlier version folds away, its file stays with it.
  await page.locator('[data-test="contract-version"][data-version="1"]').waitFor()
  await test$('case-attachments').getByText('附件（0 个）').waitFor()
  await shot('version-2')

  await test$('contract-start').click()
  await test$('contract-start-save').click()
  await test$('contract-state').getByText('审查中').waitFor()
  await test$('contract-opinion').click()
  const opinion = test$('opinion-dialog')
  await opinion.waitFor()
  const earlier = opinion.locator('[data-test="opinion-earlier-risk"]')
  assert.equal(await earlier.count(), 2)
  await earlier.first().locator('[data-test="answered-check"]').click()
  await earlier.first().locator('[data-test="answered-note"] input').fill('第五条已增加逾期30日可解除合同')
  await test$('opinion-check-rest').click()
  await judgeProcedure((item) => opinion.locator(`[data-test="opinion-check"][data-item="${item}"]`))
  await test$('opinion-conclusion').getByText('同意签订', { exact: true }).click()
  await shot('opinion-2')
  await test$('opinion-save').click()
  await opinion.waitFor({ state: 'detached' })
  await paper().waitFor()
  await rendered(paper())
  const second = (await paper().locator('.n-drawer-header').innerText()).match(/存档号 (\S+)/)[1]
  assert.notEqual(second, firstOpinion)
  await closePaper()
  const text = pdfText(second, 'opinion-2')
  assert.ok(text.includes('同意签订'), text)
  assert.ok(text.includes('前次意见中已修改的问题'), text)

  await tab('reviews')
  const states = await test$('contract-review').last().locator('[data-test="contract-risk-state"]').allInnerTexts()
  assert.match(states[0], /第2版已修改/)
  assert.match(states[1], /未修改/)
  // The review of version 2 lists the risk its version answered.
  const answered = test$('contract-review').first().locator('[data-test="contract-review-answered"] [data-test="contract-risk"]')
  assert.equal(await answered.count(), 1)
  await answered.getByText('第五条已增加逾期30日可解除合同').waitFor()
  assert.equal(await test$('contract-doc').count(), 2)
  await shot('reviews-2')
})

test('signing a major contract without its procedure asks for the override reason, which the register prints', async () => {
  await test$('contract-sign').click()
  const dialog = test$('sign-dialog')
  await dialog.waitFor()
  await test$('sign-save').click()
  await test$('sign-refusal').getByText('重大合同没有村民代表会议决定').waitFor()
  await dialog.getByText('记入操作日志').waitFor()
  await shot('sign-override')
  await fill('sign-override', '流转关系已经村两委研究，春耕在即，先行签订，村民代表会议补开')
  await test$('sign-save').click()
  await dialog.waitFor({ state: 'detached' })
  await toast('已记录签订')
  await test$('contract-state').getByText('已签订').waitFor()
  await tab('overview')
  await test$('contract-signed').getByText('越过审查意见签订，理由：流转关系已经村两委研究').waitFor()
  assert.equal(await test$('contract-actions').count(), 0)
  await tab('timeline')
  const actions = (await test$('contract-event').locator('.action').allInnerTexts()).map((s) => s.trim())
  assert.deepEqual(actions, ['签订', '出具意见', '开始审查', '重新送审', '出具意见', '开始审查', '送审'])
  await shot('timeline')
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })

  await page.locator('.n-tabs-tab', { hasText: '审查台账' }).click()
  await test$('register-village').click()
  await option(village).click()
  await test$('register-print').click()
  await paper().waitFor()
  await rendered(paper())
  assert.match(await paper().locator('.n-drawer-header').innerText(), /合同审查台账（预览，未存档）/)
  await shot('register')
  await closePaper()
  const before = existsSync(savedDir(dbPath)) ? readdirSync(savedDir(dbPath)).length : 0
  await test$('register-export').click()
  await toast(/合同审查台账已导出到/)
  const saved = readdirSync(savedDir(dbPath)).filter((f) => f.endsWith('.xlsx'))
  assert.ok(saved.length > 0 && readdirSync(savedDir(dbPath)).length > before, `a workbook saved: ${saved}`)
})

test('a review sent weeks ago is overdue: red in the list, on 首页\'s contract card, which opens it', async () => {
  const weeks = new Date()
  weeks.setDate(weeks.getDate() - 40)
  await page.locator('.n-tabs-tab', { hasText: '审查申请' }).click()
  await test$('contract-add').click()
  const form = test$('contract-form')
  await form.waitFor()
  await test$('contract-village').click()
  await option(village).click()
  await test$('contract-type').click()
  await option('工程承包').click()
  await fill('contract-title', `${village}村部围墙维修合同`)
  await fill('contract-submitted-by', '杨丽')
  await fillDate(test$('contract-submitted-on'), iso(weeks))
  await fill('terms-counterparty', '城步县宏达建筑工程有限公司')
  await fill('terms-amount', '8000')
  await test$('contract-save').click()
  await form.waitFor({ state: 'detached' })
  await drawer().waitFor()
  const late = (await test$('contract-number').innerText()).trim()
  await test$('contract-drawer-overdue').getByText(/超期\d+个工作日/).waitFor()
  assert.equal(await test$('contract-major').count(), 0)
  // The village's decision that approved it, from 会议.
  await test$('contract-procedure-edit').click()
  const proc = test$('procedure-dialog')
  await proc.waitFor()
  await test$('procedure-mode-decision').click()
  await test$('procedure-decision').click()
  await page.locator('.n-base-select-option:visible').first().waitFor()
  await shot('procedure')
  await page.locator('.n-base-select-option:visible').first().click()
  await test$('procedure-save').click()
  await proc.waitFor({ state: 'detached' })
  await toast('民主程序依据已保存')
  await test$('contract-procedure-line').getByText(/^依据.+决定：.+（同意\d+票/).waitFor()
  await shot('procedure-set')
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })

  await test$('contracts-filter-overdue').click()
  const row = page.locator(`[data-test="contract-row"][data-number="${late}"]`)
  await row.waitFor()
  await row.locator('[data-test="contract-overdue"]').getByText(/超期\d+个工作日/).waitFor()
  await page.locator(`[data-test="contract-row"][data-number="${number}"]`).waitFor({ state: 'detached' }) // not overdue: signed
  await shot('list-overdue')
  await test$('contracts-filter-overdue').click()
  await page.locator(`[data-test="contract-row"][data-number="${number}"]`).waitFor()
  await shot('list')

  await nav('首页')
  const card = test$('home-contracts')
  await card.waitFor()
  const alert = card.locator(`[data-test="contract-alert"][data-number="${late}"]`)
  await card.locator('[data-test="contract-alert"]').first().waitFor()
  // (The demo's own overdue reviews come too, the longest overdue first: 显示全部 shows every one.)
  if (!(await alert.count())) await test$('home-contracts-more').click()
  await alert.waitFor()
  assert.match(await test$('home-contracts-overdue').innerText(), /^审查超期 [1-9]\d* 件$/)
  assert.equal((await alert.locator('[data-test="contract-alert-kind"]').innerText()).trim(), '审查超期')
  assert.match(await alert.locator('[data-test="contract-alert-left"]').innerText(), /^已过\d+天$/)
  const colour = await alert.locator('[data-test="contract-alert-left"]').evaluate((el) => getComputedStyle(el).color)
  const [r, g, b] = colour.match(/\d+/g).map(Number)
  assert.ok(r > 150 && g < 80 && b < 80, `past is red: ${colour}`)
  await card.scrollIntoViewIfNeeded()
  await shot('home')
  await alert.click()
  await page.waitForURL(/#\/contracts/)
  await drawer().waitFor()
  assert.equal((await test$('contract-number').innerText()).trim(), late)
  await shot('home-opened')
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
})

test('特大 text: the 合同 screen, a request\'s page and 首页\'s card grow with nothing clipped or scrolling sideways', async () => {
  await nav('设置')
  await test$('text-size-xlarge').click()
  const clipped = () => page.evaluate(() => [...document.querySelectorAll('.n-button, [data-test="nav"] a, .n-tabs-tab, .n-tag')]
    .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.trim()))
  const sideways = () => page.evaluate(() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth + 1)
  await nav('首页')
  await test$('home-contracts').locator('[data-test="contract-alert"]').first().waitFor()
  await test$('home-contracts').scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(), [])
  assert.equal(await sideways(), false)
  await shot('xlarge-home')
  await nav('合同')
  await page.locator(`[data-test="contract-row"][data-number="${number}"]`).waitFor()
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(), [])
  assert.equal(await sideways(), false)
  await shot('xlarge-list')
  await page.locator(`[data-test="contract-row"][data-number="${number}"]`).click()
  await drawer().waitFor()
  await tab('reviews')
  await page.waitForTimeout(300)
  assert.deepEqual(await clipped(), [])
  await shot('xlarge-drawer')
  await drawer().locator('.n-drawer-header .n-base-close').click()
  await drawer().waitFor({ state: 'detached' })
  await nav('设置')
  await test$('text-size-standard').click()
})
