import { describe, expect, it } from 'vitest'
import { ageOn, daysBetween, formatBytes, formatDate, formatDateTime, idFacts, isoDay, monthAxis, typedDay } from './format'

describe('format', () => {
  it('counts an age in whole years, the birthday itself included', () => {
    expect(ageOn('1980-05-12', '2026-05-11')).toBe(45)
    expect(ageOn('1980-05-12', '2026-05-12')).toBe(46)
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
    expect(ageOn('2026-12-01', '2026-11-27')).toBeNull()
    expect(ageOn('', '2026-11-27')).toBeNull()
  })

  it('shows dates the way officers write them', () => {
    expect(formatDate(new Date(2026, 10, 27, 9, 5))).toBe('2026年11月27日')
    expect(formatDate(new Date(2026, 0, 3))).toBe('2026年1月3日')
    expect(formatDateTime(new Date(2026, 10, 27, 9, 5))).toBe('2026年11月27日 09:05')
  })

  it('shows a stored calendar day as that day, whatever the time zone', () => {
    expect(formatDate('1980-05-12')).toBe('1980年5月12日')
    expect(formatDate('2026-01-01')).toBe('2026年1月1日')
  })

  it('gives the calendar day the backend stores', () => {
    expect(isoDay(new Date(2026, 10, 7, 23, 59))).toBe('2026-11-07')
  })

  it('reads birth date and sex out of an ID number', () => {
    expect(idFacts('43052919800512123X')).toEqual({ birthDate: '1980-05-12', sex: 'male' })
    expect(idFacts(' 430529 19800512 1221 ')).toEqual({ birthDate: '1980-05-12', sex: 'female' })
    expect(idFacts('430529198002301234')).toBeNull()
    expect(idFacts('4305291980051212')).toBeNull()
  })

  it('shows nothing for a bad date', () => {
    expect(formatDate('not a date')).toBe('')
  })

  it('counts the days between two calendar days, across months and the spring clock change', () => {
    expect(daysBetween('2026-11-27', '2026-12-31')).toBe(34)
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30)
    expect(daysBetween('2026-12-31', '2026-12-31')).toBe(0)
    expect(daysBetween('2026-12-31', '2026-11-30')).toBe(-31)
    expect(daysBetween('', '2026-11-30')).toBeNull()
  })

  it('shows sizes', () => {
    expect(formatBytes(512)).toBe('512 字节')
    expect(formatBytes(40960)).toBe('40.0 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})

describe('monthAxis', () => {
  it('names months by themselves within one year', () => {
    expect(monthAxis(['2026-03', '2026-04'])).toEqual({ names: ['3月', '4月'], labels: ['3月', '4月'] })
  })

  it('gives the year under each 1月 and the first month when the months span years', () => {
    const a = monthAxis(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(a.names).toEqual(['2025年11月', '2025年12月', '2026年1月', '2026年2月'])
    expect(a.labels).toEqual(['11月\n2025年', '12月', '1月\n2026年', '2月'])
  })

  it('leaves the year off a first 12月, which a 1月 follows', () => {
    expect(monthAxis(['2025-12', '2026-01']).labels).toEqual(['12月', '1月\n2026年'])
  })
})

describe('typedDay', () => {
  it('reads a day as typed, in full-width digits too', () => {
    for (const [text, want] of [
      ['2026-12-05', '2026-12-05'], ['2026-12-5', '2026-12-05'], [' 2026.1.5 ', '2026-01-05'], ['2026/01/05', '2026-01-05'],
      ['2026年1月5日', '2026-01-05'], ['2026年01月05日', '2026-01-05'], ['2026 年 1 月 5 日', '2026-01-05'], ['20260105', '2026-01-05'],
      ['２０２６－１－５', '2026-01-05'], ['2024-02-29', '2024-02-29'],
    ]) expect(typedDay(text), text).toBe(want)
  })
  it('refuses what names no day', () => {
    for (const text of ['', '2026', '2026-13-01', '2026-02-29', '2026-02-30', '26-1-5', '2026-1', '202601051', 'abc', '2026-01-05 10:00'])
      expect(typedDay(text), text).toBeNull()
  })
})
