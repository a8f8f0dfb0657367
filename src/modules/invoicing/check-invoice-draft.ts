import type { InvoiceDraft, RatePart } from './invoice-draft.ts'

/**
 * The legal checks of a draft before it gets a number (DOMAIN §4.2). Totals must add up EXACTLY:
 * an invoice is a tax document and the VAT declared per rate is the sum of what was charged, so
 * no cent of tolerance (the 1-cent tolerances of EN 16931 CTC-FR are for reading others' invoices).
 * The only rounding allowed is the one of each amount itself:
 * - a line's VAT is its rate applied to its net amount, rounded once. From a TTC price the VAT is
 *   gross × r / (1 + r) rounded, so |vat − net × r| < 1 cent (at most 0.5 × (1 + r));
 * - a unit price HT may be rounded: unitNet × quantity is within one cent per unit of the net.
 */
export type DraftProblemCode = 'INVOICING_TOTALS_MISMATCH' | 'INVOICING_MENTION_MISSING' | 'INVOICING_BUYER_ID_MISSING'
export type DraftProblem = { code: DraftProblemCode; message: string }

const ONE_CENT_BP = 10_000

/** True when `vat` is `net` taxed at `rateBp`, rounded once; exact 0 when the rate is 0 (exempt). */
export function vatMatchesRate(net: number, rateBp: number, vat: number): boolean {
  if (rateBp === 0) return vat === 0
  return Math.abs(vat * ONE_CENT_BP - net * rateBp) < ONE_CENT_BP
}

function sumByRate(parts: readonly RatePart[]): Map<number, { net: number; vat: number }> {
  const m = new Map<number, { net: number; vat: number }>()
  for (const p of parts) {
    const cur = m.get(p.rateBp) ?? { net: 0, vat: 0 }
    m.set(p.rateBp, { net: cur.net + p.net, vat: cur.vat + p.vat })
  }
  return m
}

/** Every problem of the draft (empty = fit to be issued). */
export function checkInvoiceDraft(draft: InvoiceDraft): DraftProblem[] {
  const problems: DraftProblem[] = []
  const mismatch = (message: string) => problems.push({ code: 'INVOICING_TOTALS_MISMATCH', message })

  draft.lines.forEach((l, i) => {
    const at = `line ${i + 1} (${l.sku})`
    if (l.net + l.vat !== l.gross) mismatch(`${at}: net ${l.net} + VAT ${l.vat} ≠ gross ${l.gross}`)
    if (!vatMatchesRate(l.net, l.vatRateBp, l.vat)) mismatch(`${at}: VAT ${l.vat} is not ${l.vatRateBp / 100} % of ${l.net}`)
    if (Math.abs(l.unitNet * l.quantity - l.net) > l.quantity) mismatch(`${at}: ${l.quantity} × ${l.unitNet} is not the net ${l.net}`)
    if ((l.excise ?? 0) + (l.css ?? 0) > l.net) mismatch(`${at}: excise and CSS exceed the net amount`)
  })

  const ship = draft.shipping
  if (ship) {
    const net = ship.parts.reduce((a, p) => a + p.net, 0)
    const vat = ship.parts.reduce((a, p) => a + p.vat, 0)
    if (net !== ship.net || vat !== ship.vat) mismatch(`shipping: parts sum to ${net} + ${vat}, not ${ship.net} + ${ship.vat}`)
    if (ship.net + ship.vat !== ship.gross) mismatch(`shipping: net ${ship.net} + VAT ${ship.vat} ≠ gross ${ship.gross}`)
    if (new Set(ship.parts.map((p) => p.rateBp)).size !== ship.parts.length) mismatch('shipping: a VAT rate appears twice')
    for (const p of ship.parts) if (!vatMatchesRate(p.net, p.rateBp, p.vat)) mismatch(`shipping: VAT ${p.vat} is not ${p.rateBp / 100} % of ${p.net}`)
  }

  // Per rate: the declared summary is exactly the sum of the lines and shipping at that rate.
  const expected = sumByRate([...draft.lines.map((l) => ({ rateBp: l.vatRateBp, net: l.net, vat: l.vat })), ...(ship?.parts ?? [])])
  const declared = draft.vatByRate
  if (new Set(declared.map((p) => p.rateBp)).size !== declared.length) mismatch('vatByRate: a VAT rate appears twice')
  for (const [rate, sum] of expected) {
    const d = declared.find((p) => p.rateBp === rate)
    if (!d) mismatch(`vatByRate: rate ${rate / 100} % is missing`)
    else if (d.net !== sum.net || d.vat !== sum.vat) mismatch(`vatByRate ${rate / 100} %: ${d.net} + ${d.vat} declared, lines and shipping give ${sum.net} + ${sum.vat}`)
  }
  for (const d of declared) if (!expected.has(d.rateBp)) mismatch(`vatByRate: rate ${d.rateBp / 100} % has no line`)

  const totalNet = [...expected.values()].reduce((a, s) => a + s.net, 0)
  const totalVat = [...expected.values()].reduce((a, s) => a + s.vat, 0)
  if (draft.totalNet !== totalNet) mismatch(`totalNet ${draft.totalNet} ≠ ${totalNet}`)
  if (draft.totalVat !== totalVat) mismatch(`totalVat ${draft.totalVat} ≠ ${totalVat}`)
  if (draft.totalGross !== draft.totalNet + draft.totalVat) mismatch(`totalGross ${draft.totalGross} ≠ totalNet + totalVat`)

  // CGI 242 nonies A: an exempt operation states the legal reference of its exemption.
  if (expected.has(0) && draft.mentions.length === 0) {
    problems.push({ code: 'INVOICING_MENTION_MISSING', message: 'a line is exempt (0 %) but no exemption mention is given' })
  }
  if (draft.payment.status === 'paid' && !draft.payment.paidAt) {
    problems.push({ code: 'INVOICING_MENTION_MISSING', message: 'a paid invoice states its payment date (paidAt)' })
  }
  // A business buyer is identified on the invoice (SIREN from the e-invoicing start, VAT number intra-EU).
  if (draft.buyer.kind === 'B2B' && !draft.buyer.siren && !draft.buyer.vatNumber) {
    problems.push({ code: 'INVOICING_BUYER_ID_MISSING', message: 'a B2B buyer needs a SIREN or a VAT number' })
  }
  return problems
}
