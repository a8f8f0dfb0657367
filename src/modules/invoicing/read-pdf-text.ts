import { createRequire } from 'node:module'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * Test support: the text a person would read in a PDF, page by page, with whitespace collapsed
 * (line breaks and no-break spaces become one space), so tests assert on words, never on
 * compressed bytes. Uses pdfjs-dist (a dev dependency): not for application code.
 */
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

export type PdfText = { pages: string[]; text: string; title: string | null }

export async function readPdfText(pdf: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, standardFontDataUrl }).promise
  try {
    const pages: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent()
      const raw = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('')
      pages.push(raw.replace(/[\s\u00a0\u202f]+/g, ' ').trim())
    }
    const meta = await doc.getMetadata()
    const info = meta.info as { Title?: string }
    return { pages, text: pages.join(' '), title: info.Title ?? null }
  } finally {
    await doc.destroy()
  }
}
