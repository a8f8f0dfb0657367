import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueEmail } from '../notifications/index.ts'
import { consumeReservations } from './consume-reservations.ts'
import { settleOrderProgress } from './order-progress.ts'
import { staffIdOf } from './tables.ts'

type LotLeft = { lot_id: string; left: number }

/** Per lot, the allocated units of an order line that are in no parcel yet (what may be cancelled). */
async function lotsLeft(ctx: Ctx, orderLineId: string): Promise<LotLeft[]> {
  return (await sql<LotLeft>`
    SELECT r.lot_id, (SUM(r.quantity) - COALESCE((SELECT SUM(sl.quantity) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
                                                   WHERE sl.order_line_id = ${orderLineId} AND sl.lot_id = r.lot_id AND s.status IN ('packing', 'packed')), 0))::int AS left
      FROM stock_reservations r WHERE r.order_line_id = ${orderLineId} AND r.status = 'ALLOCATED' GROUP BY r.lot_id ORDER BY r.lot_id`.execute(ctx.db)).rows.filter((l) => l.left > 0)
}

/** Units of the line that may still be cancelled, with the line's name and its order. */
export async function cancellableUnits(ctx: Ctx, input: { orderId: string; orderLineId: string }): Promise<{ name: string; units: number } | null> {
  const line = (await sql<{ name: string }>`SELECT name FROM order_lines WHERE id = ${input.orderLineId} AND order_id = ${input.orderId}`.execute(ctx.db)).rows[0]
  if (!line) return null
  return { name: line.name, units: (await lotsLeft(ctx, input.orderLineId)).reduce((a, l) => a + l.left, 0) }
}

/**
 * The packer cancels units of a line that will not ship (missing, broken): their allocation is
 * given back (DEALLOCATE), the order moves on if the rest is packed or gone, and the shopper is
 * told with the refund made for them (the refund itself is the staff refund flow, run by the
 * caller first). Call it inside a transaction.
 */
export async function cancelLineRest(ctx: Ctx, input: { orderId: string; orderLineId: string; quantity: number; refundGross: number; orderUrl: (orderId: string, locale: 'fr' | 'en') => string; dedupeKey: string }): Promise<{ released: number; orderStatus: string | null }> {
  await sql`SELECT id FROM orders WHERE id = ${input.orderId} FOR UPDATE`.execute(ctx.db)
  const line = await cancellableUnits(ctx, input)
  if (!line) throw new AppError('NOT_FOUND', 'Cette ligne de commande n’existe pas.')
  let left = Math.min(input.quantity, line.units)
  const staffId = staffIdOf(ctx.actor)
  let released = 0
  for (const lot of await lotsLeft(ctx, input.orderLineId)) {
    if (left === 0) break
    const n = await consumeReservations(ctx, { orderLineId: input.orderLineId, lotId: lot.lot_id, quantity: Math.min(left, lot.left), status: 'RELEASED' })
    await sql`INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference, note, staff_id, created_at)
      VALUES (${lot.lot_id}, 0, ${-n}, 'DEALLOCATE', ${input.orderId}, 'reste de ligne annulé à l’emballage', ${staffId}, ${ctx.now})`.execute(ctx.db)
    left -= n
    released += n
  }
  const orderStatus = await settleOrderProgress(ctx, input.orderId)
  if (released > 0) {
    const o = (await sql<{ number: string; email: string; locale: 'fr' | 'en' }>`SELECT number, email, locale FROM orders WHERE id = ${input.orderId}`.execute(ctx.db)).rows[0]!
    await queueEmail(ctx, {
      to: o.email, locale: o.locale, template: 'order-line-cancelled', dedupeKey: input.dedupeKey,
      data: { orderNumber: o.number, orderUrl: input.orderUrl(input.orderId, o.locale), items: [{ name: line.name, quantity: released }], refundGross: input.refundGross },
    })
    await recordAudit(ctx, { action: 'warehouse.line_rest_cancelled', entityType: 'order', entityId: input.orderId, after: { orderLineId: input.orderLineId, released, refundGross: input.refundGross, orderStatus } })
  }
  return { released, orderStatus }
}
