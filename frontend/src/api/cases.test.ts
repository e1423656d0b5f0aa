import { describe, expect, it, vi } from 'vitest'

vi.mock('../../wailsjs/go/app/CaseService', () => ({}))

import { documentOf, type CaseNeeds } from './cases'

const needs = (action: string, document = '', handedDownOnly = false): CaseNeeds =>
  ({ action, level: '', handler: false, days: 0, maxDays: 0, satisfaction: false, note: false, mediation: false, document, handedDownOnly })

describe('documentOf', () => {
  const all = [needs('交办', 'slip'), needs('办结', 'receipt', true), needs('受理')]
  it('names the document a step issues', () => {
    expect(documentOf(all, '交办', null)).toBe('slip')
    expect(documentOf(all, '受理', { handedDown: true })).toBe('')
    expect(documentOf(all, '回访', { handedDown: true })).toBe('')
  })
  it('issues the 办理回执 of 办结 only for a case handed down', () => {
    expect(documentOf(all, '办结', { handedDown: true })).toBe('receipt')
    expect(documentOf(all, '办结', { handedDown: false })).toBe('')
    expect(documentOf(all, '办结', null)).toBe('')
  })
})
