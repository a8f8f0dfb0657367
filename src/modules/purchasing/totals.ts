import { divRound } from '../../kernel/money.ts'

export type CostLine = { quantity: number; unitCost: number; vatRateBp: number }
export type VatPart = { rateBp: number; net: number; vat: number }
export type PurchaseTotals = { net: number; vat: number; gross: number; byRate: VatPart[] }

/** Net of a line: quantity × net unit cost (exact, in cents). */
export const lineNet = (l: CostLine): number => l.quantity * l.unitCost

/**
 * Totals of a purchase order or of received quantities: net per line, VAT per rate computed once
 * on the rate's net (divRound, the one rounding rule), gross = net + VAT.
 */
export function purchaseTotals(lines: readonly CostLine[]): PurchaseTotals {
  const nets = new Map<number, number>()
  for (const l of lines) nets.set(l.vatRateBp, (nets.get(l.vatRateBp) ?? 0) + lineNet(l))
  const byRate = [...nets].sort((a, b) => a[0] - b[0]).map(([rateBp, net]) => ({ rateBp, net, vat: divRound(net * rateBp, 10000) }))
  const net = byRate.reduce((s, r) => s + r.net, 0)
  const vat = byRate.reduce((s, r) => s + r.vat, 0)
  return { net, vat, gross: net + vat, byRate }
}
