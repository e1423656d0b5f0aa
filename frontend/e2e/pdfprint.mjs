// Times an already-running headless Chromium printing a page to PDF (make bench, through
// backend/docs's BenchmarkPDFNoticeVsChromiumWarm): the page is loaded once, then printed runs
// times with page.pdf() (print only), and reloaded and printed runs times; it prints the medians
// in milliseconds as JSON. Usage: node e2e/pdfprint.mjs --page FILE.html --out FILE.pdf [--runs 10]
import { chromium } from 'playwright-core'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { page: { type: 'string' }, out: { type: 'string' }, runs: { type: 'string', default: '10' } } })
if (!values.page || !values.out) {
  console.error('usage: node e2e/pdfprint.mjs --page FILE.html --out FILE.pdf [--runs 10]')
  process.exit(2)
}
const runs = Number(values.runs)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const options = { format: 'A4', printBackground: true, preferCSSPageSize: true }

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage()
  await page.goto('file://' + values.page, { waitUntil: 'load' })
  await page.evaluate(() => document.fonts.ready)
  await page.pdf(options) // a first print, not timed: Chromium loads its printing code once
  const print = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const pdf = await page.pdf(options)
    print.push(performance.now() - start)
    if (i === 0) writeFileSync(values.out, pdf)
  }
  const reload = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await page.reload({ waitUntil: 'load' })
    await page.evaluate(() => document.fonts.ready)
    await page.pdf(options)
    reload.push(performance.now() - start)
  }
  console.log(JSON.stringify({ printMs: median(print), reloadPrintMs: median(reload), runs }))
} finally {
  await browser.close()
}
