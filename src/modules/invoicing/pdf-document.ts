import fs from 'node:fs'
import PDFDocument from 'pdfkit'

/**
 * A pdfkit document with a font that has "€", French accents and œ: DejaVu Sans from Debian's
 * fonts-dejavu-core (CI installs it), embedded as a subset. Without it, the standard Helvetica
 * (WinAnsi encoding, which also has € and French letters) keeps invoices printable.
 */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu'

export type PdfFonts = { regular: string; bold: string; embedded: boolean }

const fontCache = new Map<string, { regular: Buffer; bold: Buffer } | null>()

function loadDejaVu(dir: string): { regular: Buffer; bold: Buffer } | null {
  if (!fontCache.has(dir)) {
    try {
      fontCache.set(dir, { regular: fs.readFileSync(`${dir}/DejaVuSans.ttf`), bold: fs.readFileSync(`${dir}/DejaVuSans-Bold.ttf`) })
    } catch {
      fontCache.set(dir, null)
    }
  }
  return fontCache.get(dir)!
}

export type PdfMeta = { title: string; author: string; subject: string; createdAt: Date; lang: string }

export type Pdf = { doc: PDFKit.PDFDocument; fonts: PdfFonts; finish: () => Promise<Buffer> }

export const PAGE = { width: 595.28, height: 841.89, left: 40, right: 555.28, top: 40, bottom: 780 } as const

/** A new A4 document collecting its bytes; `finish` writes the page footers and ends it. */
export function createPdf(meta: PdfMeta, footer: (page: number, pages: number) => string, fontDir: string = DEJAVU_DIR): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, left: PAGE.left, right: PAGE.width - PAGE.right, bottom: PAGE.height - PAGE.bottom },
    bufferPages: true,
    lang: meta.lang,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Creator: 'Lakou', CreationDate: meta.createdAt },
  })
  const files = loadDejaVu(fontDir)
  let fonts: PdfFonts = { regular: 'Helvetica', bold: 'Helvetica-Bold', embedded: false }
  if (files) {
    doc.registerFont('Body', files.regular)
    doc.registerFont('Body-Bold', files.bold)
    fonts = { regular: 'Body', bold: 'Body-Bold', embedded: true }
  }
  doc.font(fonts.regular)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const finish = async () => {
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      // Below the bottom margin: lift it while writing, or pdfkit would open a new page.
      const margin = doc.page.margins.bottom
      doc.page.margins.bottom = 0
      doc.font(fonts.regular).fontSize(7).fillColor('#555555')
        .text(footer(i + 1, range.count), PAGE.left, PAGE.bottom + 24, { width: PAGE.right - PAGE.left, align: 'center', lineBreak: true })
      doc.page.margins.bottom = margin
    }
    doc.end()
    return ended
  }
  return { doc, fonts, finish }
}
