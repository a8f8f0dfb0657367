import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { transitionOrder } from '../orders/index.ts'

/**
 * Moves an order as far as its parcels allow: picking → packed once every allocated unit is
 * in a parcel; packed → shipped once no unit is left allocated nor in a parcel waiting to
 * leave. A partial shipment keeps the order in picking. Returns the status after the move.
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
  return status
}
