// How dates, times and sizes are shown to officers; the patterns are in langs/zh-cn.json.
import zh from '../langs/zh-cn.json'

const dayOnly = /^(\d{4})-(\d{2})-(\d{2})$/

// parse reads a Date, an ISO time, or an ISO calendar day (1980-05-12), which is that day here and
// not midnight UTC (which is the day before west of Greenwich).
function parse(value: string | Date): Date | null {
  if (typeof value === 'string') {
    const m = dayOnly.exec(value)
    if (m) return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  }
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

const pad = (n: number) => String(n).padStart(2, '0')

// isoDay gives the calendar day of d on this computer as the backend stores dates: 2026-11-27.
export function isoDay(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

// dayStart gives the instant (UTC ISO) at which a day of this computer begins, days after the given
// one (1: the next day's start, the end of the day); '' when day is not a day.
export function dayStart(day: string, days = 0): string {
  const m = dayOnly.exec(day)
  if (!m) return ''
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString()
}

// daysBetween counts the calendar days from one ISO day to another (negative when to is earlier);
// null when either is not a day.
export function daysBetween(from: string, to: string): number | null {
  const a = dayOnly.exec(from)
  const b = dayOnly.exec(to)
  if (!a || !b) return null
  const utc = (m: RegExpExecArray) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return Math.round((utc(b) - utc(a)) / 86400000)
}

function fill(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
}

// formatDate shows a date as 2026年11月27日 in the office's (this computer's) time zone.
export function formatDate(value: string | Date): string {
  const d = parse(value)
  if (!d) return ''
  return fill(zh.format.date, { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() })
}

// typedDay reads a day as an officer may type it into a date field: 2026-12-05, 2026-12-5,
// 2026.12.5, 2026/12/5, 2026年12月5日 or 20261205, in full-width digits too. It gives the ISO day, or null when the text is
// not one or names no such day (2026-02-30).
export function typedDay(text: string): string | null {
  const t = text.trim().replace(/[\uff0d-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) // full-width －．／０-９
  const m = /^(\d{4})\s*[-./\u5e74]\s*(\d{1,2})\s*[-./\u6708]\s*(\d{1,2})\s*\u65e5?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(y, mo - 1, d)
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null
  return `${m[1]}-${pad(mo)}-${pad(d)}`
}

// typedDayOf reads the day typed into the input an event came from (see typedDay): date pickers read
// typed text only in their display pattern (2026年11月27日), so fields read it themselves.
export function typedDayOf(e: Event): string | null {
  return e.target instanceof HTMLInputElement ? typedDay(e.target.value) : null
}

// ageOn gives the age in whole years on day (ISO) of someone born on birth (ISO); null when either
// is not a day or birth is after day.
export function ageOn(birth: string, day: string = isoDay()): number | null {
  const b = dayOnly.exec(birth)
  const d = dayOnly.exec(day)
  if (!b || !d || birth > day) return null
  const years = Number(d[1]) - Number(b[1])
  return d[2] + d[3] < b[2] + b[3] ? years - 1 : years
}

// formatDateTime shows a time as 2026年11月27日 09:31.
export function formatDateTime(value: string | Date): string {
  const d = parse(value)
  if (!d) return ''
  return fill(zh.format.dateTime, { date: formatDate(d), hh: pad(d.getHours()), mm: pad(d.getMinutes()) })
}

// formatBytes shows a file size in 字节, KB or MB.
export function formatBytes(n: number): string {
  if (n < 1024) return fill(zh.format.bytes, { n })
  if (n < 1024 * 1024) return fill(zh.format.kb, { n: (n / 1024).toFixed(1) })
  return fill(zh.format.mb, { n: (n / 1024 / 1024).toFixed(1) })
}

// IdFacts are what an 18-character ID number says about its holder.
export interface IdFacts {
  birthDate: string // ISO
  sex: 'male' | 'female'
}

// idFacts reads the birth date and sex out of an ID number as typed, to fill in the form before the
// backend checks it (check digit, region); null when it is not 18 characters with a real date.
export function idFacts(id: string): IdFacts | null {
  const s = id.replace(/\s/g, '').toUpperCase()
  if (!/^\d{17}[\dX]$/.test(s)) return null
  const [y, m, d] = [Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))]
  const date = new Date(y, m - 1, d)
  if (y < 1890 || date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null
  return { birthDate: isoDay(date), sex: Number(s[16]) % 2 === 1 ? 'male' : 'female' }
}

// monthAxis names the months of a chart (2026-03): 3月, or 2026年3月 when they span more than one
// year; and gives the axis its short labels: 3月, with the year under each 1月 and under the first
// month (unless that is a 12月, whose year would run into the 1月's next to it).
export function monthAxis(months: string[]): { names: string[]; labels: string[] } {
  const month = (iso: string) => fill(zh.format.month, { m: Number(iso.slice(5, 7)) })
  const year = (iso: string) => fill(zh.format.year, { y: iso.slice(0, 4) })
  const spansYears = new Set(months.map((m) => m.slice(0, 4))).size > 1
  return {
    names: months.map((m) => (spansYears ? year(m) + month(m) : month(m))),
    labels: months.map((m, i) =>
      spansYears && (m.endsWith('-01') || (i === 0 && !m.endsWith('-12'))) ? `${month(m)}\n${year(m)}` : month(m)),
  }
}
