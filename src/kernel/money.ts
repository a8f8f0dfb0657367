/**
 * Money is an integer number of minor units (cents) with an explicit currency.
 * Never a float, never a string. All rounding goes through `divRound`, the one
 * rounding rule of Lakou: round half away from zero, applied once per computed
 * amount (a line, a tax amount), never to intermediate ratios.
 */
export type Currency = 'EUR'
export type Money = Readonly<{ amount: number; currency: Currency }>

export const CURRENCIES: readonly Currency[] = ['EUR']

export function money(amount: number, currency: Currency = 'EUR'): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`)
  return { amount, currency }
}

/** numerator / denominator rounded half away from zero; both integers, denominator > 0. */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divRound needs integers and a positive denominator, got ${numerator}/${denominator}`)
  }
  const sign = numerator < 0 ? -1 : 1
  const n = Math.abs(numerator)
  const q = Math.floor(n / denominator)
  const r = n - q * denominator
  return sign * (2 * r >= denominator ? q + 1 : q)
}

/** Decimal euros from a data file (at most 2 decimals) → integer cents, refusing anything finer. */
export function centsFromDecimal(value: number): number {
  const cents = Math.round(value * 100)
  if (Math.abs(cents - value * 100) > 1e-6) throw new RangeError(`${value} has more than 2 decimals`)
  return cents
}

/** A rate in basis points of a percent: 8.5 % → 850, 20 % → 2000, 2.1 % → 210. */
export function basisPointsFromPercent(percent: number): number {
  const bp = Math.round(percent * 100)
  if (Math.abs(bp - percent * 100) > 1e-6) throw new RangeError(`${percent} % is finer than 0.01 %`)
  return bp
}

/** The VAT contained in a price that includes it: gross × r / (1 + r), rounded once. */
export function vatIncluded(gross: number, rateBp: number): number {
  return divRound(gross * rateBp, 10000 + rateBp)
}

/** Price per reference quantity (per litre, per kilo): price × reference / quantity. */
export function unitPrice(price: number, quantity: number, reference: number): number {
  if (quantity <= 0) throw new RangeError('quantity must be positive')
  return divRound(price * reference, quantity)
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new TypeError(`cannot add ${a.currency} and ${b.currency}`)
  return money(a.amount + b.amount, a.currency)
}

const formatters = new Map<string, Intl.NumberFormat>()

/** "27,90 €" in French, "€27.90" in English. */
export function formatMoney(m: Money, locale: string): string {
  const key = `${locale}|${m.currency}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency })
    formatters.set(key, f)
  }
  return f.format(m.amount / 100)
}

/** "27.90" — the decimal string used in schema.org offers and feeds. */
export function decimalString(m: Money): string {
  const sign = m.amount < 0 ? '-' : ''
  const abs = Math.abs(m.amount)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * Splits an amount into parts proportional to integer weights, summing exactly to the
 * amount (largest remainder: the cents left after rounding down go to the largest
 * fractional parts, ties to the first). Used for shipping VAT pro rata and for
 * composite gift boxes split by component value.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount must be an integer of minor units')
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers')
  const total = weights.reduce((a, b) => a + b, 0)
  if (total === 0) throw new RangeError('weights must not all be zero')
  const sign = amount < 0 ? -1 : 1
  const abs = Math.abs(amount)
  const parts = weights.map((w) => Math.floor((abs * w) / total))
  let left = abs - parts.reduce((a, b) => a + b, 0)
  const order = weights
    .map((w, i) => ({ i, frac: (abs * w) % total }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    parts[i]! += 1
    left -= 1
  }
  return parts.map((p) => sign * p)
}
