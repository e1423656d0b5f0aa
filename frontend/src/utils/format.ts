// How dates, times and sizes are shown to officers; the patterns are in langs/zh-cn.json.
import zh from '../langs/zh-cn.json'

function parse(value: string | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

const pad = (n: number) => String(n).padStart(2, '0')

function fill(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
}

// formatDate shows a date as 2026年11月27日 in the office's (this computer's) time zone.
export function formatDate(value: string | Date): string {
  const d = parse(value)
  if (!d) return ''
  return fill(zh.format.date, { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() })
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
