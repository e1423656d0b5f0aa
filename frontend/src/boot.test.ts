import { afterEach, describe, expect, it, vi } from 'vitest'
import { bootNotice, hideBootNotice, watchOpening } from './boot'
import type { OpeningState } from './api/app'

describe('watchOpening', () => {
  afterEach(() => vi.useRealTimers())

  it('shows the upgrade while the opening lasts, and asks no more once it has ended', async () => {
    vi.useFakeTimers()
    let end!: () => void
    const started = new Promise<void>((r) => (end = r))
    const answers: OpeningState[] = [
      { upgrading: false, from: 0, to: 0 },
      { upgrading: true, from: 35, to: 36 },
      { upgrading: true, from: 35, to: 36 },
    ]
    const ask = vi.fn(async () => answers.shift() ?? { upgrading: false, from: 0, to: 0 })
    const shown: OpeningState[] = []
    watchOpening(started, ask, (s) => shown.push(s), 500)
    expect(ask).not.toHaveBeenCalled() // not for an opening that ends within the first moment
    await vi.advanceTimersByTimeAsync(1600)
    expect(ask).toHaveBeenCalledTimes(3)
    expect(shown).toEqual([{ upgrading: true, from: 35, to: 36 }, { upgrading: true, from: 35, to: 36 }])
    end()
    await vi.advanceTimersByTimeAsync(5000)
    expect(ask).toHaveBeenCalledTimes(3)
  })

  it('goes on asking when a call fails', async () => {
    vi.useFakeTimers()
    const ask = vi.fn().mockRejectedValueOnce(new Error('busy')).mockResolvedValue({ upgrading: true, from: 4, to: 36 })
    const shown = vi.fn()
    watchOpening(new Promise(() => {}), ask, shown, 500)
    await vi.advanceTimersByTimeAsync(1100)
    expect(shown).toHaveBeenCalledWith({ upgrading: true, from: 4, to: 36 })
  })
})

describe('bootNotice', () => {
  it('shows its lines once, replaces them, and goes', () => {
    bootNotice(['正在升级', '请稍候'])
    bootNotice(['正在升级数据库', '请不要关闭窗口'])
    const el = document.querySelectorAll('[data-test="boot-notice"]')
    expect(el).toHaveLength(1)
    expect(el[0].textContent).toBe('正在升级数据库请不要关闭窗口')
    hideBootNotice()
    expect(document.querySelector('[data-test="boot-notice"]')).toBeNull()
  })
})
