import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

/** A paid order with units to pick in one warehouse. */
export type QueueOrder = {
  orderId: string
  number: string
  status: string
  paidAt: Date | null
  units: number
  lines: number
  bottles: boolean
  flowers: boolean
  deliveryDate: string | null
  /** other lines of the order leave from elsewhere, or some of it is already listed or shipped */
  partial: boolean
}

/**
 * The orders to prepare in a warehouse: their allocated units in that warehouse that are on no
 * pick list yet. Flowers with a delivery date first (soonest first), then the oldest payment.
 */
export async function listPreparationQueue(ctx: Ctx, input: { warehouse: string; limit?: number }): Promise<QueueOrder[]> {
  const r = await sql<{ order_id: string; number: string; status: string; paid_at: Date | null; units: number; lines: number; bottles: boolean; flowers: boolean; delivery_date: Date | null; partial: boolean }>`
    WITH todo AS (
      SELECT r.order_id, r.order_line_id, r.quantity, p.shipping_class_code
        FROM stock_reservations r
        JOIN order_lines ol ON ol.id = r.order_line_id
        JOIN orders o ON o.id = r.order_id
        JOIN product_variants v ON v.id = r.variant_id
        JOIN products p ON p.id = v.product_id
       WHERE r.status = 'ALLOCATED' AND ol.warehouse_code = ${input.warehouse} AND o.status IN ('paid', 'picking')
         AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl JOIN pick_lists pk ON pk.id = pl.pick_list_id WHERE pl.reservation_id = r.id AND pk.status <> 'cancelled'))
    SELECT o.id AS order_id, o.number, o.status, o.paid_at, SUM(t.quantity)::int AS units, COUNT(DISTINCT t.order_line_id)::int AS lines,
           bool_or(t.shipping_class_code = 'BOTTLE') AS bottles, bool_or(t.shipping_class_code = 'FRESH_FLOWERS_EXPRESS') AS flowers, o.delivery_date,
           (o.status <> 'paid' OR EXISTS (SELECT 1 FROM order_lines x WHERE x.order_id = o.id AND x.warehouse_code <> ${input.warehouse})) AS partial
      FROM todo t JOIN orders o ON o.id = t.order_id
     GROUP BY o.id
     ORDER BY bool_or(t.shipping_class_code = 'FRESH_FLOWERS_EXPRESS') AND o.delivery_date IS NOT NULL DESC, o.delivery_date NULLS LAST, o.paid_at NULLS LAST, o.placed_at, o.id
     LIMIT ${input.limit ?? 500}`.execute(ctx.db)
  return r.rows.map((x) => ({
    orderId: x.order_id, number: x.number, status: x.status, paidAt: x.paid_at, units: x.units, lines: x.lines, bottles: x.bottles, flowers: x.flowers,
    deliveryDate: x.delivery_date ? isoDay(x.delivery_date) : null, partial: x.partial,
  }))
}
