import { allocate, vatIncluded } from '../../kernel/money.ts'
import type { RatePart } from './invoice-draft.ts'

/**
 * A refund of an amount (a price reduction, a gesture) rather than of units: the credit note
 * carries that amount TTC split over the VAT rates of what is left on the invoice, in proportion
 * to what is left at each rate (allocate: the parts add up to the amount, to the cent). Within a
 * rate, the VAT is the one contained in the share (vatIncluded, the one rounding rule), except
 * when the share is everything left at that rate: then it is exactly what is left, so the notes
 * of an invoice end on its amounts to the cent. Parts are negative, as on every credit note.
 */
export function splitCreditByRate(amount: number, leftByRate: readonly RatePart[]): RatePart[] {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a credit amount is a positive number of cents, got ${amount}`)
  const rates = leftByRate.filter((p) => p.net + p.vat > 0)
  const leftTotal = rates.reduce((a, p) => a + p.net + p.vat, 0)
  if (amount > leftTotal) throw new RangeError(`${amount} is more than the ${leftTotal} left on the invoice`)
  const shares = allocate(amount, rates.map((p) => p.net + p.vat))
  return rates
    .map((p, i) => {
      const gross = shares[i]!
      if (gross === p.net + p.vat) return { rateBp: p.rateBp, net: -p.net, vat: -p.vat }
      // within what is left at the rate on both sides (earlier roundings may have moved it by a cent)
      const vat = Math.max(gross - p.net, Math.min(vatIncluded(gross, p.rateBp), p.vat))
      return { rateBp: p.rateBp, net: -(gross - vat), vat: -vat }
    })
    .filter((p) => p.net + p.vat !== 0)
    .sort((a, b) => b.rateBp - a.rateBp)
}

/** What is left at each rate: the invoice's amounts plus its credit notes' (negative) ones. */
export function leftByRate(invoiced: readonly RatePart[], credited: readonly (readonly RatePart[])[]): RatePart[] {
  const byRate = new Map<number, RatePart>()
  for (const p of [...invoiced, ...credited.flat()]) {
    const cur = byRate.get(p.rateBp) ?? { rateBp: p.rateBp, net: 0, vat: 0 }
    byRate.set(p.rateBp, { rateBp: p.rateBp, net: cur.net + p.net, vat: cur.vat + p.vat })
  }
  return [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp)
}
