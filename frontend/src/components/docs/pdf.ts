// Drawing the backend's PDFs in the window with pdf.js: pages onto canvases for the preview, and
// onto images at print resolution for the system's print dialog.
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { base64ToBytes } from '../../api/docs'

GlobalWorkerOptions.workerSrc = workerUrl

export type { PDFDocumentProxy }

// PRINT_DPI is the resolution pages are printed at: sharp text at a size the window can hold.
export const PRINT_DPI = 200

// openPdf reads a PDF given in base64.
export function openPdf(base64: string): Promise<PDFDocumentProxy> {
  return getDocument({ data: base64ToBytes(base64), isEvalSupported: false }).promise
}

// pageSize is a page's size in points (595 × 842 for portrait A4).
export async function pageSize(pdf: PDFDocumentProxy, n: number): Promise<{ width: number; height: number }> {
  const vp = (await pdf.getPage(n)).getViewport({ scale: 1 })
  return { width: vp.width, height: vp.height }
}

// drawPage draws page n (from 1) onto canvas at cssWidth pixels wide, with as many device pixels as
// the screen has (devicePixelRatio), so text stays crisp. The returned task can be cancelled.
export async function drawPage(pdf: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<RenderTask> {
  const page = await pdf.getPage(n)
  const base = page.getViewport({ scale: 1 })
  const dpr = window.devicePixelRatio || 1
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * dpr })
  canvas.width = Math.floor(viewport.width)
  canvas.height = Math.floor(viewport.height)
  canvas.style.width = `${cssWidth}px`
  canvas.style.height = `${Math.floor(viewport.height / dpr)}px`
  return page.render({ canvas, viewport })
}

// pageImage draws page n at dpi for printing and returns it as a PNG object URL (revoke it when done).
export async function pageImage(pdf: PDFDocumentProxy, n: number, dpi = PRINT_DPI): Promise<string> {
  const page = await pdf.getPage(n)
  const viewport = page.getViewport({ scale: dpi / 72 })
  const canvas = document.createElement('canvas')
  canvas.width = Math.floor(viewport.width)
  canvas.height = Math.floor(viewport.height)
  await page.render({ canvas, viewport, intent: 'print' }).promise
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  canvas.width = canvas.height = 0
  if (!blob) throw new Error('canvas.toBlob')
  return URL.createObjectURL(blob)
}
