import { describe, expect, it, vi } from 'vitest'
import { enterSubmits, escapeCloses } from './enter'

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

// Escape in a name's suggestions closed the whole 指派 dialog and lost the note typed in it.
describe('Escape in a form dialog', () => {
  const form = document.createElement('div')
  form.innerHTML = `<input id="plain"><textarea id="note"></textarea>
    <div class="n-auto-complete"><input id="handler"></div><div class="n-base-selection"><input id="pick"></div>`
  form.tabIndex = -1 // as FormDialog's card: the focus can stay on it
  document.body.append(form)
  const close = vi.fn()
  form.addEventListener('keydown', escapeCloses(close))
  const $ = (id: string) => form.querySelector<HTMLElement>(`#${id}`)!

  it('leaves a field with suggestions or a list, which closes them, and keeps the dialog', () => {
    for (const id of ['handler', 'pick']) {
      $(id).focus()
      expect(press($(id), { key: 'Escape' }).defaultPrevented).toBe(true)
      expect(document.activeElement).not.toBe($(id))
      // the focus stays in the dialog, where the next Escape closes it
      expect(document.activeElement).toBe(form)
    }
    expect(close).not.toHaveBeenCalled()
  })

  it('closes the dialog from any other field', () => {
    press($('note'), { key: 'Escape' })
    press($('plain'), { key: 'Escape' })
    press($('plain'), { key: 'Enter' })
    expect(close).toHaveBeenCalledTimes(2)
  })

  it('keeps the Escape from the document, where a drawer under the dialog would close on it', () => {
    const drawer = vi.fn()
    document.addEventListener('keydown', drawer)
    press($('plain'), { key: 'Escape' })
    press($('pick'), { key: 'Escape' })
    document.removeEventListener('keydown', drawer)
    expect(drawer).not.toHaveBeenCalled()
  })
})
