import { z } from 'zod'
import { CompanyProfile } from './company-profile.ts'
import { CalendarDate, InvoiceBuyer, InvoiceDraftSchema, type InvoiceDraft } from './invoice-draft.ts'

/**
 * What an issued document keeps, exactly as printed: the draft (or the credited amounts) and
 * the seller's profile of that day. Versioned so a later shape can still read old invoices.
 */
export const InvoiceSnapshot = z.object({ version: z.literal(1), draft: InvoiceDraftSchema, seller: CompanyProfile })
export type InvoiceSnapshot = z.infer<typeof InvoiceSnapshot>

const signed = z.number().int()
const SignedRatePart = z.object({ rateBp: z.number().int().min(0), net: signed, vat: signed })

export const CreditNoteSnapshot = z.object({
  version: z.literal(1),
  invoice: z.object({ id: z.string(), number: z.string(), issuedAt: z.coerce.date(), supplyDate: CalendarDate, orderNumber: z.string() }),
  reason: z.string().min(1),
  /** nothing was left to credit after this note: it cancels the invoice */
  cancelsInvoice: z.boolean(),
  locale: z.enum(['fr', 'en']),
  currency: z.literal('EUR'),
  buyer: InvoiceBuyer,
  seller: CompanyProfile,
  lines: z.array(z.object({
    invoiceLine: z.number().int().min(0),
    sku: z.string(),
    description: z.string(),
    quantity: z.number().int().min(1),
    unitNet: signed,
    net: signed,
    vatRateBp: z.number().int().min(0),
    vat: signed,
    gross: signed,
    excise: signed.nullable(),
    css: signed.nullable(),
  })),
  shipping: z.object({ description: z.string(), net: signed, vat: signed, gross: signed, parts: z.array(SignedRatePart) }).nullable(),
  vatByRate: z.array(SignedRatePart),
  totalNet: signed,
  totalVat: signed,
  totalGross: signed,
  mentions: z.array(z.string()),
})
export type CreditNoteSnapshot = z.infer<typeof CreditNoteSnapshot>

/** An issued invoice: its number, totals and the draft it was issued from. */
export type InvoiceView = {
  id: string
  number: string
  orderId: string
  orderNumber: string
  issuedAt: Date
  currency: 'EUR'
  totalNet: number
  totalVat: number
  totalGross: number
  draft: InvoiceDraft
  seller: CompanyProfile
}

/** An issued credit note (negative totals) and what it credits. */
export type CreditNoteView = {
  id: string
  number: string
  invoiceId: string
  reason: string
  issuedAt: Date
  totalNet: number
  totalVat: number
  totalGross: number
  content: CreditNoteSnapshot
}
