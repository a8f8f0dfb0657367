import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueEmail } from '../notifications/index.ts'
import { CARRIERS, checkTracking } from './carriers.ts'
import { consumeReservations } from './consume-reservations.ts'
import { settleOrderProgress } from './order-progress.ts'
import { staffIdOf } from './tables.ts'

export type ShipInput = { shipmentId: string; carrier: string; trackingNumber: string; orderUrl: (orderId: string, locale: 'fr' | 'en') => string }

/** A refused hand-over: the field to fix and its message. */
export class ShippingRefused extends AppError {
  constructor(readonly field: string, message: string) {
    super('VALIDATION_FAILED', message)
  }
}

/**
 * A packed parcel leaves with its carrier: the tracking number is checked, the units leave the
 * stock (one SALE movement per lot: on hand and allocated both go down, reference = shipment),
 * their reservations become SHIPPED, the order moves to shipped when nothing else is left, and
 * the shopper is told (with the tracking link and, for a partial shipment, what follows).
 * Call it inside a transaction.
 */
export async function shipShipment(ctx: Ctx, input: ShipInput): Promise<{ number: string; orderStatus: string | null; emailQueued: boolean }> {
  const s = (await sql<{ id: string; number: string; order_id: string; status: string; parcel_count: number }>`
    SELECT id, number, order_id, status, parcel_count FROM shipments WHERE id = ${input.shipmentId} FOR UPDATE`.execute(ctx.db)).rows[0]
  if (!s) throw new AppError('NOT_FOUND', 'Cette expédition n’existe pas.')
  if (s.status !== 'packed') throw new AppError('CONFLICT', `L’expédition ${s.number} est ${s.status === 'shipped' ? 'déjà partie' : `au statut ${s.status}`} : elle ne peut pas être expédiée.`)
  const tracking = checkTracking(input.carrier, input.trackingNumber)
  if (!tracking.ok) throw new ShippingRefused(tracking.field, tracking.message)

  const lines = (await sql<{ order_line_id: string; lot_id: string; quantity: number; sku: string; name: string }>`
    SELECT sl.order_line_id, sl.lot_id, sl.quantity, ol.sku, ol.name FROM shipment_lines sl JOIN order_lines ol ON ol.id = sl.order_line_id
     WHERE sl.shipment_id = ${s.id} ORDER BY ol.position, sl.lot_id`.execute(ctx.db)).rows
  for (const l of lines) {
    const done = await consumeReservations(ctx, { orderLineId: l.order_line_id, lotId: l.lot_id, quantity: l.quantity, status: 'SHIPPED' })
    if (done !== l.quantity) throw new AppError('CONFLICT', `${l.sku} : ${l.quantity} unité(s) dans le colis mais ${done} encore allouée(s) à la commande. Le colis ne part pas ; vérifiez la commande.`)
  }
  const staffId = staffIdOf(ctx.actor)
  await sql`INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference, note, staff_id, created_at)
    SELECT sl.lot_id, -SUM(sl.quantity)::int, -SUM(sl.quantity)::int, 'SALE', ${s.id}::text, ${`expédition ${s.number}`}::text, ${staffId}::text, ${ctx.now}::timestamptz
      FROM shipment_lines sl WHERE sl.shipment_id = ${s.id} GROUP BY sl.lot_id ORDER BY sl.lot_id`.execute(ctx.db)
  await sql`UPDATE shipments SET status = 'shipped', carrier = ${tracking.carrier}, tracking_number = ${tracking.number}, tracking_url = ${tracking.url}, shipped_at = ${ctx.now} WHERE id = ${s.id}`.execute(ctx.db)
  const orderStatus = await settleOrderProgress(ctx, s.order_id)

  const order = (await sql<{ number: string; email: string; locale: 'fr' | 'en' }>`SELECT number, email, locale FROM orders WHERE id = ${s.order_id}`.execute(ctx.db)).rows[0]!
  // what the order still waits for: ordered units not in a parcel that left, nor cancelled
  const later = (await sql<{ name: string; quantity: number }>`
    SELECT ol.name, (ol.quantity - COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r WHERE r.order_line_id = ol.id AND r.status IN ('SHIPPED', 'RELEASED')), 0))::int AS quantity
      FROM order_lines ol WHERE ol.order_id = ${s.order_id} AND NOT ol.made_to_order ORDER BY ol.position`.execute(ctx.db)).rows.filter((l) => l.quantity > 0)
  const shipped = new Map<string, number>()
  for (const l of lines) shipped.set(l.name, (shipped.get(l.name) ?? 0) + l.quantity)
  const mail = await queueEmail(ctx, {
    to: order.email, locale: order.locale, template: 'order-shipped', dedupeKey: `order-shipped:${s.id}`,
    data: {
      orderNumber: order.number, orderUrl: input.orderUrl(s.order_id, order.locale), shipmentNumber: s.number, carrier: CARRIERS[tracking.carrier].label,
      trackingNumber: tracking.number, trackingUrl: tracking.url, parcelCount: s.parcel_count, shipped: [...shipped].map(([name, quantity]) => ({ name, quantity })), later,
    },
  })
  await recordAudit(ctx, { action: 'warehouse.shipped', entityType: 'shipment', entityId: s.id, before: { status: 'packed' }, after: { status: 'shipped', carrier: tracking.carrier, tracking: tracking.number, orderStatus } })
  return { number: s.number, orderStatus, emailQueued: mail.queued }
}
