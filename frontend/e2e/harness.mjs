// Starts what an end-to-end test needs: an Xvfb display, the real Go backend in a window on it,
// and Debian's Chromium driven by playwright-core. Everything is stopped by stop().
import { spawn, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { before, after } from 'node:test'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
]

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

// startXvfb starts a virtual display on a free number and returns it with its process.
export async function startXvfb() {
  for (let n = 90 + Math.floor(Math.random() * 100); n < 400; n++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue
    const proc = spawn('Xvfb', [`:${n}`, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    for (let i = 0; i < 50; i++) {
      await sleep(100)
      if (existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, proc }
      if (proc.exitCode !== null) break
    }
    proc.kill()
  }
  throw new Error('cannot start Xvfb')
}

async function waitForPort(port, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); resolve(true) })
      s.on('error', () => resolve(false))
    })
    if (ok) return
    await sleep(100)
  }
  throw new Error(`nothing listens on port ${port} after ${ms} ms`)
}

// startApp runs the dev build of the desktop app on display with database dbPath, serving its
// frontend on a free port; it resolves when that port answers. What the app would save through the
// system's save dialog goes to savedDir(dbPath) without asking, and its open dialog answers what
// chooseFile said (the dev build only).
export async function startApp({ binary, display, dbPath, assetDir, logLines }) {
  const port = await freePort()
  const proc = spawn(binary, ['-devserver', `127.0.0.1:${port}`, '-assetdir', assetDir, '-loglevel', 'Warning'], {
    // The per-user data folder (the window's place is kept there) beside the test's database.
    env: {
      ...process.env, DISPLAY: display, XIANGZHI_DB: dbPath, GDK_BACKEND: 'x11', XDG_DATA_HOME: path.dirname(dbPath),
      XIANGZHI_E2E_SAVE_DIR: ensureDir(savedDir(dbPath)),
      XIANGZHI_E2E_OPEN_FILE: openChoice(dbPath),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.setEncoding('utf8')
    stream.on('data', (d) => logLines.push(...d.split('\n').filter(Boolean)))
  }
  await waitForPort(port, 30000)
  return { proc, url: `http://127.0.0.1:${port}/` }
}

// savedDir is where the app started on dbPath saves files in the tests.
export const savedDir = (dbPath) => path.join(path.dirname(dbPath), 'saved')

// openChoice is the file in which a test writes what the app's next open dialog answers (the dev
// build reads it once, then removes it); with no such file the dialog answers as if cancelled.
const openChoice = (dbPath) => path.join(path.dirname(dbPath), 'open-next.txt')

// chooseFile makes the next open dialog of the app started on dbPath choose files (a dialog that takes
// one file, the first).
export function chooseFile(dbPath, ...files) {
  writeFileSync(openChoice(dbPath), files.join('\n'))
}

export async function stopProcess(proc) {
  if (!proc || proc.exitCode !== null) return
  proc.kill('SIGTERM')
  for (let i = 0; i < 30 && proc.exitCode === null; i++) await sleep(100)
  if (proc.exitCode === null) proc.kill('SIGKILL')
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, headless: true })
}

// screenshotWindow saves a picture of the whole X display (the real app window) and returns how
// many distinct colours it has, so a blank window can be told apart.
export function screenshotWindow(display, file) {
  execFileSync('import', ['-display', display, '-window', 'root', file])
  return Number(execFileSync('identify', ['-format', '%k', file]).toString().trim())
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true })
  return dir
}

// storyHelpers returns what a story-style e2e file uses on its current page (getPage()): test, a
// node:test test that leaves a picture of the page behind when its step fails; shot, a picture once
// drawers and dialogs have finished sliding in; nav, a click on a navigation entry; and test$, the
// element with a data-test attribute; firstNeighbourhood, the first 邻 of 网格 opened. Pictures are named
// prefix-….png in outDir.
export function storyHelpers(nodeTest, getPage, outDir, prefix) {
  let failures = 0
  const test = (name, fn) => nodeTest(name, async () => {
    try {
      await fn()
    } catch (e) {
      await getPage()?.screenshot({ path: path.join(outDir, `${prefix}-failed-${++failures}.png`) }).catch(() => {})
      throw e
    }
  })
  const shot = async (name) => {
    await getPage().waitForTimeout(500)
    await getPage().screenshot({ path: path.join(outDir, `${prefix}-${name}.png`) })
  }
  const nav = (name) => getPage().locator('[data-test="nav"]').getByRole('link', { name, exact: true }).click()
  const test$ = (id) => getPage().locator(`[data-test="${id}"]`)
  // firstNeighbourhood opens 网格 on the first village and clicks its first 邻, unfolding the tree down to it.
  const firstNeighbourhood = async () => {
    await nav('网格')
    await test$('village-item').first().click()
    const tree = test$('grid-tree')
    await tree.locator('[data-test="tree-node"]').first().waitFor()
    for (let i = 0; i < 10 && !(await tree.locator('[data-level="neighbourhoods"]').count()); i++) {
      await tree.locator('.n-tree-node-switcher:not(.n-tree-node-switcher--expanded):not(.n-tree-node-switcher--hide)').first().click()
    }
    await tree.locator('[data-level="neighbourhoods"]').first().click()
  }
  return { test, shot, nav, test$, firstNeighbourhood }
}

// startStory starts a display, a browser and the app on dbPath, and opens the first screen; stop()
// ends them all and writes the app's output to outDir/logName.
export async function startStory({ binary, dbPath, assetDir, outDir, logName }) {
  const logLines = []
  const xvfb = await startXvfb()
  const browser = await launchBrowser()
  const app = await startApp({ binary, display: xvfb.display, dbPath, assetDir, logLines })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(15000)
  await page.goto(app.url)
  await page.getByText('欢迎使用乡治通').waitFor()
  const stop = async () => {
    await browser.close()
    await stopProcess(app.proc)
    await stopProcess(xvfb.proc)
    writeFileSync(path.join(outDir, logName), logLines.join('\n'))
  }
  return { xvfb, browser, app, page, logLines, stop }
}

// demoStory sets up an e2e file that works on a township's demo data at 1366×768: a work folder, the
// demo database made there by the command line, and the app on it, started before the file's tests
// (ready receives its page) and stopped after them. It returns the story helpers (storyHelpers, its
// pictures named name-….png) with the command line, the database and the work folder.
export function demoStory(nodeTest, name, ready) {
  const root = path.resolve(import.meta.dirname, '..', '..')
  const binary = process.env.XIANGZHI_DEV_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-dev')
  const cli = process.env.XIANGZHI_CLI_BINARY || path.join(root, 'build', 'bin', 'xiangzhi-cli')
  const assetDir = path.join(root, 'frontend', 'dist')
  const outDir = ensureDir(path.join(root, 'test-results', 'e2e'))
  const work = mkdtempSync(path.join(tmpdir(), `xiangzhi-e2e-${name}-`))
  const dbPath = path.join(work, 'xiangzhi.db')
  let page
  let story
  before(async () => {
    if (!existsSync(binary)) throw new Error(`dev build missing: ${binary}`)
    execFileSync(cli, ['demo', '--db', dbPath, '--scale', 'township'], { stdio: 'ignore' })
    story = await startStory({ binary, dbPath, assetDir, outDir, logName: `${name}-app.log` })
    page = story.page
    await page.setViewportSize({ width: 1366, height: 768 })
    ready(page)
  })
  after(async () => {
    await story?.stop()
  })
  // (binary, assetDir and display() let a file start a second app window beside the first.)
  return { ...storyHelpers(nodeTest, () => page, outDir, name), cli, dbPath, work, outDir, binary, assetDir, display: () => story?.xvfb.display }
}
