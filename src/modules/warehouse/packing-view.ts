import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

export type PackUnit = { orderLineId: string; lotId: string; sku: string; name: string; lotCode: string; bestBefore: string | null; shippingClass: string; unitWeightG: number; ordered: number; pending: number; warehouseCode: string }
export type ShipmentLineView = { sku: string; name: string; lotCode: string; bestBefore: string | null; quantity: number }
export type ShipmentSummary = { id: string; number: string; status: string; warehouseCode: string; parcelCount: number; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null; packedAt: Date | null; shippedAt: Date | null; lines: ShipmentLineView[] }
export type Address = { name: string; line1: string; line2?: string | null; postalCode: string; city: string; country: string; phone?: string | null }
export type PackingView = {
  orderId: string; number: string; status: string; email: string; locale: 'fr' | 'en'; zone: string; shipTo: Address; shippingMethod: string; deliveryDate: string | null
  /** picked units not yet in a parcel, per order line and lot */
  units: PackUnit[]
  /** order lines with units still allocated but on no pick list (not picked yet) */
  unpicked: { sku: string; name: string; quantity: number }[]
  shipments: ShipmentSummary[]
}

/** What a packer sees for an order: picked units to pack, what is not picked yet, its parcels. */
export async function getPackingView(ctx: Ctx, orderId: string): Promise<PackingView | null> {
  const o = (await sql<{ id: string; number: string; status: string; email: string; locale: 'fr' | 'en'; zone: string; ship_to: Address; shipping_method_name: string; delivery_date: Date | null }>`
    SELECT id, number, status, email, locale, zone, ship_to, shipping_method_name, delivery_date FROM orders WHERE id = ${orderId}`.execute(ctx.db)).rows[0]
  if (!o) return null
  const units = await sql<{ order_line_id: string; lot_id: string; sku: string; name: string; lot_code: string; best_before: Date | null; shipping_class_code: string; gross_weight_g: number; ordered: number; pending: number; warehouse_code: string }>`
    WITH alloc AS (
      SELECT r.order_line_id, r.lot_id, SUM(r.quantity)::int AS q FROM stock_reservations r
       WHERE r.order_id = ${orderId} AND r.status = 'ALLOCATED'
         AND EXISTS (SELECT 1 FROM pick_list_lines pl JOIN pick_lists pk ON pk.id = pl.pick_list_id WHERE pl.reservation_id = r.id AND pk.status <> 'cancelled')
       GROUP BY 1, 2),
    packed AS (
      SELECT sl.order_line_id, sl.lot_id, SUM(sl.quantity)::int AS q FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
       WHERE s.order_id = ${orderId} AND s.status IN ('packing', 'packed') GROUP BY 1, 2)
    SELECT a.order_line_id, a.lot_id, ol.sku, ol.name, l.lot_code, l.best_before, p.shipping_class_code, v.gross_weight_g, ol.quantity AS ordered,
           a.q - COALESCE(k.q, 0) AS pending, l.warehouse_code
      FROM alloc a JOIN order_lines ol ON ol.id = a.order_line_id JOIN lots l ON l.id = a.lot_id
      JOIN product_variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id
      LEFT JOIN packed k ON k.order_line_id = a.order_line_id AND k.lot_id = a.lot_id
     WHERE a.q - COALESCE(k.q, 0) > 0
     ORDER BY ol.position, l.best_before NULLS LAST, l.lot_code`.execute(ctx.db)
  const unpicked = await sql<{ sku: string; name: string; quantity: number }>`
    SELECT ol.sku, ol.name, SUM(r.quantity)::int AS quantity FROM stock_reservations r JOIN order_lines ol ON ol.id = r.order_line_id
     WHERE r.order_id = ${orderId} AND r.status = 'ALLOCATED'
       AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl JOIN pick_lists pk ON pk.id = pl.pick_list_id WHERE pl.reservation_id = r.id AND pk.status <> 'cancelled')
     GROUP BY ol.sku, ol.name, ol.position ORDER BY ol.position`.execute(ctx.db)
  return {
    orderId: o.id, number: o.number, status: o.status, email: o.email, locale: o.locale, zone: o.zone, shipTo: o.ship_to, shippingMethod: o.shipping_method_name,
    deliveryDate: o.delivery_date ? isoDay(o.delivery_date) : null,
    units: units.rows.map((u) => ({ orderLineId: u.order_line_id, lotId: u.lot_id, sku: u.sku, name: u.name, lotCode: u.lot_code, bestBefore: u.best_before ? isoDay(u.best_before) : null, shippingClass: u.shipping_class_code, unitWeightG: u.gross_weight_g, ordered: u.ordered, pending: u.pending, warehouseCode: u.warehouse_code })),
    unpicked: unpicked.rows,
    shipments: await listOrderShipments(ctx, orderId),
  }
}

/** An order's shipments with their lines (shopper order page, back-office order, packing). */
export async function listOrderShipments(ctx: Ctx, orderId: string): Promise<ShipmentSummary[]> {
  const r = await sql<{ id: string; number: string; status: string; warehouse_code: string; parcel_count: number; carrier: string | null; tracking_number: string | null; tracking_url: string | null; packed_at: Date | null; shipped_at: Date | null; lines: { sku: string; name: string; lot_code: string; best_before: string | null; quantity: number }[] }>`
    SELECT s.id, s.number, s.status, s.warehouse_code, s.parcel_count, s.carrier, s.tracking_number, s.tracking_url, s.packed_at, s.shipped_at,
           COALESCE((SELECT json_agg(json_build_object('sku', ol.sku, 'name', ol.name, 'lot_code', l.lot_code, 'best_before', l.best_before, 'quantity', sl.quantity) ORDER BY ol.position, l.lot_code)
                       FROM shipment_lines sl JOIN order_lines ol ON ol.id = sl.order_line_id JOIN lots l ON l.id = sl.lot_id WHERE sl.shipment_id = s.id), '[]'::json) AS lines
      FROM shipments s WHERE s.order_id = ${orderId} AND s.status <> 'cancelled' ORDER BY s.created_at, s.number`.execute(ctx.db)
  return r.rows.map((s) => ({
    id: s.id, number: s.number, status: s.status, warehouseCode: s.warehouse_code, parcelCount: s.parcel_count, carrier: s.carrier, trackingNumber: s.tracking_number, trackingUrl: s.tracking_url,
    packedAt: s.packed_at, shippedAt: s.shipped_at, lines: s.lines.map((l) => ({ sku: l.sku, name: l.name, lotCode: l.lot_code, bestBefore: l.best_before, quantity: l.quantity })),
  }))
}
