import { describe, expect, it } from 'vitest'
import { formatBytes, formatDate, formatDateTime } from './format'

describe('format', () => {
  it('shows dates the way officers write them', () => {
    expect(formatDate(new Date(2026, 10, 27, 9, 5))).toBe('2026年11月27日')
    expect(formatDate(new Date(2026, 0, 3))).toBe('2026年1月3日')
    expect(formatDateTime(new Date(2026, 10, 27, 9, 5))).toBe('2026年11月27日 09:05')
  })

  it('shows nothing for a bad date', () => {
    expect(formatDate('not a date')).toBe('')
  })

  it('shows sizes', () => {
    expect(formatBytes(512)).toBe('512 字节')
    expect(formatBytes(40960)).toBe('40.0 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})
