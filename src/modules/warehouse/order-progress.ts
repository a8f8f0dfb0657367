import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { transitionOrder } from '../orders/index.ts'

/**
 * Moves an order as far as its parcels allow: picking → packed once every allocated unit is
 * in a parcel; packed → shipped once no unit is left allocated nor in a parcel waiting to
 * leave. A partial shipment keeps the order in picking. Returns the status after the move.
 * Closes the pick lists of the order that have nothing left to pick.
 */
export async function settleOrderProgress(ctx: Ctx, orderId: string): Promise<string | null> {
  const r = (await sql<{ status: string; unpacked: number; waiting: number; shipped: number }>`
    SELECT o.status,
      (SELECT COALESCE(SUM(quantity), 0)::int FROM stock_reservations WHERE order_id = o.id AND status = 'ALLOCATED')
        - (SELECT COALESCE(SUM(sl.quantity), 0)::int FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id WHERE s.order_id = o.id AND s.status IN ('packing', 'packed')) AS unpacked,
      (SELECT count(*)::int FROM shipments WHERE order_id = o.id AND status IN ('packing', 'packed')) AS waiting,
      (SELECT count(*)::int FROM shipments WHERE order_id = o.id AND status IN ('shipped', 'delivered')) AS shipped
      FROM orders o WHERE o.id = ${orderId}`.execute(ctx.db)).rows[0]
  if (!r) return null
  let status = r.status
  if (status === 'picking' && r.unpacked <= 0 && (r.waiting > 0 || r.shipped > 0)) {
    const t = await transitionOrder(ctx, { orderId, to: 'packed', from: ['picking'], note: 'toutes les unités sont emballées' })
    if (t.changed) status = 'packed'
  }
  if (status === 'packed' && r.unpacked <= 0 && r.waiting === 0 && r.shipped > 0) {
    const t = await transitionOrder(ctx, { orderId, to: 'shipped', from: ['packed'], note: 'toutes les unités sont expédiées' })
    if (t.changed) status = 'shipped'
  }
  // a pick list is done once none of its lines still holds allocated units (all shipped or released)
  await sql`
    UPDATE pick_lists pk SET status = 'done', closed_at = ${ctx.now}
     WHERE pk.status = 'open' AND pk.id IN (SELECT pick_list_id FROM pick_list_lines WHERE order_id = ${orderId})
       AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl JOIN stock_reservations r ON r.order_line_id = pl.order_line_id AND r.status = 'ALLOCATED'
                        WHERE pl.pick_list_id = pk.id)`.execute(ctx.db)
  return status
}
