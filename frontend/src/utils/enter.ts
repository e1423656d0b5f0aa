// enterSubmits returns a keydown handler for a form: Enter in a one-line text field saves it, as a
// form with a submit button would — browsers submit a form of several fields on Enter only when it
// has one. The browser's own submit is stopped, so a one-field form saves once. Enter that picks a
// candidate of the input method (Chinese typing), an option of a select or a day of a date picker is
// left to them, and Enter in a text area makes a new line.
export function enterSubmits(save: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229 || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return
    const el = e.target as HTMLElement | null
    if (!el || el.tagName !== 'INPUT') return
    if (el.closest('.n-base-selection, .n-date-picker, .n-time-picker, .n-auto-complete, .n-input-number')) return
    e.preventDefault()
    save()
  }
}

// escapeCloses returns a keydown handler that closes a form dialog on Escape, except in a field with
// a list or calendar of its own (a name's suggestions, a select, a date picker): there Escape leaves
// the field, which closes its list, and the dialog with what was typed in it stays.
// Either way the Escape goes no further: a drawer under the dialog (an account, a campaign) listens for
// it on the document, and by then the closed dialog no longer covers it, so it would close as well.
export function escapeCloses(close: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.isComposing) return
    e.stopPropagation()
    const el = e.target as HTMLElement | null
    if (el?.closest('.n-base-selection, .n-date-picker, .n-time-picker, .n-auto-complete')) {
      e.preventDefault()
      el.blur()
      // the focus stays in the dialog (the element listening), so that the next Escape closes it
      ;(e.currentTarget as HTMLElement | null)?.focus?.()
      return
    }
    close()
  }
}
