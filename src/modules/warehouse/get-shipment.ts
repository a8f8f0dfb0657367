import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { Address } from './packing-view.ts'

export type ShipmentView = {
  id: string; number: string; status: string; orderId: string; orderNumber: string; orderStatus: string; shipTo: Address; shippingMethod: string
  warehouse: { code: string; name: string; commune: string; postalCode: string; territory: string }
  parcelCount: number; weightG: number | null; protectivePacking: boolean; carrier: string | null; trackingNumber: string | null; trackingUrl: string | null
  packedAt: Date | null; shippedAt: Date | null
  lines: { sku: string; name: string; lotCode: string; bestBefore: string | null; quantity: number; bottle: boolean }[]
}
export type ShipmentRow = { id: string; number: string; status: string; orderId: string; orderNumber: string; warehouseCode: string; parcelCount: number; units: number; carrier: string | null; trackingNumber: string | null; packedAt: Date | null; shippedAt: Date | null }

export async function getShipment(ctx: Ctx, id: string): Promise<ShipmentView | null> {
  const s = (await sql<{ id: string; number: string; status: string; order_id: string; order_number: string; order_status: string; ship_to: Address; shipping_method_name: string; w_code: string; w_name: string; w_commune: string; w_postal: string; w_territory: string; parcel_count: number; weight_g: number | null; protective_packing: boolean; carrier: string | null; tracking_number: string | null; tracking_url: string | null; packed_at: Date | null; shipped_at: Date | null }>`
    SELECT s.id, s.number, s.status, s.order_id, o.number AS order_number, o.status AS order_status, o.ship_to, o.shipping_method_name,
           w.code AS w_code, w.name AS w_name, w.commune AS w_commune, w.postal_code AS w_postal, w.territory_code AS w_territory,
           s.parcel_count, s.weight_g, s.protective_packing, s.carrier, s.tracking_number, s.tracking_url, s.packed_at, s.shipped_at
      FROM shipments s JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.code = s.warehouse_code WHERE s.id = ${id}`.execute(ctx.db)).rows[0]
  if (!s) return null
  const lines = await sql<{ sku: string; name: string; lot_code: string; best_before: Date | null; quantity: number; bottle: boolean }>`
    SELECT ol.sku, ol.name, l.lot_code, l.best_before, sl.quantity, p.shipping_class_code = 'BOTTLE' AS bottle
      FROM shipment_lines sl JOIN order_lines ol ON ol.id = sl.order_line_id JOIN lots l ON l.id = sl.lot_id
      JOIN product_variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id
     WHERE sl.shipment_id = ${id} ORDER BY ol.position, l.lot_code`.execute(ctx.db)
  return {
    id: s.id, number: s.number, status: s.status, orderId: s.order_id, orderNumber: s.order_number, orderStatus: s.order_status, shipTo: s.ship_to, shippingMethod: s.shipping_method_name,
    warehouse: { code: s.w_code, name: s.w_name, commune: s.w_commune, postalCode: s.w_postal, territory: s.w_territory },
    parcelCount: s.parcel_count, weightG: s.weight_g, protectivePacking: s.protective_packing, carrier: s.carrier, trackingNumber: s.tracking_number, trackingUrl: s.tracking_url,
    packedAt: s.packed_at, shippedAt: s.shipped_at,
    lines: lines.rows.map((l) => ({ sku: l.sku, name: l.name, lotCode: l.lot_code, bestBefore: l.best_before ? isoDay(l.best_before) : null, quantity: l.quantity, bottle: l.bottle })),
  }
}

/** Shipments by status (packed: waiting for the carrier), oldest first for those to act on. */
export async function listShipments(ctx: Ctx, input: { status: string; warehouse?: string | null; limit?: number; offset?: number }): Promise<ShipmentRow[]> {
  const r = await sql<{ id: string; number: string; status: string; order_id: string; order_number: string; warehouse_code: string; parcel_count: number; units: number; carrier: string | null; tracking_number: string | null; packed_at: Date | null; shipped_at: Date | null }>`
    SELECT s.id, s.number, s.status, s.order_id, o.number AS order_number, s.warehouse_code, s.parcel_count,
           (SELECT COALESCE(SUM(quantity), 0)::int FROM shipment_lines x WHERE x.shipment_id = s.id) AS units, s.carrier, s.tracking_number, s.packed_at, s.shipped_at
      FROM shipments s JOIN orders o ON o.id = s.order_id
     WHERE s.status = ${input.status} AND (${input.warehouse ?? null}::text IS NULL OR s.warehouse_code = ${input.warehouse ?? null}::text)
     ORDER BY ${input.status === 'packed' ? sql`s.packed_at, s.number` : sql`s.created_at DESC, s.number DESC`}
     LIMIT ${input.limit ?? 50} OFFSET ${input.offset ?? 0}`.execute(ctx.db)
  return r.rows.map((s) => ({ id: s.id, number: s.number, status: s.status, orderId: s.order_id, orderNumber: s.order_number, warehouseCode: s.warehouse_code, parcelCount: s.parcel_count, units: s.units, carrier: s.carrier, trackingNumber: s.tracking_number, packedAt: s.packed_at, shippedAt: s.shipped_at }))
}
