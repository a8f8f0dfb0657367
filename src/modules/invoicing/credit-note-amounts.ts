import { allocate } from '../../kernel/money.ts'
import type { InvoiceDraft, RatePart } from './invoice-draft.ts'

/**
 * The amounts of a credit note, from the invoice as it was issued (never from today's prices).
 * A partial quantity credits its share of each amount of the line; the shares are cumulative,
 * so crediting 1 then 2 units of a 3-unit line gives back exactly the line, to the cent, and the
 * notes of an invoice can never add up to more than it (allocate: largest remainder).
 * Amounts are negative: a credit note reduces what was invoiced, rate by rate.
 */
export type CreditRequest = { lines: 'all' | { sku: string; quantity: number }[]; shipping: boolean | undefined }
/** What earlier credit notes of the invoice took: units per invoice line (by index), shipping. */
export type AlreadyCredited = { quantities: number[]; shipping: boolean }

export type CreditedLine = {
  invoiceLine: number
  sku: string
  description: string
  quantity: number
  unitNet: number
  net: number
  vatRateBp: number
  vat: number
  gross: number
  excise: number | null
  css: number | null
}
export type CreditedShipping = { description: string; net: number; vat: number; gross: number; parts: RatePart[] }
export type CreditAmounts = {
  lines: CreditedLine[]
  shipping: CreditedShipping | null
  vatByRate: RatePart[]
  totalNet: number
  totalVat: number
  totalGross: number
  /** nothing is left to credit on the invoice after this note: it cancels the invoice */
  cancelsInvoice: boolean
}
export type CreditRefusal =
  | { ok: false; code: 'INVOICING_CREDIT_UNKNOWN_LINE'; sku: string | null }
  | { ok: false; code: 'INVOICING_CREDIT_EXCEEDS_INVOICE'; sku: string | null; remaining: number }
  | { ok: false; code: 'INVOICING_CREDIT_EMPTY' }

/** The part of `amount` that `units` out of `of` represent, rounded by allocate. */
function share(amount: number, units: number, of: number): number {
  if (units === 0) return 0
  if (units === of) return amount
  return allocate(amount, [units, of - units])[0]!
}

/** The amounts to credit, or why the request cannot be credited. */
export function computeCreditAmounts(invoice: InvoiceDraft, before: AlreadyCredited, request: CreditRequest): ({ ok: true } & CreditAmounts) | CreditRefusal {
  const left = invoice.lines.map((l, i) => l.quantity - (before.quantities[i] ?? 0))
  const take = invoice.lines.map(() => 0)
  if (request.lines === 'all') left.forEach((n, i) => (take[i] = n))
  else {
    for (const r of request.lines) {
      const indexes = invoice.lines.flatMap((l, i) => (l.sku === r.sku ? [i] : []))
      if (indexes.length === 0) return { ok: false, code: 'INVOICING_CREDIT_UNKNOWN_LINE', sku: r.sku }
      let wanted = r.quantity
      for (const i of indexes) {
        const n = Math.min(wanted, left[i]! - take[i]!)
        take[i]! += n
        wanted -= n
      }
      if (wanted > 0) return { ok: false, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE', sku: r.sku, remaining: r.quantity - wanted }
    }
  }

  // Shipping is credited whole, once; by default only with a full credit ('all'). With 'all' it
  // means "whatever is left", so shipping already credited (or never charged) is simply skipped;
  // asked for on its own a second time, it would credit more than the invoice.
  const wantsShipping = request.shipping ?? request.lines === 'all'
  if (wantsShipping && before.shipping && request.lines !== 'all') return { ok: false, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE', sku: null, remaining: 0 }
  const ship = wantsShipping && !before.shipping ? invoice.shipping : null

  const lines: CreditedLine[] = []
  invoice.lines.forEach((l, i) => {
    const q = take[i]!
    if (q === 0) return
    const done = l.quantity - left[i]!
    const part = (amount: number) => -(share(amount, done + q, l.quantity) - share(amount, done, l.quantity))
    const net = part(l.net)
    const vat = part(l.vat)
    lines.push({
      invoiceLine: i, sku: l.sku, description: l.description, quantity: q, unitNet: -l.unitNet, net, vatRateBp: l.vatRateBp, vat, gross: net + vat,
      excise: l.excise == null ? null : part(l.excise), css: l.css == null ? null : part(l.css),
    })
  })
  if (lines.length === 0 && !ship) return { ok: false, code: 'INVOICING_CREDIT_EMPTY' }
  const shipping = ship
    ? { description: ship.description, net: -ship.net, vat: -ship.vat, gross: -ship.gross, parts: ship.parts.map((p) => ({ rateBp: p.rateBp, net: -p.net, vat: -p.vat })) }
    : null

  const byRate = new Map<number, RatePart>()
  for (const p of [...lines.map((l) => ({ rateBp: l.vatRateBp, net: l.net, vat: l.vat })), ...(shipping?.parts ?? [])]) {
    const cur = byRate.get(p.rateBp) ?? { rateBp: p.rateBp, net: 0, vat: 0 }
    byRate.set(p.rateBp, { rateBp: p.rateBp, net: cur.net + p.net, vat: cur.vat + p.vat })
  }
  const vatByRate = [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp)
  const totalNet = vatByRate.reduce((a, p) => a + p.net, 0)
  const totalVat = vatByRate.reduce((a, p) => a + p.vat, 0)
  if (totalNet + totalVat === 0) return { ok: false, code: 'INVOICING_CREDIT_EMPTY' } // only free items: nothing to give back
  const cancelsInvoice = left.every((n, i) => n === take[i]) && (!invoice.shipping || before.shipping || shipping !== null)
  return { ok: true, lines, shipping, vatByRate, totalNet, totalVat, totalGross: totalNet + totalVat, cancelsInvoice }
}
