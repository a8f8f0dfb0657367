import { allocate, divRound, vatIncluded } from '../../kernel/money.ts'

/**
 * VAT of a basket, line by line, from consumer prices that include the VAT of the price
 * list's market (DOMAIN.md §1.5: consumers see TTC prices).
 * - When the sale is taxed at the list's own rate, the shown price is what the shopper
 *   pays and the VAT is the part it contains.
 * - When the sale is taxed differently (export exempt, another territory's rate), the net
 *   price is the list price less its VAT, and the treatment's VAT is added to it.
 * - A composite gift box is split over its components by their standalone value, each
 *   component at its own rate (DOMAIN.md §1.2, ⚠ same pro-rata logic as shipping).
 * - Shipping follows the goods: its price is split over the VAT rates pro rata of the
 *   goods' net value per rate (CGI 267, accessory to the sale).
 * Amounts are cents; each computed amount is rounded once (kernel/money divRound),
 * and splits sum exactly (allocate).
 */
export type TaxCategoryRates = Readonly<Record<string, number>> // tax category → rate in basis points

export type BasketLine = {
  key: string
  /** unit price in the price list, VAT of `listRates` included */
  unitGross: number
  quantity: number
  taxCategory: string
  /** promotion share of this line, VAT included (reduces the taxable amount) */
  discountGross?: number
  /** composite goods: parts with their own tax category and weight (standalone value in cents) */
  components?: { taxCategory: string; weight: number }[] | null
}

export type RatePart = { rateBp: number; net: number; vat: number }
export type TaxedLine = { key: string; gross: number; net: number; vat: number; parts: RatePart[] }
export type BasketTax = { lines: TaxedLine[]; shipping: TaxedLine | null; net: number; vat: number; gross: number; byRate: RatePart[] }

export type BasketTaxInput = {
  lines: BasketLine[]
  /** shipping price, VAT of the list included (0 or absent: free shipping) */
  shippingGross?: number
  /** rates the list prices include (the market's territory) */
  listRates: TaxCategoryRates
  /** rates of the sale's treatment; null = exempt (export, intra-EU B2B) */
  saleRates: TaxCategoryRates | null
}

export class UnknownTaxCategoryError extends Error {}

const rateOf = (rates: TaxCategoryRates, category: string): number => {
  const r = rates[category]
  if (r === undefined) throw new UnknownTaxCategoryError(`no VAT rate for tax category ${category}`)
  return r
}

/** One amount (list price incl. VAT at listBp) taxed at saleBp (null = exempt). */
function taxPart(gross: number, listBp: number, saleBp: number | null): RatePart {
  if (saleBp === listBp) {
    const vat = vatIncluded(gross, listBp)
    return { rateBp: saleBp, net: gross - vat, vat }
  }
  const net = gross - vatIncluded(gross, listBp)
  if (saleBp === null) return { rateBp: 0, net, vat: 0 }
  return { rateBp: saleBp, net, vat: divRound(net * saleBp, 10000) }
}

/** A line (or the shipping) whose gross amounts are already split per tax category. */
function taxLine(key: string, amounts: number[], shares: { taxCategory: string }[], input: BasketTaxInput): TaxedLine {
  const parts = shares.map((s, i) => taxPart(amounts[i]!, rateOf(input.listRates, s.taxCategory), input.saleRates ? rateOf(input.saleRates, s.taxCategory) : null))
  const merged = mergeByRate(parts)
  const net = merged.reduce((a, p) => a + p.net, 0)
  const vat = merged.reduce((a, p) => a + p.vat, 0)
  return { key, gross: net + vat, net, vat, parts: merged }
}

/** Sums parts of the same rate, highest rate first. */
export function mergeByRate(parts: RatePart[]): RatePart[] {
  const m = new Map<number, RatePart>()
  for (const p of parts) {
    const cur = m.get(p.rateBp)
    m.set(p.rateBp, cur ? { rateBp: p.rateBp, net: cur.net + p.net, vat: cur.vat + p.vat } : { ...p })
  }
  return [...m.values()].sort((a, b) => b.rateBp - a.rateBp)
}

export function computeBasketTax(input: BasketTaxInput): BasketTax {
  const netByCategory = new Map<string, number>()
  const lines = input.lines.map((l) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) throw new RangeError(`quantity of ${l.key} must be a positive integer`)
    const shares = l.components?.length ? l.components : [{ taxCategory: l.taxCategory, weight: 1 }]
    const discount = l.discountGross ?? 0
    if (!Number.isSafeInteger(discount) || discount < 0 || discount > l.unitGross * l.quantity) throw new RangeError(`discount of ${l.key} must be between 0 and the line amount`)
    const gross = l.unitGross * l.quantity - discount
    const amounts = shares.length === 1 ? [gross] : allocate(gross, shares.map((c) => c.weight))
    shares.forEach((c, i) => {
      const listBp = rateOf(input.listRates, c.taxCategory)
      netByCategory.set(c.taxCategory, (netByCategory.get(c.taxCategory) ?? 0) + amounts[i]! - vatIncluded(amounts[i]!, listBp))
    })
    return taxLine(l.key, amounts, shares, input)
  })
  let shipping: TaxedLine | null = null
  if (input.shippingGross && input.shippingGross > 0) {
    // Shipping follows the goods: split by tax category, pro rata of the goods' net value.
    const categories = [...netByCategory].filter(([, net]) => net > 0)
    if (categories.length === 0) throw new RangeError('shipping without goods')
    const amounts = allocate(input.shippingGross, categories.map(([, net]) => net))
    shipping = taxLine('shipping', amounts, categories.map(([taxCategory]) => ({ taxCategory, weight: 1 })), input)
  }
  const byRate = mergeByRate([...lines.flatMap((l) => l.parts), ...(shipping?.parts ?? [])])
  const net = byRate.reduce((a, p) => a + p.net, 0)
  const vat = byRate.reduce((a, p) => a + p.vat, 0)
  return { lines, shipping, net, vat, gross: net + vat, byRate }
}
