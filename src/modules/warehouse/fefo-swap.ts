/**
 * FEFO at pick time (pure): a reservation moves to another lot of its variant in the same
 * warehouse when that lot expires earlier, is still good on the day the order must be usable,
 * and has enough free units for the whole reservation. Candidates are taken earliest first
 * and their free units are shared between reservations. A reservation on a lot that is no
 * longer good and finds no replacement is blocked: it is never picked.
 */
export type HeldUnit = { reservationId: string; variantId: string; lotId: string; bestBefore: string | null; quantity: number; usableUntil: string }
export type FreeLot = { lotId: string; variantId: string; bestBefore: string; createdAt: string; free: number }
export type Swap = { reservationId: string; fromLot: string; toLot: string; quantity: number }

export function planFefoSwaps(units: readonly HeldUnit[], lots: readonly FreeLot[]): { swaps: Swap[]; blocked: string[] } {
  const free = new Map(lots.map((l) => [l.lotId, l.free]))
  const sorted = [...lots].sort((a, b) => a.bestBefore.localeCompare(b.bestBefore) || a.createdAt.localeCompare(b.createdAt) || a.lotId.localeCompare(b.lotId))
  const swaps: Swap[] = []
  const blocked: string[] = []
  for (const u of units) {
    const stillGood = u.bestBefore === null || u.bestBefore > u.usableUntil
    const better = sorted.find((l) =>
      l.variantId === u.variantId && l.lotId !== u.lotId && l.bestBefore > u.usableUntil &&
      (u.bestBefore === null || l.bestBefore < u.bestBefore || !stillGood) && (free.get(l.lotId) ?? 0) >= u.quantity)
    if (better) {
      free.set(better.lotId, free.get(better.lotId)! - u.quantity)
      swaps.push({ reservationId: u.reservationId, fromLot: u.lotId, toLot: better.lotId, quantity: u.quantity })
    } else if (!stillGood) blocked.push(u.reservationId)
  }
  return { swaps, blocked }
}
