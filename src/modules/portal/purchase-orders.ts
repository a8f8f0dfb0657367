import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { confirmPurchaseOrder, renderPurchaseOrderPdf } from '../purchasing/index.ts'
import { cents, type ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

export type PortalPurchaseOrder = {
  id: string
  number: string
  status: string
  model: 'PURCHASE' | 'CONSIGNMENT'
  warehouseCode: string
  expectedOn: string | null
  sentAt: Date | null
  confirmedAt: Date | null
  totalNet: number
  lineCount: number
}
export type PortalPurchaseOrderLine = { position: number; sku: string; name: string; quantityOrdered: number; quantityReceived: number; unitCost: number; lineNet: number }
export type PortalPurchaseOrderDetail = PortalPurchaseOrder & { note: string | null; version: number; lines: PortalPurchaseOrderLine[] }

/** Orders a producer sees: every one sent to them, never a draft still being prepared. */
const VISIBLE = ['sent', 'confirmed', 'partially_received', 'received', 'closed', 'cancelled'] as const

function ordersOf(ctx: Ctx, scope: ProducerScope) {
  return portalDb(ctx.db)
    .selectFrom('purchase_orders as po')
    .select(['po.id', 'po.number', 'po.status', 'po.model', 'po.warehouse_code', 'po.expected_on', 'po.sent_at', 'po.confirmed_at', 'po.note', 'po.version'])
    .select((eb) => [
      eb.selectFrom('purchase_order_lines as l').select(sql<string>`coalesce(sum(l.quantity_ordered * l.unit_cost), 0)`.as('t')).whereRef('l.purchase_order_id', '=', 'po.id').as('total_net'),
      eb.selectFrom('purchase_order_lines as l').select(sql<string>`count(*)`.as('c')).whereRef('l.purchase_order_id', '=', 'po.id').as('line_count'),
    ])
    .where('po.producer_id', '=', scope.producerId)
    .where('po.status', 'in', VISIBLE)
}

type Row = Awaited<ReturnType<ReturnType<typeof ordersOf>['execute']>>[number]
const toOrder = (r: Row): PortalPurchaseOrder => ({
  id: r.id, number: r.number, status: r.status, model: r.model, warehouseCode: r.warehouse_code, expectedOn: r.expected_on ? isoDay(r.expected_on) : null,
  sentAt: r.sent_at, confirmedAt: r.confirmed_at, totalNet: cents(r.total_net), lineCount: Number(r.line_count ?? 0),
})

/** The producer's purchase orders, newest first (those to confirm first). */
export async function listPortalPurchaseOrders(ctx: Ctx, scope: ProducerScope): Promise<PortalPurchaseOrder[]> {
  const rows = await ordersOf(ctx, scope).orderBy(sql`po.status = 'sent'`, 'desc').orderBy('po.created_at', 'desc').orderBy('po.id', 'desc').limit(200).execute()
  return rows.map(toOrder)
}

/** One purchase order with its lines, or null when it is unknown, a draft, or another producer's. */
export async function getPortalPurchaseOrder(ctx: Ctx, scope: ProducerScope, id: string): Promise<PortalPurchaseOrderDetail | null> {
  const row = await ordersOf(ctx, scope).where('po.id', '=', id).executeTakeFirst()
  if (!row) return null
  const lines = await portalDb(ctx.db)
    .selectFrom('purchase_order_lines as l')
    .innerJoin('product_variants as v', 'v.id', 'l.variant_id')
    .select(['l.position', 'v.sku', 'v.name_fr', 'l.quantity_ordered', 'l.quantity_received', 'l.unit_cost'])
    .where('l.purchase_order_id', '=', row.id)
    .orderBy('l.position')
    .execute()
  return {
    ...toOrder(row), note: row.note, version: row.version,
    lines: lines.map((l) => ({ position: l.position, sku: l.sku, name: l.name_fr, quantityOrdered: l.quantity_ordered, quantityReceived: l.quantity_received, unitCost: cents(l.unit_cost), lineNet: l.quantity_ordered * cents(l.unit_cost) })),
  }
}

/**
 * The producer confirms an order sent to them (sent → confirmed) through the purchasing module,
 * after this scoped read: another producer's order or a draft is NOT_FOUND; an order past
 * "sent" (other than confirmed, which stays as it is) is CONFLICT.
 */
export async function confirmPortalPurchaseOrder(ctx: Ctx, scope: ProducerScope, id: string): Promise<void> {
  const po = await getPortalPurchaseOrder(ctx, scope, id)
  if (!po) throw new AppError('NOT_FOUND', 'Ce bon de commande n’existe pas.')
  if (po.status !== 'sent' && po.status !== 'confirmed') throw new AppError('CONFLICT', 'Ce bon de commande n’attend plus de confirmation.')
  await confirmPurchaseOrder(ctx, { producerId: scope.producerId, purchaseOrderId: po.id })
}

/** The order's PDF, rendered by the purchasing module only once this scoped read proved it is the producer's. */
export async function portalPurchaseOrderPdf(ctx: Ctx, scope: ProducerScope, id: string): Promise<{ number: string; pdf: Buffer } | null> {
  const po = await getPortalPurchaseOrder(ctx, scope, id)
  if (!po) return null
  const pdf = await renderPurchaseOrderPdf(ctx, po.id)
  return pdf ? { number: po.number, pdf } : null
}
