import { z } from 'zod'

/**
 * The invoice draft the order flow hands over: every amount already computed (integer cents,
 * rates in basis points). Invoicing checks it, numbers it and keeps it unchanged; it never
 * recomputes a price. The same schema reads the stored snapshot back (dates as ISO strings).
 */
const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const rateBp = z.number().int().min(0).max(9999)
const text = (max: number) => z.string().trim().min(1).max(max)
const compact = z.string().max(40).transform((s) => s.replace(/[\s.-]/g, ''))

/** 'YYYY-MM-DD' naming a real calendar day (2026-02-30 is refused). */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, 'not a calendar date')

export const PostalAddress = z.strictObject({
  line1: text(200),
  line2: text(200).nullish(),
  postalCode: text(20),
  city: text(100),
  /** ISO 3166-1 alpha-2 ('FR', 'GP', 'DE'): printed as the country's name */
  country: z.string().regex(/^[A-Z]{2}$/),
})
export type PostalAddress = z.infer<typeof PostalAddress>

export const InvoiceBuyer = z.strictObject({
  name: text(200),
  email: z.email().max(254),
  address: PostalAddress,
  // "512 345 678" and "fr 83 512345678" are accepted and kept without spaces
  siren: compact.pipe(z.string().regex(/^[0-9]{9}$/)).nullish(),
  vatNumber: compact.transform((s) => s.toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/)).nullish(),
  kind: z.enum(['B2C', 'B2B']),
})

export const InvoiceLine = z.strictObject({
  sku: text(64),
  description: text(300),
  quantity: z.number().int().min(1).max(100_000),
  /** unit price excluding VAT, possibly rounded: the line's `net` is the amount that counts */
  unitNet: cents,
  net: cents,
  vatRateBp: rateBp,
  vat: cents,
  gross: cents,
  /** alcohol excise and social-security contribution inside `net` (DOMAIN §2.2): informative */
  excise: cents.nullish(),
  css: cents.nullish(),
})
export type InvoiceLine = z.infer<typeof InvoiceLine>

export const RatePart = z.strictObject({ rateBp, net: cents, vat: cents })
export type RatePart = z.infer<typeof RatePart>

export const InvoiceDraftSchema = z.strictObject({
  orderId: text(64),
  orderNumber: text(64),
  issuedAt: z.coerce.date(),
  supplyDate: CalendarDate,
  currency: z.literal('EUR'),
  locale: z.enum(['fr', 'en']),
  buyer: InvoiceBuyer,
  /** printed when it differs from the billing address (mandatory mention from the e-invoicing start) */
  deliveryAddress: PostalAddress.nullable(),
  lines: z.array(InvoiceLine).min(1).max(500),
  /** shipping follows the goods: split over their VAT rates (CGI 267, DOMAIN §1.2) */
  shipping: z.strictObject({ description: text(200), net: cents, vat: cents, gross: cents, parts: z.array(RatePart).min(1).max(10) }).nullable(),
  /** a discount already deducted from the lines' amounts, shown as granted (informative) */
  discount: z.strictObject({ description: text(200), gross: cents.min(1) }).nullable(),
  vatByRate: z.array(RatePart).min(1).max(10),
  totalNet: cents,
  totalVat: cents,
  totalGross: cents,
  /** legal mentions printed as given: exemption reference, import-VAT note… */
  mentions: z.array(text(500)).max(20),
  payment: z.strictObject({
    method: z.enum(['card', 'bank_transfer']),
    status: z.enum(['paid', 'due']),
    paidAt: z.coerce.date().nullish(),
    dueDate: CalendarDate,
  }),
  nature: z.literal('goods'),
})

/** What `issueInvoice` receives; amounts in cents, rates in basis points. */
export type InvoiceDraft = z.infer<typeof InvoiceDraftSchema>
