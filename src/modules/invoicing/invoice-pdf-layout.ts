import { drawLines, drawTotals } from './pdf-body.ts'
import { createPdf } from './pdf-document.ts'
import type { PrintLocale } from './pdf-format.ts'
import { drawHeader, sellerFooter } from './pdf-header.ts'
import { label } from './pdf-labels.ts'
import { drawTerms } from './pdf-terms.ts'
import { PdfWriter } from './pdf-writer.ts'
import type { PrintableDocument } from './printable.ts'

/**
 * Lays out an invoice or a credit note on A4 pages: header (seller, number, dates, buyer),
 * lines, totals, payment and legal terms; every page ends with the seller's legal line and
 * "<document number> — Page n/N". French, or French with English beside it when `locale` is 'en'.
 */
export async function layoutInvoicePdf(p: PrintableDocument, locale: PrintLocale, opts: { fontDir?: string } = {}): Promise<Buffer> {
  const title = `${label(p.kind === 'invoice' ? 'invoice' : 'creditNote', locale)} ${p.number}`
  const footer = sellerFooter(p.seller, locale)
  const pdf = createPdf(
    { title, author: p.seller.legalName, subject: `${title} — ${p.orderNumber}`, createdAt: p.issuedAt, lang: locale === 'fr' ? 'fr-FR' : 'en-GB' },
    (page, pages) => `${footer}\n${title} — ${label('page', locale)} ${page}/${pages}`,
    opts.fontDir,
  )
  const w = new PdfWriter(pdf)
  drawHeader(w, p, locale)
  drawLines(w, p, locale)
  drawTotals(w, p, locale)
  drawTerms(w, p, locale)
  return pdf.finish()
}
