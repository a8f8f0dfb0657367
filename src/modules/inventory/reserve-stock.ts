import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { pickFefo } from './fefo.ts'
import { inventoryDb } from './tables.ts'

export type ReserveLine = { orderLineId: string; variantId: string; warehouseCode: string; quantity: number }
export type ReserveStockInput = {
  orderId: string
  lines: readonly ReserveLine[]
  /** the hold lapses then unless the order is paid (release-expired sweep) */
  expiresAt: Date
  /** ISO day the goods must still be good on (delivery date); default today */
  usableUntil?: string
}
export type Reservation = { id: string; orderLineId: string; variantId: string; lotId: string; quantity: number }
export type ReserveStockResult =
  | { ok: true; reservations: Reservation[] }
  | { ok: false; code: 'INVENTORY_INSUFFICIENT_STOCK'; variantId: string; orderLineId: string; available: number }

/**
 * Holds stock for an unpaid order, lot by lot in FEFO order, inside the caller's transaction.
 * The lot rows are locked (FOR UPDATE) in variant-then-lot order, so two checkouts for the
 * same goods queue instead of both seeing the last units, and never deadlock each other.
 * The stock_levels CHECK (available ≥ 0) remains the last defence if anything slipped.
 */
export async function reserveStock(ctx: Ctx, input: ReserveStockInput): Promise<ReserveStockResult> {
  const db = inventoryDb(ctx.db)
  const usableUntil = input.usableUntil ?? ctx.now.toISOString().slice(0, 10)
  const lines = [...input.lines].sort((a, b) => a.variantId.localeCompare(b.variantId) || a.warehouseCode.localeCompare(b.warehouseCode))
  const reservations: Reservation[] = []
  for (const line of lines) {
    const lots = await sql<{ lot_id: string; available: number; best_before: string | null; created_at: string }>`
      SELECT s.lot_id, s.on_hand - s.reserved - s.allocated AS available, l.best_before::text AS best_before, l.created_at::text AS created_at
        FROM stock_levels s JOIN lots l ON l.id = s.lot_id
       WHERE s.variant_id = ${line.variantId} AND s.warehouse_code = ${line.warehouseCode}
       ORDER BY s.lot_id
         FOR UPDATE OF s`.execute(ctx.db)
    const pick = pickFefo(lots.rows.map((l) => ({ lotId: l.lot_id, available: l.available, bestBefore: l.best_before, createdAt: l.created_at })), line.quantity, usableUntil)
    if (!pick.ok) return { ok: false, code: 'INVENTORY_INSUFFICIENT_STOCK', variantId: line.variantId, orderLineId: line.orderLineId, available: pick.available }
    for (const p of pick.picks) reservations.push({ id: newId('res'), orderLineId: line.orderLineId, variantId: line.variantId, lotId: p.lotId, quantity: p.quantity })
  }
  if (reservations.length === 0) return { ok: true, reservations }
  await db
    .insertInto('stock_movements')
    .values(reservations.map((r) => ({ lot_id: r.lotId, quantity: 0, reserved_delta: r.quantity, reason: 'RESERVE' as const, reference: input.orderId, note: null })))
    .execute()
  await db
    .insertInto('stock_reservations')
    .values(
      reservations.map((r) => ({
        id: r.id,
        order_id: input.orderId,
        order_line_id: r.orderLineId,
        variant_id: r.variantId,
        lot_id: r.lotId,
        quantity: r.quantity,
        status: 'HELD' as const,
        expires_at: input.expiresAt,
      })),
    )
    .execute()
  return { ok: true, reservations }
}
