import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { actorLabel } from './actor-label.ts'
import { ordersDb, type OrderAddress, type RatePartJson, type TaxSummary } from './tables.ts'

export type CreateOrderLine = {
  variantId: string; sku: string; name: string; quantity: number; unitGross: number; lineGross: number; discountGross: number
  net: number; vat: number; vatParts: RatePartJson[]; excise: number; css: number; warehouseCode: string; taxCategory: string
  madeToOrder: boolean; ageRestricted: boolean; withdrawalEligible: boolean
}

export type CreateOrderInput = {
  idempotencyKey: string
  cartId: string | null
  customerId: string | null
  email: string
  market: string
  shipTo: OrderAddress
  billTo: OrderAddress
  zone: string
  shippingMethodCode: string
  shippingMethodName: string
  deliveryDate: string | null
  promise: { from: string; to: string }
  promo: { id: string; code: string } | null
  totals: { goods: number; discount: number; shipping: number; taxAdjustment: number; net: number; vat: number; gross: number; excise: number }
  taxSummary: TaxSummary
  paymentMethod: 'card' | 'bank_transfer'
  birthDate: string | null
  ageConfirmed: boolean
  reservationExpiresAt: Date
  lines: CreateOrderLine[]
}

/**
 * Writes a placed order, its lines and the first history entry, in the caller's transaction,
 * in one statement. The human number comes from a sequence ("LK-100001"); the idempotency key
 * and the cart are UNIQUE, so a double submission can never write a second order.
 * `orderId`: the id to use when the caller needed it before (default: a new one).
 */
export async function createOrder(ctx: Ctx, input: CreateOrderInput & { orderId?: string }): Promise<{ orderId: string; orderNumber: string; lineIds: string[] }> {
  const orderId = input.orderId ?? newId('ord')
  const lineIds = input.lines.map(() => newId('orl'))
  const row = await ordersDb(ctx.db)
    .with('o', (db) =>
      db
        .insertInto('orders')
        .values({
          id: orderId, number: sql<string>`'LK-' || nextval('order_number_seq')`, status: 'placed', customer_id: input.customerId, email: input.email, locale: ctx.locale, market: input.market,
          currency: 'EUR', customer_kind: 'B2C', ship_to: JSON.stringify(input.shipTo), bill_to: JSON.stringify(input.billTo), zone: input.zone,
          shipping_method_code: input.shippingMethodCode, shipping_method_name: input.shippingMethodName, delivery_date: input.deliveryDate,
          promise_from: input.promise.from, promise_to: input.promise.to, promo_code: input.promo?.code ?? null, promo_id: input.promo?.id ?? null,
          goods_gross: input.totals.goods, discount_gross: input.totals.discount, shipping_gross: input.totals.shipping, tax_adjustment: input.totals.taxAdjustment,
          total_net: input.totals.net, total_vat: input.totals.vat, total_gross: input.totals.gross, excise_total: input.totals.excise,
          tax_summary: JSON.stringify(input.taxSummary), payment_method: input.paymentMethod, age_confirmed_at: input.ageConfirmed ? ctx.now : null,
          birth_date: input.birthDate, idempotency_key: input.idempotencyKey, cart_id: input.cartId, reservation_expires_at: input.reservationExpiresAt,
          placed_at: ctx.now, paid_at: null, cancelled_at: null, updated_at: ctx.now,
        })
        .returning('number'),
    )
    .with('l', (db) =>
      db.insertInto('order_lines').values(
        input.lines.map((l, i) => ({
          id: lineIds[i]!, order_id: orderId, position: i + 1, variant_id: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity,
          unit_gross: l.unitGross, line_gross: l.lineGross, discount_gross: l.discountGross, net: l.net, vat: l.vat, vat_parts: JSON.stringify(l.vatParts),
          excise: l.excise, css: l.css, warehouse_code: l.warehouseCode, tax_category: l.taxCategory, made_to_order: l.madeToOrder,
          age_restricted: l.ageRestricted, withdrawal_eligible: l.withdrawalEligible,
        })),
      ),
    )
    .with('h', (db) => db.insertInto('order_status_history').values({ order_id: orderId, from_status: null, to_status: 'placed', actor: actorLabel(ctx), note: null, created_at: ctx.now }))
    .selectFrom('o')
    .select('number')
    .executeTakeFirstOrThrow()
  return { orderId, orderNumber: row.number, lineIds }
}

/** An order already written for this idempotency key (a resubmitted form). */
export async function findOrderByIdempotencyKey(ctx: Ctx, key: string): Promise<{ orderId: string; orderNumber: string; status: string } | null> {
  const r = await ordersDb(ctx.db).selectFrom('orders').select(['id', 'number', 'status']).where('idempotency_key', '=', key).executeTakeFirst()
  return r ? { orderId: r.id, orderNumber: r.number, status: r.status } : null
}

/** Number and status of an order. */
export async function findOrderById(ctx: Ctx, orderId: string): Promise<{ orderId: string; orderNumber: string; status: string } | null> {
  const r = await ordersDb(ctx.db).selectFrom('orders').select(['id', 'number', 'status']).where('id', '=', orderId).executeTakeFirst()
  return r ? { orderId: r.id, orderNumber: r.number, status: r.status } : null
}
