import { afterEach, describe, expect, it, vi } from 'vitest'
import { scrollToFirstError } from './firstError'

// After a refused save, the first field error of the form in front is scrolled into view.
describe('scrollToFirstError', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })
  const item = (id: string, error: boolean) =>
    `<div class="n-form-item" id="${id}"><input>${error ? '<div class="n-form-item-feedback n-form-item-feedback--error">不能为空</div>' : ''}</div>`

  it('scrolls to the first error of the dialog on top, not of the page beneath', () => {
    document.body.innerHTML = `<form>${item('page', true)}</form><div class="n-modal">${item('ok', false)}${item('first', true)}${item('second', true)}</div>`
    const scrolled: string[] = []
    const spy = vi.fn(function (this: Element) { scrolled.push(this.id) })
    Element.prototype.scrollIntoView = spy
    scrollToFirstError()
    expect(scrolled).toEqual(['first'])
  })

  it('scrolls on the page when no dialog is open, and does nothing without an error', () => {
    document.body.innerHTML = `<form>${item('a', false)}${item('b', true)}</form>`
    const scrolled: string[] = []
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) { scrolled.push(this.id) })
    scrollToFirstError()
    document.body.innerHTML = `<form>${item('a', false)}</form>`
    scrollToFirstError()
    expect(scrolled).toEqual(['b'])
  })
})
