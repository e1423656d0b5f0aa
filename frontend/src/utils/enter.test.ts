import { describe, expect, it, vi } from 'vitest'
import { enterSubmits } from './enter'

function press(target: HTMLElement, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(e)
  return e
}

describe('Enter in a form', () => {
  const form = document.createElement('form')
  form.innerHTML = `<input id="name"><textarea id="notes"></textarea>
    <div class="n-base-selection"><input id="select"></div><div class="n-date-picker"><input id="day"></div>`
  document.body.append(form)
  const save = vi.fn()
  form.addEventListener('keydown', enterSubmits(save))
  const $ = (id: string) => form.querySelector<HTMLElement>(`#${id}`)!

  it('saves from a text field, once, and stops the browser\'s own submit', () => {
    const e = press($('name'))
    expect(save).toHaveBeenCalledOnce()
    expect(e.defaultPrevented).toBe(true)
  })

  it('leaves Enter to text areas, selects, date pickers and the input method', () => {
    save.mockClear()
    for (const id of ['notes', 'select', 'day']) expect(press($(id)).defaultPrevented).toBe(false)
    press($('name'), { isComposing: true })
    press($('name'), { shiftKey: true })
    press($('name'), { key: 'a' })
    expect(save).not.toHaveBeenCalled()
  })
})
