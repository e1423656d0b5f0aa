// Printing through the system's print dialog: the pages as images at print resolution in a
// container that only shows when printing, one page per sheet, with the sheet's orientation set
// for the document.
import { ref } from 'vue'

// MAX_PRINT_PAGES is the most pages printed from the window; longer documents are saved as PDF and
// printed from a PDF reader (thousands of page images would not fit in memory).
export const MAX_PRINT_PAGES = 200

// printing is the id of the preview whose pages are being printed; only its container prints.
export const printing = ref('')

let next = 0
export const previewId = () => `doc-preview-${++next}`

const STYLE_ID = 'doc-print-page'

// setPageStyle sets the sheet for the next print: A4, no margin (the PDF has its own), portrait or
// landscape.
export function setPageStyle(landscape: boolean) {
  let el = document.getElementById(STYLE_ID)
  if (!el) {
    el = document.createElement('style')
    el.id = STYLE_ID
    document.head.appendChild(el)
  }
  el.textContent = `@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 0 }`
}
