import { allocate, divRound, vatIncluded } from '../../kernel/money.ts'
import type { InvoiceDraft, InvoiceLine, PostalAddress, RatePart } from './invoice-draft.ts'

/**
 * Invoice drafts for tests, built from consumer prices the way checkout does (tax module
 * basket-tax): VAT contained in the TTC price at the list's rate; an exempt sale keeps the
 * list price less its VAT. Not used by the application.
 */
/** excise and css per unit */
type LineSpec = { sku: string; description: string; unitGross: number; quantity: number; listBp: number; saleBp?: number; excise?: number; css?: number }

export function draftLine(s: LineSpec): InvoiceLine {
  const gross = s.unitGross * s.quantity
  const saleBp = s.saleBp ?? s.listBp
  const listNet = gross - vatIncluded(gross, s.listBp)
  const vat = saleBp === s.listBp ? vatIncluded(gross, saleBp) : divRound(listNet * saleBp, 10_000)
  const net = saleBp === s.listBp ? gross - vat : listNet
  return { sku: s.sku, description: s.description, quantity: s.quantity, unitNet: divRound(net, s.quantity), net, vatRateBp: saleBp, vat, gross: net + vat, excise: s.excise == null ? null : s.excise * s.quantity, css: s.css == null ? null : s.css * s.quantity }
}

export function shippingOf(description: string, parts: RatePart[]): NonNullable<InvoiceDraft['shipping']> {
  const net = parts.reduce((a, p) => a + p.net, 0)
  const vat = parts.reduce((a, p) => a + p.vat, 0)
  return { description, net, vat, gross: net + vat, parts }
}

/** Shipping at a TTC price, split over the goods' rates pro rata of their net value (CGI 267). */
export function splitShipping(description: string, gross: number, lines: InvoiceLine[]): NonNullable<InvoiceDraft['shipping']> {
  const nets = new Map<number, number>()
  for (const l of lines) nets.set(l.vatRateBp, (nets.get(l.vatRateBp) ?? 0) + l.net)
  const rates = [...nets.keys()]
  const amounts = allocate(gross, rates.map((r) => nets.get(r)!))
  return shippingOf(description, rates.map((rateBp, i) => {
    const vat = vatIncluded(amounts[i]!, rateBp)
    return { rateBp, net: amounts[i]! - vat, vat }
  }))
}

/** Fills vatByRate and the totals from the lines and shipping. */
export function withTotals(d: Omit<InvoiceDraft, 'vatByRate' | 'totalNet' | 'totalVat' | 'totalGross'>): InvoiceDraft {
  const byRate = new Map<number, RatePart>()
  for (const p of [...d.lines.map((l) => ({ rateBp: l.vatRateBp, net: l.net, vat: l.vat })), ...(d.shipping?.parts ?? [])]) {
    const cur = byRate.get(p.rateBp) ?? { rateBp: p.rateBp, net: 0, vat: 0 }
    byRate.set(p.rateBp, { rateBp: p.rateBp, net: cur.net + p.net, vat: cur.vat + p.vat })
  }
  const vatByRate = [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp)
  const totalNet = vatByRate.reduce((a, p) => a + p.net, 0)
  const totalVat = vatByRate.reduce((a, p) => a + p.vat, 0)
  return { ...d, vatByRate, totalNet, totalVat, totalGross: totalNet + totalVat }
}

const PARIS: PostalAddress = { line1: '12 rue des Acacias', line2: null, postalCode: '75017', city: 'Paris', country: 'FR' }
const ISSUED = new Date('2026-03-12T15:30:00Z')
let orders = 0

const base = () => {
  orders += 1
  return {
    orderId: `ord_TEST${String(orders).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`,
    orderNumber: `LK-2026-${String(orders).padStart(5, '0')}`,
    issuedAt: ISSUED,
    supplyDate: '2026-03-12',
    currency: 'EUR' as const,
    locale: 'fr' as const,
    buyer: { name: 'Camille Martin', email: 'camille@example.com', address: PARIS, siren: null, vatNumber: null, kind: 'B2C' as const },
    deliveryAddress: null,
    discount: null,
    mentions: [],
    payment: { method: 'card' as const, status: 'paid' as const, paidAt: ISSUED, dueDate: '2026-03-12' },
    nature: 'goods' as const,
    shipping: null,
  }
}

export const RUM = { sku: 'ACS-RHB50-100', description: 'Rhum blanc agricole 50 % vol. — 1 L', unitGross: 2790, excise: 452, css: 289 }
export const COFFEE = { sku: 'CHN-CAF-GR-250', description: 'Café de Guadeloupe en grains — 250 g', unitGross: 1890 }

/** Mainland consumer (FR-HUB → mainland): rum at 20 % with excise, coffee at 5.5 %, shipping split over both. */
export function mainlandDraft(over: Partial<InvoiceDraft> = {}): InvoiceDraft {
  const lines = [draftLine({ ...RUM, quantity: 1, listBp: 2000 }), draftLine({ ...COFFEE, quantity: 2, listBp: 550 })]
  return withTotals({
    ...base(),
    lines,
    // 5.90 € split pro rata of the goods' net value (DOMAIN §1.2)
    shipping: splitShipping('Colissimo domicile', 590, lines),
    deliveryAddress: { line1: '3 allée des Tilleuls', line2: 'Bâtiment B', postalCode: '69003', city: 'Lyon', country: 'FR' },
    ...over,
  })
}

/** Guadeloupe consumer: GP prices at 8.5 % and 2.1 %. */
export function guadeloupeDraft(over: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return withTotals({
    ...base(),
    buyer: { name: 'Léa Jean-Baptiste', email: 'lea@example.com', address: { line1: '5 rue Schœlcher', line2: null, postalCode: '97110', city: 'Pointe-à-Pitre', country: 'GP' }, siren: null, vatNumber: null, kind: 'B2C' },
    lines: [draftLine({ ...RUM, unitGross: 1850, quantity: 1, listBp: 850, excise: 63, css: 289 }), draftLine({ sku: 'DKR-CNF-GOY-220', description: 'Confiture de goyave — 220 g', unitGross: 590, quantity: 1, listBp: 210 })],
    ...over,
  })
}

export const EXPORT_MENTION = 'Exonération de TVA, art. 262 I du CGI'
export const IMPORT_VAT_NOTE = 'TVA et droits à l’importation acquittés pour votre compte à destination'

/** GP → mainland consumer: an export, exempt; import VAT paid at destination. */
export function exportDraft(over: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return withTotals({
    ...base(),
    lines: [draftLine({ ...RUM, quantity: 1, listBp: 2000, saleBp: 0 }), draftLine({ ...COFFEE, quantity: 1, listBp: 550, saleBp: 0 })],
    mentions: [EXPORT_MENTION, IMPORT_VAT_NOTE],
    ...over,
  })
}

/** A business buyer in the mainland paying by transfer at 30 days. */
export function b2bDraft(over: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return withTotals({
    ...base(),
    buyer: { name: 'Cave du Port SARL', email: 'compta@caveduport.example', address: { line1: '8 quai de la Fosse', line2: null, postalCode: '44000', city: 'Nantes', country: 'FR' }, siren: '512345678', vatNumber: 'FR83512345678', kind: 'B2B' },
    lines: [draftLine({ ...RUM, quantity: 6, listBp: 2000 })],
    payment: { method: 'bank_transfer', status: 'due', paidAt: null, dueDate: '2026-04-11' },
    ...over,
  })
}
