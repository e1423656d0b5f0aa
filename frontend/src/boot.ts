import type { OpeningState } from './api/app'

// The window is drawn once the database has opened (main.ts). Opening an older file upgrades it
// first, which takes most of a minute for a county's file: rather than stay blank, the window asks
// what the opening is doing, every half second until it has ended, and shows it while it upgrades.
export function watchOpening(
  started: Promise<unknown>,
  ask: () => Promise<OpeningState>,
  show: (s: OpeningState) => void,
  everyMs = 500,
): void {
  let ended = false
  const end = () => {
    ended = true
  }
  started.then(end, end)
  const look = async () => {
    if (ended) return
    try {
      const s = await ask()
      if (!ended && s.upgrading) show(s)
    } catch {
      // (the startup status says what went wrong)
    }
    if (!ended) setTimeout(look, everyMs)
  }
  setTimeout(look, everyMs)
}

// bootNotice shows lines of text in the middle of the still empty window, in place of what it showed
// before; hideBootNotice removes it.
export function bootNotice(lines: string[]): void {
  let el = document.getElementById('boot-notice')
  if (!el) {
    el = document.createElement('div')
    el.id = 'boot-notice'
    el.setAttribute('data-test', 'boot-notice')
    el.style.cssText = 'padding-top:32vh;text-align:center;font-size:16px;line-height:2;color:#333;font-family:sans-serif'
    document.body.prepend(el)
  }
  el.replaceChildren(...lines.map((l) => Object.assign(document.createElement('div'), { textContent: l })))
}

export function hideBootNotice(): void {
  document.getElementById('boot-notice')?.remove()
}
