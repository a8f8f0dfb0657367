import { randomUUID } from 'node:crypto'
import { STAFF_CANCELLABLE } from '../../flows/cancel-order-by-staff.ts'
import type { RefundOrderInput } from '../../flows/refund-order.ts'
import type { Ctx } from '../../kernel/ctx.ts'
import { listEntityAudit } from '../../modules/audit/index.ts'
import { creditLeftOfOrder, type CreditLeft } from '../../modules/invoicing/index.ts'
import { listOrderEmails } from '../../modules/notifications/index.ts'
import { getOrderView, listOrdersOfCustomer, type OrderView } from '../../modules/orders/index.ts'
import { listPaymentDetails } from '../../modules/payments/index.ts'
import { listOrderReturns } from '../../modules/returns/index.ts'
import { listOrderShipments } from '../../modules/warehouse/index.ts'
import type { OrderDesk } from '../../web/admin/order-detail-page.tsx'

/** Everything the order page shows, read through the modules (one query or two each, no loop of queries). */
export async function loadOrderDesk(ctx: Ctx, orderId: string): Promise<OrderDesk | null> {
  const order = await getOrderView(ctx, orderId)
  if (!order) return null
  const [payments, credit, emails, others, audit, shipments, returns] = await Promise.all([
    listPaymentDetails(ctx, order.id),
    creditLeftOfOrder(ctx, order.id),
    listOrderEmails(ctx, { to: order.email, orderNumber: order.number }),
    listOrdersOfCustomer(ctx, { ...(order.customerId ? { customerId: order.customerId } : {}), email: order.email, excludeOrderId: order.id, limit: 20 }),
    listEntityAudit(ctx, { entityType: 'order', entityId: order.id }),
    listOrderShipments(ctx, order.id),
    listOrderReturns(ctx, order.id),
  ])
  const payable = Math.max(0, ...payments.map((p) => p.refundable))
  return {
    order, payments, credit, emails, others, audit, shipments, returns,
    refundable: credit ? Math.max(0, Math.min(credit.leftGross, payable)) : 0,
    unitsLeft: unitsLeft(order, credit),
    shippingRefundable: credit?.shipping && !credit.shipping.credited && credit.amountNotes === 0 ? credit.shipping.gross : null,
    cancellable: STAFF_CANCELLABLE.includes(order.status),
    requestKey: randomUUID(),
  }
}

/** Units left per order line: a line taxed at several rates is several invoice lines (same units), in order. */
function unitsLeft(order: OrderView, credit: CreditLeft | null): Record<string, number> {
  const out: Record<string, number> = {}
  let i = 0
  for (const l of order.lines) {
    const parts = Math.max(1, l.vatParts.length)
    const lines = credit?.lines.slice(i, i + parts) ?? []
    out[l.id] = lines.length ? Math.min(...lines.map((x) => x.left)) : 0
    i += parts
  }
  return out
}

/** "12,50", "12.5", "1 234,56 €" → cents; blank → undefined; anything else → NaN (the schema says why). */
export function centsFromEuros(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined
  const s = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return Number.NaN
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'))
}

const wholeNumber = (raw: string): number => (/^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN)

/** The refund form as the flow's input: only the fields of the chosen mode count. */
export function refundInputFromForm(order: OrderView, body: Record<string, unknown>): RefundOrderInput {
  const mode = body.mode === 'lines' ? 'lines' : body.mode === 'amount' || body.mode === undefined ? 'amount' : String(body.mode)
  const lines = order.lines
    .map((l) => ({ orderLineId: l.id, raw: typeof body[`qty_${l.id}`] === 'string' ? (body[`qty_${l.id}`] as string) : '' }))
    .filter((x) => x.raw.trim() !== '' && x.raw.trim() !== '0')
    .map((x) => ({ orderLineId: x.orderLineId, quantity: wholeNumber(x.raw) }))
  return {
    orderId: order.id,
    requestKey: String(body.requestKey ?? ''),
    reason: String(body.refundReason ?? ''),
    mode: mode as 'amount' | 'lines',
    ...(mode === 'amount' ? { amount: centsFromEuros(body.amount) } : { lines, shipping: body.shipping === 'on' }),
  }
}

/** The form's own values, to show them again after a refusal. */
export const typedValues = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 600)]))
