// Measures how fast the screens answer at county scale, in the real app (dev build, the Go backend
// over the county demo database, driven in Chromium): from a click or keystroke to its result on
// screen, timed inside the page. It prints BENCH lines (the median of --runs):
//   ui_grid_county_ms    a click on 网格 (from 首页) until the villages show;
//   ui_search_county_ms  the last key of 「zyl」 in 居民查询 until the first hits show (the search
//                        waits for a pause in the typing first, as officers type);
//   ui_cases_county_ms   a click on 民情 (from 首页, the page loaded afresh so that nothing is kept
//                        from the last visit) until the first page of cases shows;
//   ui_stats_county_ms   the same for 统计, until this year's figures show and its four charts are
//                        drawn;
//   ui_visits_county_ms  the same for 走访督办, until the county's households due and overdue show;
//   ui_stats_whole_county_ms, ui_visits_whole_county_ms: the same two until the tables below the fold
//                        show too (the villages' and handlers' figures, the list of households),
//                        which those screens mount one painted frame after the top;
//   ui_docs_county_ms    the same for 公文, until the drafting form shows;
//   ui_meetings_county_ms, ui_contracts_county_ms: the same for 会议 and 合同, until the first rows
//                        of their lists show.
// The database is copied into a folder of the run's own, so the app's daily backup and window place
// land there.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { launchBrowser, startApp, startXvfb, stopProcess } from './harness.mjs'

const { values } = parseArgs({
  options: { binary: { type: 'string' }, db: { type: 'string' }, runs: { type: 'string', default: '5' } },
})
const runs = Number(values.runs)
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-uibench-'))
const dbPath = path.join(work, 'county.db')
copyFileSync(values.db, dbPath)
const assetDir = path.resolve(import.meta.dirname, '..', 'dist')

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
// untilShown waits, in the page, until selector matches, and returns the ms since window.__t0.
const untilShown = (selector) => async (sel) => {
  while (!document.querySelector(sel)) await new Promise((r) => requestAnimationFrame(r))
  return performance.now() - window.__t0
}

// untilAllShown is untilShown for several selectors at once: the ms until each matched.
const untilAllShown = () => async (sels) => {
  const at = sels.map(() => null)
  while (at.includes(null)) {
    sels.forEach((sel, i) => {
      if (at[i] === null && document.querySelector(sel)) at[i] = performance.now() - window.__t0
    })
    if (at.includes(null)) await new Promise((r) => requestAnimationFrame(r))
  }
  return at
}

const logLines = []
const xvfb = await startXvfb()
const browser = await launchBrowser()
const app = await startApp({ binary: values.binary, display: xvfb.display, dbPath, assetDir, logLines })
let failed = false
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  page.setDefaultTimeout(60000)
  await page.goto(app.url)
  await page.getByText('欢迎使用乡治通').waitFor()
  // The first opening of a day checks the file and backs it up (2.2 GB at county scale, tens of
  // seconds) while the screens answer; the figures are of an office's ordinary use, after it. A file
  // upgraded on opening was backed up before (pre-migrate), and that backup stands for the day's.
  const began = Date.now()
  const backups = path.join(work, 'backups')
  while (!(existsSync(backups) && readdirSync(backups).some((n) => /-(daily|pre-migrate-v\d+)\.db$/.test(n)))) {
    if (Date.now() - began > 300000) throw new Error('the daily backup did not finish in 5 minutes')
    await new Promise((r) => setTimeout(r, 250))
  }
  console.log(`the day's check and backup took ${((Date.now() - began) / 1000).toFixed(1)} s after the first screen`)
  const nav = (name) => page.locator('[data-test="nav"]').getByRole('link', { name, exact: true })

  const grid = []
  for (let i = 0; i <= runs; i++) {
    await nav('首页').click()
    await page.locator('[data-test="home-card"]').waitFor()
    await page.evaluate(() => {
      window.__t0 = performance.now()
      ;[...document.querySelectorAll('[data-test="nav"] a')].find((a) => a.textContent.trim() === '网格').click()
    })
    const ms = await page.evaluate(untilShown(), '[data-test="village-item"]')
    if (i > 0) grid.push(ms) // the first visit loads the screen's code
  }

  await nav('居民查询').click()
  const search = page.locator('[data-test="resident-search"] input')
  const found = []
  for (let i = 0; i <= runs; i++) {
    await search.fill('')
    await page.waitForFunction(() => !document.querySelector('[data-test="resident-row"]'))
    await search.focus()
    await page.keyboard.type('zy')
    await page.evaluate(() => { window.__t0 = performance.now() })
    await page.keyboard.press('l')
    const ms = await page.evaluate(untilShown(), '[data-test="resident-row"]')
    if (i > 0) found.push(ms)
  }
  // A screen opened from a fresh page: nothing of an earlier visit is kept in the window's stores.
  const fresh = async (name, selector, whole) => {
    const times = []
    const wholeTimes = []
    for (let i = 0; i <= runs; i++) {
      await page.goto(app.url)
      await page.locator('[data-test="home-card"]').waitFor()
      await page.waitForTimeout(1000) // an officer's first click comes a moment after the first screen
      await page.evaluate((name) => {
        window.__t0 = performance.now()
        ;[...document.querySelectorAll('[data-test="nav"] a')].find((a) => a.textContent.trim() === name).click()
      }, name)
      const [ms, all] = await page.evaluate(untilAllShown(), [selector, whole ?? selector])
      if (i > 0) {
        times.push(ms)
        wholeTimes.push(all)
      }
    }
    times.whole = wholeTimes
    return times
  }
  const cases = await fresh('民情', '[data-test="case-row"]')
  const stats = await fresh('统计', '[data-test="stats-charts"]:not(:has([data-drawn="false"]))', '[data-test="stats-villages"] tbody tr')
  const visits = await fresh('走访督办', '[data-test="cadence-overdue"]', '[data-test="cadence-lists"] [data-test="overdue-table"] tbody tr')
  const docs = await fresh('公文', '[data-test="doc-editor"]')
  const meetings = await fresh('会议', '[data-test="meetings-table"] tbody tr')
  const contracts = await fresh('合同', '[data-test="contracts-table"] tbody tr')
  console.log(`grid runs (ms): ${grid.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`search runs (ms): ${found.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`cases runs (ms): ${cases.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`stats runs (ms): ${stats.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`visits runs (ms): ${visits.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`docs runs (ms): ${docs.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`meetings runs (ms): ${meetings.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`contracts runs (ms): ${contracts.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`stats runs, to the tables below the charts (ms): ${stats.whole.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`visits runs, to the list of households below (ms): ${visits.whole.map((v) => v.toFixed(0)).join(' ')}`)
  console.log(`BENCH ui_visits_county_ms ${median(visits).toFixed(0)} ms`)
  console.log(`BENCH ui_visits_whole_county_ms ${median(visits.whole).toFixed(0)} ms`)
  console.log(`BENCH ui_stats_whole_county_ms ${median(stats.whole).toFixed(0)} ms`)
  console.log(`BENCH ui_docs_county_ms ${median(docs).toFixed(0)} ms`)
  console.log(`BENCH ui_cases_county_ms ${median(cases).toFixed(0)} ms`)
  console.log(`BENCH ui_stats_county_ms ${median(stats).toFixed(0)} ms`)
  console.log(`BENCH ui_grid_county_ms ${median(grid).toFixed(0)} ms`)
  console.log(`BENCH ui_search_county_ms ${median(found).toFixed(0)} ms`)
  console.log(`BENCH ui_meetings_county_ms ${median(meetings).toFixed(0)} ms`)
  console.log(`BENCH ui_contracts_county_ms ${median(contracts).toFixed(0)} ms`)
} catch (e) {
  failed = true
  console.error(e)
  console.error(logLines.slice(-20).join('\n'))
} finally {
  await browser.close()
  await stopProcess(app.proc)
  await stopProcess(xvfb.proc)
  rmSync(work, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
