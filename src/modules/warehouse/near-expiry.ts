import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

export type ExpiringLot = { lotId: string; lotCode: string; sku: string; name: string; producer: string; warehouseCode: string; location: string | null; bestBefore: string; daysLeft: number; onHand: number; free: number }

/** Lots with stock that expire within `days` days or are already past, soonest first. */
export async function listNearExpiryLots(ctx: Ctx, input: { days: number; warehouse?: string | null; limit?: number }): Promise<ExpiringLot[]> {
  const today = isoDay(ctx.now)
  const r = await sql<{ lot_id: string; lot_code: string; sku: string; name: string; producer: string; warehouse_code: string; location: string | null; best_before: Date; days_left: number; on_hand: number; free: number }>`
    SELECT l.id AS lot_id, l.lot_code, v.sku, v.name_fr AS name, pr.trade_name AS producer, l.warehouse_code, l.location, l.best_before,
           (l.best_before - ${today}::date)::int AS days_left, s.on_hand, s.on_hand - s.reserved - s.allocated AS free
      FROM lots l JOIN stock_levels s ON s.lot_id = l.id JOIN product_variants v ON v.id = l.variant_id
      JOIN products p ON p.id = v.product_id JOIN producers pr ON pr.id = p.producer_id
     WHERE l.best_before IS NOT NULL AND l.best_before <= ${today}::date + ${input.days}::int AND s.on_hand > 0
       AND (${input.warehouse ?? null}::text IS NULL OR l.warehouse_code = ${input.warehouse ?? null}::text)
     ORDER BY l.best_before, v.sku, l.lot_code LIMIT ${input.limit ?? 2000}`.execute(ctx.db)
  return r.rows.map((x) => ({ lotId: x.lot_id, lotCode: x.lot_code, sku: x.sku, name: x.name, producer: x.producer, warehouseCode: x.warehouse_code, location: x.location, bestBefore: isoDay(x.best_before), daysLeft: x.days_left, onHand: x.on_hand, free: x.free }))
}
