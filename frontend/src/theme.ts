import type { GlobalThemeOverrides } from 'naive-ui'

// A calm government red-and-grey palette, with type large enough to read on a laptop in the field.
export const theme: GlobalThemeOverrides = {
  common: {
    primaryColor: '#b42318',
    primaryColorHover: '#c9372c',
    primaryColorPressed: '#8f1c13',
    primaryColorSuppl: '#c9372c',
    fontSize: '15px',
    fontSizeMedium: '15px',
    fontSizeSmall: '14px',
    fontSizeTiny: '13px', // no text under 13 px at the standard size
  },
  // Empty states (an empty table, nothing found) at WCAG AA contrast: Naive UI's grey is about 1.8:1.
  Empty: { textColor: '#667085' },
}
