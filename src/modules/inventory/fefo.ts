/**
 * First-expired-first-out picking (PRODUCT.md B): take units from the lot that expires
 * first, lots without a date last, older lots before newer ones on a tie. Lots that
 * expire before `usableUntil` (the promised delivery date, or today) are not sellable.
 */
export type LotStock = { lotId: string; bestBefore: string | null; createdAt: string; available: number }
export type LotPick = { lotId: string; quantity: number }
export type FefoResult = { ok: true; picks: LotPick[] } | { ok: false; available: number }

export function fefoOrder(lots: readonly LotStock[]): LotStock[] {
  return [...lots].sort(
    (a, b) =>
      (a.bestBefore === null ? 1 : 0) - (b.bestBefore === null ? 1 : 0) ||
      (a.bestBefore ?? '').localeCompare(b.bestBefore ?? '') ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.lotId.localeCompare(b.lotId),
  )
}

/** Picks `quantity` units; `usableUntil` is an ISO day: a lot must still be good on that day. */
export function pickFefo(lots: readonly LotStock[], quantity: number, usableUntil: string): FefoResult {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError('quantity must be a positive integer')
  const usable = fefoOrder(lots).filter((l) => l.available > 0 && (l.bestBefore === null || l.bestBefore > usableUntil))
  const available = usable.reduce((a, l) => a + l.available, 0)
  if (available < quantity) return { ok: false, available }
  const picks: LotPick[] = []
  let left = quantity
  for (const lot of usable) {
    if (left === 0) break
    const take = Math.min(left, lot.available)
    picks.push({ lotId: lot.lotId, quantity: take })
    left -= take
  }
  return { ok: true, picks }
}
