import type { CompanyProfile } from './company-profile.ts'
import type { InvoiceDraft, PostalAddress, RatePart } from './invoice-draft.ts'
import type { CreditNoteView, InvoiceView } from './types.ts'

/**
 * What the PDF prints, the same shape for an invoice and a credit note, built only from the
 * issued snapshot (never from live data), so a document printed twice is the same document.
 */
export type PrintableLine = { sku: string; description: string; quantity: number; unitNet: number; net: number; vatRateBp: number; excise: number | null; css: number | null }

export type PrintableDocument = {
  kind: 'invoice' | 'credit_note'
  number: string
  issuedAt: Date
  supplyDate: string
  orderNumber: string
  seller: CompanyProfile
  buyer: InvoiceDraft['buyer']
  deliveryAddress: PostalAddress | null
  lines: PrintableLine[]
  shipping: { description: string; parts: RatePart[] } | null
  discount: InvoiceDraft['discount']
  vatByRate: RatePart[]
  totalNet: number
  totalVat: number
  totalGross: number
  mentions: string[]
  payment: InvoiceDraft['payment'] | null
  /** credit notes: the invoice corrected, and whether this note cancels what was left of it */
  corrects: { number: string; issuedAt: Date; cancels: boolean } | null
  reason: string | null
}

export function printableInvoice(inv: InvoiceView): PrintableDocument {
  const d = inv.draft
  return {
    kind: 'invoice',
    number: inv.number,
    issuedAt: inv.issuedAt,
    supplyDate: d.supplyDate,
    orderNumber: d.orderNumber,
    seller: inv.seller,
    buyer: d.buyer,
    deliveryAddress: d.deliveryAddress,
    lines: d.lines.map((l) => ({ sku: l.sku, description: l.description, quantity: l.quantity, unitNet: l.unitNet, net: l.net, vatRateBp: l.vatRateBp, excise: l.excise ?? null, css: l.css ?? null })),
    shipping: d.shipping,
    discount: d.discount,
    vatByRate: d.vatByRate,
    totalNet: d.totalNet,
    totalVat: d.totalVat,
    totalGross: d.totalGross,
    mentions: d.mentions,
    payment: d.payment,
    corrects: null,
    reason: null,
  }
}

export function printableCreditNote(note: CreditNoteView): PrintableDocument {
  const c = note.content
  return {
    kind: 'credit_note',
    number: note.number,
    issuedAt: note.issuedAt,
    supplyDate: c.invoice.supplyDate,
    orderNumber: c.invoice.orderNumber,
    seller: c.seller,
    buyer: c.buyer,
    deliveryAddress: null,
    lines: c.lines,
    shipping: c.shipping,
    discount: null,
    vatByRate: c.vatByRate,
    totalNet: c.totalNet,
    totalVat: c.totalVat,
    totalGross: c.totalGross,
    mentions: c.mentions,
    payment: null,
    corrects: { number: c.invoice.number, issuedAt: c.invoice.issuedAt, cancels: c.cancelsInvoice },
    reason: c.reason,
  }
}
