import type { CompanyProfile } from './company-profile.ts'
import { PAGE } from './pdf-document.ts'
import { addressLines, printCalendarDate, printInstantDate, printMoney, printSiren, sameAddress, type PrintLocale } from './pdf-format.ts'
import { label, type LabelKey } from './pdf-labels.ts'
import type { PdfWriter } from './pdf-writer.ts'
import type { PrintableDocument } from './printable.ts'

/**
 * The top of an invoice (CGI 242 nonies A, C. com. R123-237): the seller's identity (name, legal
 * form and capital, address, SIREN and registry, VAT number), the document's number and dates,
 * the buyer (with SIREN and VAT number for a business), the delivery address when it differs,
 * and the nature of the operation (mandatory from the e-invoicing start, DOMAIN §4.2).
 */
export function keyValue(key: LabelKey, value: string, locale: PrintLocale): string {
  return `${label(key, locale)}${locale === 'fr' ? ' :' : ':'} ${value}`
}

function capitalLine(s: CompanyProfile, locale: PrintLocale): string {
  return s.shareCapitalCents === null ? s.legalForm : `${s.legalForm} ${label('shareCapital', locale)} ${printMoney(s.shareCapitalCents, locale)}`
}

function registryLine(s: CompanyProfile): string {
  return `SIREN ${printSiren(s.siren)}${s.rcsCity ? ` — RCS ${s.rcsCity}` : ''}`
}

/** The legal line repeated at the foot of every page. */
export function sellerFooter(s: CompanyProfile, locale: PrintLocale): string {
  const address = addressLines(s.address, locale).join(', ')
  return [s.legalName, capitalLine(s, locale), registryLine(s), s.vatNumber ? `TVA ${s.vatNumber}` : null, address, s.email].filter(Boolean).join(' — ')
}

export function drawHeader(w: PdfWriter, p: PrintableDocument, locale: PrintLocale): void {
  const s = p.seller
  const sellerBottom = w.column([
    { text: s.legalName, style: { size: 13, bold: true } },
    ...(s.tradeName && s.tradeName !== s.legalName ? [{ text: s.tradeName, style: { size: 8 } }] : []),
    { text: capitalLine(s, locale), style: { size: 8 } },
    ...addressLines(s.address, locale).map((text) => ({ text, style: { size: 8 } })),
    { text: registryLine(s), style: { size: 8 } },
    ...(s.vatNumber ? [{ text: keyValue('vatNumber', s.vatNumber, locale), style: { size: 8 } }] : []),
    { text: s.email, style: { size: 8 } },
  ], PAGE.left, w.y, 270)

  const title = `${label(p.kind === 'invoice' ? 'invoice' : 'creditNote', locale)} ${label('number', locale)} ${p.number}`
  const titleBottom = w.column([
    { text: title, style: { size: 14, bold: true, align: 'right' } },
    { text: keyValue('issueDate', printInstantDate(p.issuedAt, s.timeZone, locale), locale), style: { size: 9, align: 'right' } },
    { text: keyValue('supplyDate', printCalendarDate(p.supplyDate, locale), locale), style: { size: 9, align: 'right' } },
    { text: keyValue('order', p.orderNumber, locale), style: { size: 9, align: 'right' } },
  ], 320, w.y, PAGE.right - 320)
  w.y = Math.max(sellerBottom, titleBottom) + 16

  const b = p.buyer
  const half = (PAGE.right - PAGE.left - 20) / 2
  const buyerBottom = w.column([
    { text: label('billTo', locale), style: { size: 7.5, bold: true, color: '#555555' } },
    { text: b.name, style: { size: 10, bold: true } },
    ...addressLines(b.address, locale).map((text) => ({ text })),
    ...(b.siren ? [{ text: `SIREN ${printSiren(b.siren)}` }] : []),
    ...(b.vatNumber ? [{ text: keyValue('vatNumber', b.vatNumber, locale) }] : []),
  ], PAGE.left, w.y, half)
  let deliveryBottom = w.y
  if (p.deliveryAddress && !sameAddress(p.deliveryAddress, b.address)) {
    deliveryBottom = w.column([
      { text: label('deliverTo', locale), style: { size: 7.5, bold: true, color: '#555555' } },
      ...addressLines(p.deliveryAddress, locale).map((text) => ({ text })),
    ], PAGE.left + half + 20, w.y, half)
  }
  w.y = Math.max(buyerBottom, deliveryBottom) + 12

  w.paragraph(label('nature', locale), { bold: true })
  if (p.corrects) {
    const date = printInstantDate(p.corrects.issuedAt, s.timeZone, locale)
    w.paragraph(`${label(p.corrects.cancels ? 'cancels' : 'corrects', locale)} ${p.corrects.number} ${label('of', locale)} ${date}`, { bold: true })
  }
  if (p.reason) w.paragraph(keyValue('reason', p.reason, locale))
  w.y += 6
}
