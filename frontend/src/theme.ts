import type { GlobalThemeOverrides } from 'naive-ui'

// A calm government red-and-grey palette, with type large enough to read on a laptop in the field,
// at scale times the standard size (the text size chosen in 设置): the fonts and the controls that
// hold them grow together.
export function themeFor(scale = 1): GlobalThemeOverrides {
  const px = (n: number) => `${Math.round(n * scale)}px`
  return {
    common: {
      primaryColor: '#b42318',
      primaryColorHover: '#c9372c',
      primaryColorPressed: '#8f1c13',
      primaryColorSuppl: '#c9372c',
      fontSize: px(15),
      fontSizeMedium: px(15),
      fontSizeLarge: px(16),
      fontSizeHuge: px(17),
      fontSizeSmall: px(14),
      fontSizeTiny: px(13), // no text under 13 px at the standard size
      fontSizeMini: px(13),
      heightTiny: px(22),
      heightSmall: px(28),
      heightMedium: px(34),
      heightLarge: px(40),
      heightHuge: px(46),
    },
    // Empty states (an empty table, nothing found) at WCAG AA contrast: Naive UI's grey is about 1.8:1.
    Empty: { textColor: '#667085' },
    // The components used here whose sizes Naive UI fixes in px rather than takes from common.
    Card: { titleFontSizeSmall: px(16), titleFontSizeMedium: px(18), titleFontSizeLarge: px(18), titleFontSizeHuge: px(18) },
    Dialog: { titleFontSize: px(18) },
    Drawer: { titleFontSize: px(18) },
    Form: {
      feedbackFontSizeSmall: px(13), feedbackFontSizeMedium: px(14), feedbackFontSizeLarge: px(14),
      labelFontSizeLeftSmall: px(14), labelFontSizeLeftMedium: px(14), labelFontSizeLeftLarge: px(15),
      labelFontSizeTopSmall: px(13), labelFontSizeTopMedium: px(14), labelFontSizeTopLarge: px(14),
    },
    Result: { titleFontSizeSmall: px(26), titleFontSizeMedium: px(32), titleFontSizeLarge: px(40), titleFontSizeHuge: px(48) },
    Statistic: { valueFontSize: px(24) },
    Steps: { stepHeaderFontSizeSmall: px(14), stepHeaderFontSizeMedium: px(16), indicatorIndexFontSizeSmall: px(14), indicatorIndexFontSizeMedium: px(16) },
    Tabs: { tabFontSizeSmall: px(14), tabFontSizeMedium: px(14), tabFontSizeLarge: px(16) },
    Timeline: { titleFontSizeMedium: px(14), titleFontSizeLarge: px(16) },
  }
}
