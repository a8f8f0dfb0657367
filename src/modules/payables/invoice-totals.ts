import { divRound } from '../../kernel/money.ts'

export type LineInput = { quantity: number; unitCost: number; vatRateBp: number }
export type PricedLine<L extends LineInput> = L & { net: number; vat: number }

/**
 * A supplier invoice's amounts, computed here and never taken from the form: each line's net is
 * quantity × unit cost (exact in cents), its VAT is rounded once per line with the one rounding
 * rule (kernel/money divRound), and the totals are their sums, so every total adds up to its lines.
 */
export function priceInvoice<L extends LineInput>(lines: readonly L[]): { lines: PricedLine<L>[]; totalNet: number; totalVat: number; totalGross: number } {
  const priced = lines.map((l) => {
    const net = l.quantity * l.unitCost
    return { ...l, net, vat: divRound(net * l.vatRateBp, 10_000) }
  })
  const totalNet = priced.reduce((s, l) => s + l.net, 0)
  const totalVat = priced.reduce((s, l) => s + l.vat, 0)
  return { lines: priced, totalNet, totalVat, totalGross: totalNet + totalVat }
}
