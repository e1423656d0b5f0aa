// The frontend's conventions, checked: no Chinese text outside the message file, every message key
// used exists, and the navigation is in the agreed order.
import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import zh from './langs/zh-cn.json'
import { routes } from './router'

const src = path.resolve(import.meta.dirname)

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

// withoutComments drops // and /* */ comments of scripts and <!-- --> comments of templates.
const withoutComments = (s: string) =>
  s.replace(/<!--[\s\S]*?-->/g, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')

const lookup = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], zh)

describe('conventions', () => {
  const files = sources(src)

  it('has no Chinese text in templates or code', () => {
    const offenders = files.flatMap((f) =>
      withoutComments(readFileSync(f, 'utf8')).split('\n')
        .filter((line) => /\p{Script=Han}/u.test(line))
        .map((line) => `${path.relative(src, f)}: ${line.trim()}`),
    )
    expect(offenders).toEqual([])
  })

  it('uses only message keys that exist', () => {
    const missing = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_][\w.]*)'/g)]
        .map((m) => m[1])
        .filter((k) => k.includes('.') && typeof lookup(k) !== 'string')
        .map((k) => `${path.relative(src, f)}: ${k}`),
    )
    expect(missing).toEqual([])
  })

  it('shows the navigation in order, each with a title', () => {
    expect(routes.map((r) => r.name)).toEqual(['home', 'grid', 'residents', 'visits', 'cases', 'meetings', 'contracts', 'points', 'selections', 'stats', 'docs', 'exchange', 'settings'])
    for (const r of routes) expect(typeof lookup(r.meta?.title as string)).toBe('string')
  })
})
