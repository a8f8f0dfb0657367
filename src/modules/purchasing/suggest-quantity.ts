/** What the suggestion of one line is computed from (whole units and whole weeks). */
export type SuggestionInput = {
  /** units sold over the window */
  unitsSold: number
  windowWeeks: number
  /** sellable units now in the warehouse */
  available: number
  /** units ordered on open purchase orders and not yet received */
  onOrder: number
  /** weeks of sales the stock should cover once the order arrives */
  coverWeeks: number
  /** weeks between ordering and the goods on the shelf */
  leadWeeks: number
  packSize: number
}

export type Suggestion = {
  /** units sold per week (for display) */
  weeklyRate: number
  /** units needed to cover the lead time and the target cover */
  target: number
  /** weeks the current and ordered stock last at the weekly rate (null: nothing sells) */
  coverNowWeeks: number | null
  /** what to order: whole packs, never negative */
  suggested: number
}

/**
 * suggested = max(0, ceil(rate × (cover + lead)) − available − on order), rounded up to the pack
 * size, with rate = units sold / window weeks. Integer arithmetic only: ceil(a / b) exactly.
 */
export function suggestQuantity(i: SuggestionInput): Suggestion {
  for (const [k, v] of Object.entries(i)) if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`)
  if (i.windowWeeks === 0 || i.packSize === 0) throw new RangeError('windowWeeks and packSize must be positive')
  const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b)
  const target = ceilDiv(i.unitsSold * (i.coverWeeks + i.leadWeeks), i.windowWeeks)
  const missing = Math.max(0, target - i.available - i.onOrder)
  const suggested = ceilDiv(missing, i.packSize) * i.packSize
  const weeklyRate = i.unitsSold / i.windowWeeks
  const coverNowWeeks = i.unitsSold === 0 ? null : Math.floor(((i.available + i.onOrder) * i.windowWeeks * 10) / i.unitsSold) / 10
  return { weeklyRate, target, coverNowWeeks, suggested }
}
