import { sql, type Selectable } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { SHOPPER_CANCELLABLE, type OrderState } from './order-lifecycle.ts'
import { ordersDb, type OrderAddress, type OrderLinesTable, type OrdersTable, type OrderStatusHistoryTable, type RatePartJson, type TaxSummary, type WithdrawalRequestsTable } from './tables.ts'

// a row as json_agg gives it: timestamps arrive as ISO strings
type JsonRow<T> = { [K in keyof Selectable<T>]: Selectable<T>[K] extends Date ? string : Selectable<T>[K] }

/** An orders row with its lines, history and withdrawals as JSON arrays. */
export type OrderViewRow = Selectable<OrdersTable> & { lines: Selectable<OrderLinesTable>[]; history: JsonRow<OrderStatusHistoryTable>[]; withdrawals: JsonRow<WithdrawalRequestsTable>[] }

/** Days a consumer has to withdraw, counted from delivery (C. consom. L221-18). */
export const WITHDRAWAL_DAYS = 14

export type OrderView = {
  id: string
  number: string
  status: OrderState
  customerId: string | null
  email: string
  locale: 'fr' | 'en'
  market: string
  zone: string
  placedAt: Date
  paidAt: Date | null
  shipTo: OrderAddress
  billTo: OrderAddress
  shippingMethodName: string
  deliveryDate: string | null
  promise: { from: string; to: string }
  promoCode: string | null
  paymentMethod: 'card' | 'bank_transfer'
  totals: { goods: number; discount: number; shipping: number; taxAdjustment: number; net: number; vat: number; gross: number; excise: number }
  taxSummary: TaxSummary
  lines: { id: string; variantId: string; sku: string; name: string; quantity: number; unitGross: number; lineGross: number; discountGross: number; net: number; vat: number; vatParts: RatePartJson[]; excise: number; css: number; warehouseCode: string; ageRestricted: boolean; withdrawalEligible: boolean }[]
  history: { from: OrderState | null; to: OrderState; at: Date; actor: string; note: string | null }[]
  withdrawals: { id: string; receivedAt: Date; lines: { orderLineId: string; quantity: number }[] }[]
  cancellable: boolean
  /** the withdrawal button shows until 14 days after the promised delivery (no delivery scan yet) */
  withdrawalOpen: boolean
}

/**
 * One order with its lines and history (`history: false` skips history and withdrawals, for the
 * payment path); null when it does not exist. Access is checked by the caller.
 */
export async function getOrderView(ctx: Ctx, orderId: string, opts: { history?: boolean } = {}): Promise<OrderView | null> {
  const withHistory = opts.history ?? true
  // the order with its lines (and history) in one round trip; the JSON rows keep the column names
  const o = await ordersDb(ctx.db)
    .selectFrom('orders')
    .selectAll()
    .select(sql<Selectable<OrderLinesTable>[]>`COALESCE((SELECT json_agg(l ORDER BY l.position) FROM order_lines l WHERE l.order_id = orders.id), '[]'::json)`.as('lines'))
    .select(withHistory ? sql<JsonRow<OrderStatusHistoryTable>[]>`COALESCE((SELECT json_agg(h ORDER BY h.id) FROM order_status_history h WHERE h.order_id = orders.id), '[]'::json)`.as('history') : sql<JsonRow<OrderStatusHistoryTable>[]>`'[]'::json`.as('history'))
    .select(withHistory ? sql<JsonRow<WithdrawalRequestsTable>[]>`COALESCE((SELECT json_agg(w ORDER BY w.received_at) FROM withdrawal_requests w WHERE w.order_id = orders.id), '[]'::json)`.as('withdrawals') : sql<JsonRow<WithdrawalRequestsTable>[]>`'[]'::json`.as('withdrawals'))
    .where('id', '=', orderId)
    .executeTakeFirst()
  if (!o) return null
  return orderViewOf(ctx, o)
}

/** The view of an order row carrying its lines, history and withdrawals as JSON (also built by transitionOrder). */
export function orderViewOf(ctx: Ctx, o: OrderViewRow): OrderView {
  const { lines, history, withdrawals } = o
  const day = (d: unknown) => isoDay(d as Date | string)
  const promiseTo = day(o.promise_to)
  const withdrawalEnd = new Date(`${promiseTo}T23:59:59Z`).getTime() + WITHDRAWAL_DAYS * 86_400_000
  return {
    id: o.id, number: o.number, status: o.status, customerId: o.customer_id, email: o.email, locale: o.locale, market: o.market, zone: o.zone,
    placedAt: new Date(o.placed_at), paidAt: o.paid_at, shipTo: o.ship_to, billTo: o.bill_to, shippingMethodName: o.shipping_method_name,
    deliveryDate: o.delivery_date ? day(o.delivery_date) : null, promise: { from: day(o.promise_from), to: promiseTo }, promoCode: o.promo_code,
    paymentMethod: o.payment_method,
    totals: { goods: o.goods_gross, discount: o.discount_gross, shipping: o.shipping_gross, taxAdjustment: o.tax_adjustment, net: o.total_net, vat: o.total_vat, gross: o.total_gross, excise: o.excise_total },
    taxSummary: o.tax_summary,
    lines: lines.map((l) => ({ id: l.id, variantId: l.variant_id, sku: l.sku, name: l.name, quantity: l.quantity, unitGross: l.unit_gross, lineGross: l.line_gross, discountGross: l.discount_gross, net: l.net, vat: l.vat, vatParts: l.vat_parts, excise: l.excise, css: l.css, warehouseCode: l.warehouse_code, ageRestricted: l.age_restricted, withdrawalEligible: l.withdrawal_eligible })),
    history: history.map((h) => ({ from: h.from_status, to: h.to_status, at: new Date(h.created_at), actor: h.actor, note: h.note })),
    withdrawals: withdrawals.map((w) => ({ id: w.id, receivedAt: new Date(w.received_at), lines: w.lines })),
    cancellable: SHOPPER_CANCELLABLE.includes(o.status),
    withdrawalOpen: !['cancelled', 'refunded', 'placed', 'awaiting_payment'].includes(o.status) && ctx.now.getTime() <= withdrawalEnd && lines.some((l) => l.withdrawal_eligible),
  }
}

/** A customer's orders, newest first. */
export async function listCustomerOrders(ctx: Ctx, input: { customerId: string; limit?: number }): Promise<{ id: string; number: string; status: OrderState; placedAt: Date; totalGross: number }[]> {
  const rows = await ordersDb(ctx.db)
    .selectFrom('orders')
    .select(['id', 'number', 'status', 'placed_at', 'total_gross'])
    .where('customer_id', '=', input.customerId)
    .orderBy('placed_at', 'desc')
    .limit(input.limit ?? 50)
    .execute()
  return rows.map((r) => ({ id: r.id, number: r.number, status: r.status, placedAt: new Date(r.placed_at), totalGross: r.total_gross }))
}

/** Unpaid orders whose stock hold has lapsed (the expiry sweep cancels them). */
export async function listExpiredUnpaidOrders(ctx: Ctx, input: { limit: number }): Promise<string[]> {
  const rows = await ordersDb(ctx.db)
    .selectFrom('orders')
    .select('id')
    .where('status', 'in', ['placed', 'awaiting_payment'])
    .where('reservation_expires_at', '<', ctx.now)
    .orderBy('reservation_expires_at')
    .limit(input.limit)
    .execute()
  return rows.map((r) => r.id)
}

/** Records a withdrawal request (the acknowledgement e-mail is sent by the flow). */
export async function recordWithdrawal(ctx: Ctx, input: { id: string; orderId: string; lines: { orderLineId: string; quantity: number }[]; statement: string | null }): Promise<Date> {
  await ordersDb(ctx.db).insertInto('withdrawal_requests').values({ id: input.id, order_id: input.orderId, lines: JSON.stringify(input.lines), statement: input.statement, received_at: ctx.now }).execute()
  return ctx.now
}

/** Sets when an unpaid order's stock hold lapses. */
export async function setOrderHoldExpiry(ctx: Ctx, input: { orderId: string; expiresAt: Date }): Promise<void> {
  await ordersDb(ctx.db).updateTable('orders').set({ reservation_expires_at: input.expiresAt, updated_at: ctx.now }).where('id', '=', input.orderId).where('status', 'in', ['placed', 'awaiting_payment']).execute()
}
