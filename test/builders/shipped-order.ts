import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import type { Db } from '../../src/kernel/db/client.ts'
import { newId } from '../../src/kernel/ids.ts'
import { transitionOrder } from '../../src/modules/orders/index.ts'
import { paidOrder } from './paid-order.ts'

type PaidInput = NonNullable<Parameters<typeof paidOrder>[1]>

/**
 * A paid order whose parcels left (as the warehouse screens record it): one shipment per
 * warehouse (status shipped, tracking, shipped_at; delivered with delivered_at when asked),
 * shipment_lines from its ALLOCATED reservations, which become SHIPPED, one SALE movement per lot
 * (on hand and allocated down, reference = shipment), and the order moved paid → picking →
 * packed → shipped (→ delivered).
 */
export async function shippedOrder(db: Db, input: PaidInput & { shippedAt?: Date; deliveredAt?: Date } = {}): Promise<{ orderId: string; number: string; accessToken: string; shipmentIds: string[] }> {
  const paid = await paidOrder(db, input)
  const shippedAt = input.shippedAt ?? new Date()
  const ctx = systemCtx(db, 'test-shipping', { now: shippedAt })
  const shipmentIds: string[] = []
  await db.transaction().execute(async (trx) => {
    const res = await sql<{ id: string; order_line_id: string; lot_id: string; quantity: number; warehouse_code: string }>`
      SELECT r.id, r.order_line_id, r.lot_id, r.quantity, l.warehouse_code FROM stock_reservations r JOIN lots l ON l.id = r.lot_id
       WHERE r.order_id = ${paid.orderId} AND r.status = 'ALLOCATED' ORDER BY r.id`.execute(trx)
    for (const wh of [...new Set(res.rows.map((r) => r.warehouse_code))]) {
      const id = newId('shp')
      shipmentIds.push(id)
      const seq = await sql<{ n: string }>`SELECT nextval('shipment_number_seq')::text AS n`.execute(trx)
      await sql`INSERT INTO shipments (id, number, order_id, warehouse_code, status, carrier, tracking_number, shipped_at, delivered_at, created_at)
        VALUES (${id}, ${`EX-${seq.rows[0]!.n.padStart(6, '0')}`}, ${paid.orderId}, ${wh}, ${input.deliveredAt ? 'delivered' : 'shipped'}, 'colissimo', 'TRK-1234567', ${shippedAt}, ${input.deliveredAt ?? null}, ${shippedAt})`.execute(trx)
      const mine = res.rows.filter((r) => r.warehouse_code === wh)
      for (const r of mine) {
        await sql`INSERT INTO shipment_lines (shipment_id, order_line_id, lot_id, quantity) VALUES (${id}, ${r.order_line_id}, ${r.lot_id}, ${r.quantity})
          ON CONFLICT (shipment_id, order_line_id, lot_id) DO UPDATE SET quantity = shipment_lines.quantity + EXCLUDED.quantity`.execute(trx)
        await sql`UPDATE stock_reservations SET status = 'SHIPPED', updated_at = ${shippedAt} WHERE id = ${r.id}`.execute(trx)
        await sql`INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference, note) VALUES (${r.lot_id}, ${-r.quantity}, ${-r.quantity}, 'SALE', ${id}, 'test shipment')`.execute(trx)
      }
    }
    const tctx = { ...ctx, db: trx }
    for (const to of ['picking', 'packed', 'shipped'] as const) {
      const t = await transitionOrder(tctx, { orderId: paid.orderId, to })
      if (!t.changed) throw new Error(`order ${paid.number} could not move to ${to}`)
    }
    if (input.deliveredAt) await transitionOrder({ ...tctx, now: input.deliveredAt }, { orderId: paid.orderId, to: 'delivered' })
  })
  return { ...paid, shipmentIds }
}
