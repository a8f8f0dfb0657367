import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { pickFefo } from './fefo.ts'

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
 * The lot rows of every line are locked (FOR UPDATE) in one statement, in variant-then-lot
 * order, so two checkouts for the same goods queue instead of both seeing the last units, and
 * never deadlock each other; the ledger movements and the holds are then written in a second
 * statement. The stock_levels CHECK (available ≥ 0) remains the last defence if anything slipped.
 */
export async function reserveStock(ctx: Ctx, input: ReserveStockInput): Promise<ReserveStockResult> {
  const usableUntil = input.usableUntil ?? ctx.now.toISOString().slice(0, 10)
  const lines = [...input.lines].sort((a, b) => a.variantId.localeCompare(b.variantId) || a.warehouseCode.localeCompare(b.warehouseCode))
  if (lines.length === 0) return { ok: true, reservations: [] }
  const lots = await sql<{ variant_id: string; warehouse_code: string; lot_id: string; available: number; best_before: string | null; created_at: string }>`
    SELECT s.variant_id, s.warehouse_code, s.lot_id, s.on_hand - s.reserved - s.allocated AS available, l.best_before::text AS best_before, l.created_at::text AS created_at
      FROM stock_levels s JOIN lots l ON l.id = s.lot_id
     WHERE (s.variant_id, s.warehouse_code) IN (SELECT * FROM unnest(${lines.map((l) => l.variantId)}::text[], ${lines.map((l) => l.warehouseCode)}::text[]))
     ORDER BY s.variant_id, s.warehouse_code, s.lot_id
       FOR UPDATE OF s`.execute(ctx.db)
  const reservations: Reservation[] = []
  for (const line of lines) {
    const mine = lots.rows.filter((l) => l.variant_id === line.variantId && l.warehouse_code === line.warehouseCode)
    const pick = pickFefo(mine.map((l) => ({ lotId: l.lot_id, available: l.available, bestBefore: l.best_before, createdAt: l.created_at })), line.quantity, usableUntil)
    if (!pick.ok) return { ok: false, code: 'INVENTORY_INSUFFICIENT_STOCK', variantId: line.variantId, orderLineId: line.orderLineId, available: pick.available }
    for (const p of pick.picks) reservations.push({ id: newId('res'), orderLineId: line.orderLineId, variantId: line.variantId, lotId: p.lotId, quantity: p.quantity })
  }
  const col = <K extends keyof Reservation>(k: K) => reservations.map((r) => r[k])
  await sql`
    WITH held AS (SELECT * FROM unnest(${col('id')}::text[], ${col('orderLineId')}::text[], ${col('variantId')}::text[], ${col('lotId')}::text[], ${col('quantity')}::int[])
                  AS h(id, order_line_id, variant_id, lot_id, quantity)),
    ledger AS (INSERT INTO stock_movements (lot_id, quantity, reserved_delta, reason, reference, note)
               SELECT lot_id, 0, quantity, 'RESERVE', ${input.orderId}::text, NULL FROM held)
    INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status, expires_at)
    SELECT id, ${input.orderId}::text, order_line_id, variant_id, lot_id, quantity, 'HELD', ${input.expiresAt}::timestamptz FROM held`.execute(ctx.db)
  return { ok: true, reservations }
}
