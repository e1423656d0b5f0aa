// Starts the production desktop build under Xvfb and measures the time from process start to the
// first screen showing data (the frontend reports it, the app prints it). With --runs 1 it is the
// smoke test of the production build; with more it prints BENCH cold_start_ms (the median).
// --db FILE starts it on an existing database (e.g. the county demo) instead of a new one, and
// --name NAME names the BENCH line (e.g. cold_start_county_ms). --floor BINARY starts that program (the
// empty window of build/coldfloor) in turn with the app, run for run, and prints the median of the
// app's time less the floor's in the same round as NAME_over_floor: this machine's speed drifts by
// a tenth from one minute to the next, which pairs of runs side by side cancel. --floor-name NAME
// prints the floor's own median under NAME too.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startXvfb, stopProcess, screenshotWindow, ensureDir } from './harness.mjs'

const { values } = parseArgs({
  options: {
    binary: { type: 'string' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string' },
    name: { type: 'string', default: 'cold_start_ms' },
    floor: { type: 'string' },
    'floor-name': { type: 'string' },
  },
})
const runs = Number(values.runs)
const work = mkdtempSync(path.join(tmpdir(), 'xiangzhi-cold-'))
const dbPath = values.db ? path.resolve(values.db) : path.join(work, 'xiangzhi.db')
const outDir = ensureDir(path.resolve(import.meta.dirname, '..', '..', 'test-results', 'smoke'))

// startOnce runs binary with args until it reports its first screen and returns the milliseconds it
// took, its output, and stop() to end it.
function startOnce(display, binary = values.binary, args = ['--db', dbPath]) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const proc = spawn(binary, args, {
      // (the per-user data folder, where the window's place is kept, in the run's own folder)
      env: { ...process.env, DISPLAY: display, GDK_BACKEND: 'x11', XDG_DATA_HOME: work },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`${path.basename(binary)}: no first screen after 30 s; output:\n${out}`))
    }, 30000)
    const onData = (d) => {
      out += d
      if (out.includes('first screen shown')) {
        clearTimeout(timer)
        const stop = () => {
          proc.removeAllListeners('exit')
          return stopProcess(proc)
        }
        resolve({ ms: performance.now() - t0, out, stop })
      }
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', (d) => (out += d))
    proc.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${path.basename(binary)} exited (${code}) before its first screen; output:\n${out}`))
    })
  })
}

const xvfb = await startXvfb()
let failed = 0
try {
  const times = []
  const floorTimes = []
  const overFloor = []
  for (let i = 0; i <= runs; i++) {
    let floorMs = null
    if (values.floor) {
      const f = await startOnce(xvfb.display, values.floor, [])
      await f.stop()
      floorMs = f.ms
    }
    const { ms, out, stop } = await startOnce(xvfb.display)
    if (runs === 1 && i === 1) {
      await new Promise((r) => setTimeout(r, 1000))
      const colours = screenshotWindow(xvfb.display, path.join(outDir, 'production-window.png'))
      if (colours <= 50) {
        failed++
        console.error(`the production window looks blank (${colours} colours)`)
      }
      console.log(out.trim())
    }
    await stop()
    if (i > 0) { // the first run creates the database (or reads it into the cache) and is not counted
      times.push(ms)
      if (floorMs !== null) {
        floorTimes.push(floorMs)
        overFloor.push(ms - floorMs)
      }
    }
  }
  const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const median = medianOf(times)
  if (runs === 1) {
    console.log(`smoke: production build showed its first screen in ${median.toFixed(0)} ms`)
    console.log(`${1 - failed} passed, ${failed} failed`)
  } else {
    console.log(`runs (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`)
    console.log(`BENCH ${values.name} ${median.toFixed(0)} ms`)
    if (values.floor) {
      console.log(`floor runs (ms): ${floorTimes.map((t) => t.toFixed(0)).join(' ')}`)
      if (values['floor-name']) console.log(`BENCH ${values['floor-name']} ${medianOf(floorTimes).toFixed(0)} ms`)
      console.log(`BENCH ${values.name.replace(/_ms$/, '')}_over_floor_ms ${medianOf(overFloor).toFixed(0)} ms`)
    }
  }
} catch (e) {
  failed++
  console.error(e.message)
  if (runs === 1) console.log('0 passed, 1 failed')
} finally {
  await stopProcess(xvfb.proc)
}
process.exit(failed ? 1 : 0)
