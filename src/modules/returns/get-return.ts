import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { returnsDb, type ReturnStatus } from './tables.ts'

export type ReturnLineView = {
  orderLineId: string
  sku: string
  name: string
  quantity: number
  lotId: string | null
  lotCode: string | null
  bestBefore: string | null
  warehouseCode: string | null
  restocked: number
  writtenOff: number
}
export type ReturnWarehouse = { code: string; name: string; commune: string; postalCode: string; territory: string }

export type ReturnView = {
  id: string
  number: string
  status: ReturnStatus
  reason: string
  decisionNote: string | null
  requestedAt: Date
  decidedAt: Date | null
  receivedAt: Date | null
  refundedAt: Date | null
  refundAmount: number | null
  creditNoteId: string | null
  order: { id: string; number: string; email: string; locale: 'fr' | 'en'; status: string; customerId: string | null }
  lines: ReturnLineView[]
  /** where the units go back: the warehouses of their lots */
  warehouses: ReturnWarehouse[]
}

/** One return with its order, lines, lots and warehouses; null when unknown. `lock`: FOR UPDATE on the request row. */
export async function getReturn(ctx: Ctx, returnId: string, opts: { lock?: boolean } = {}): Promise<ReturnView | null> {
  const db = returnsDb(ctx.db)
  let q = db.selectFrom('return_requests as r').innerJoin('orders as o', 'o.id', 'r.order_id')
    .selectAll('r').select(['o.number as order_number', 'o.email', 'o.locale', 'o.status as order_status', 'o.customer_id'])
    .where('r.id', '=', returnId)
  if (opts.lock) q = q.forUpdate('r')
  const r = await q.executeTakeFirst()
  if (!r) return null
  const lines = await db.selectFrom('return_lines as rl').innerJoin('order_lines as l', 'l.id', 'rl.order_line_id').leftJoin('lots as lot', 'lot.id', 'rl.lot_id')
    .select(['rl.order_line_id', 'rl.quantity', 'rl.lot_id', 'rl.quantity_restocked', 'rl.quantity_written_off', 'l.sku', 'l.name', 'lot.lot_code', 'lot.best_before', 'lot.warehouse_code'])
    .where('rl.return_id', '=', returnId).orderBy('l.position').execute()
  const codes = [...new Set(lines.map((l) => l.warehouse_code).filter((c): c is string => c !== null))]
  const warehouses = codes.length ? await db.selectFrom('warehouses').select(['code', 'name', 'commune', 'postal_code', 'territory_code']).where('code', 'in', codes).orderBy('code').execute() : []
  return {
    id: r.id, number: r.number, status: r.status, reason: r.reason, decisionNote: r.decision_note, requestedAt: new Date(r.requested_at),
    decidedAt: r.decided_at, receivedAt: r.received_at, refundedAt: r.refunded_at, refundAmount: r.refund_amount === null ? null : Number(r.refund_amount), creditNoteId: r.credit_note_id,
    order: { id: r.order_id, number: r.order_number, email: r.email, locale: r.locale, status: r.order_status, customerId: r.customer_id },
    lines: lines.map((l) => ({
      orderLineId: l.order_line_id, sku: l.sku, name: l.name, quantity: l.quantity, lotId: l.lot_id, lotCode: l.lot_code, bestBefore: l.best_before ? isoDay(l.best_before) : null,
      warehouseCode: l.warehouse_code, restocked: l.quantity_restocked, writtenOff: l.quantity_written_off,
    })),
    warehouses: warehouses.map((w) => ({ code: w.code, name: w.name, commune: w.commune, postalCode: w.postal_code, territory: w.territory_code })),
  }
}

export type OrderReturnRow = { id: string; number: string; status: ReturnStatus; requestedAt: Date; units: number; refundAmount: number | null; decisionNote: string | null }

/** The returns of one order, oldest first (order page, back-office order detail). */
export async function listOrderReturns(ctx: Ctx, orderId: string): Promise<OrderReturnRow[]> {
  const rows = await returnsDb(ctx.db).selectFrom('return_requests as r')
    .select(['r.id', 'r.number', 'r.status', 'r.requested_at', 'r.refund_amount', 'r.decision_note', sql<number>`(SELECT COALESCE(sum(quantity), 0)::int FROM return_lines WHERE return_id = r.id)`.as('units')])
    .where('r.order_id', '=', orderId).orderBy('r.requested_at').orderBy('r.number').execute()
  return rows.map((r) => ({ id: r.id, number: r.number, status: r.status, requestedAt: new Date(r.requested_at), units: r.units, refundAmount: r.refund_amount === null ? null : Number(r.refund_amount), decisionNote: r.decision_note }))
}
