import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { PURCHASE_ORDER_LIFECYCLE, RECEIVABLE } from './lifecycle.ts'
import { lineNet, purchaseTotals, type PurchaseTotals } from './totals.ts'
import { purchasingDb, type PurchaseModel, type PurchaseOrderStatus } from './tables.ts'

export type PurchaseOrderLineView = {
  id: string; position: number; variantId: string; sku: string; name: string; packSize: number
  quantityOrdered: number; quantityReceived: number; unitCost: number; vatRateBp: number; net: number
}
export type PurchaseOrderView = {
  id: string; number: string; status: PurchaseOrderStatus; model: PurchaseModel; version: number
  producer: { id: string; name: string; email: string | null; code: string }
  warehouse: { code: string; name: string }
  expectedOn: string | null; note: string | null; createdAt: Date; sentAt: Date | null; confirmedAt: Date | null
  lines: PurchaseOrderLineView[]
  totals: PurchaseTotals
  receipts: { id: string; number: string; receivedOn: string; accepted: number }[]
  /** what the page may offer */
  can: { edit: boolean; send: boolean; cancel: boolean; close: boolean; receive: boolean }
}

/** One purchase order with its lines, totals (net, VAT per rate, gross) and receipts; null when unknown. */
export async function getPurchaseOrder(ctx: Ctx, id: string): Promise<PurchaseOrderView | null> {
  const db = purchasingDb(ctx.db)
  const po = await db.selectFrom('purchase_orders as o')
    .innerJoin('producers as p', 'p.id', 'o.producer_id').innerJoin('warehouses as w', 'w.code', 'o.warehouse_code')
    .selectAll('o').select(['p.trade_name', 'p.email', 'p.code as producer_code', 'w.name as warehouse_name'])
    .where('o.id', '=', id).executeTakeFirst()
  if (!po) return null
  const [lines, receipts] = await Promise.all([
    db.selectFrom('purchase_order_lines as l').innerJoin('product_variants as v', 'v.id', 'l.variant_id')
      .select(['l.id', 'l.position', 'l.variant_id', 'v.sku', 'v.name_fr', 'v.pack_size', 'l.quantity_ordered', 'l.quantity_received', 'l.unit_cost', 'l.vat_rate_bp'])
      .where('l.purchase_order_id', '=', id).orderBy('l.position').execute(),
    db.selectFrom('goods_receipts as r').leftJoin('goods_receipt_lines as gl', 'gl.receipt_id', 'r.id')
      .select(['r.id', 'r.number', 'r.received_on']).select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gl.quantity_accepted'), eb.lit(0)).as('accepted'))
      .where('r.purchase_order_id', '=', id).groupBy(['r.id', 'r.number', 'r.received_on']).orderBy('r.created_at').execute(),
  ])
  const lineViews = lines.map((l) => ({
    id: l.id, position: l.position, variantId: l.variant_id, sku: l.sku, name: l.name_fr, packSize: l.pack_size,
    quantityOrdered: l.quantity_ordered, quantityReceived: l.quantity_received, unitCost: Number(l.unit_cost), vatRateBp: l.vat_rate_bp,
    net: lineNet({ quantity: l.quantity_ordered, unitCost: Number(l.unit_cost), vatRateBp: l.vat_rate_bp }),
  }))
  const may = (to: PurchaseOrderStatus) => canTransition(PURCHASE_ORDER_LIFECYCLE, po.status, to).ok
  return {
    id: po.id, number: po.number, status: po.status, model: po.model, version: po.version,
    producer: { id: po.producer_id, name: po.trade_name, email: po.email, code: po.producer_code },
    warehouse: { code: po.warehouse_code, name: po.warehouse_name },
    expectedOn: po.expected_on ? isoDay(po.expected_on) : null, note: po.note, createdAt: po.created_at, sentAt: po.sent_at, confirmedAt: po.confirmed_at,
    lines: lineViews,
    totals: purchaseTotals(lineViews.map((l) => ({ quantity: l.quantityOrdered, unitCost: l.unitCost, vatRateBp: l.vatRateBp }))),
    receipts: receipts.map((r) => ({ id: r.id, number: r.number, receivedOn: isoDay(r.received_on), accepted: Number(r.accepted) })),
    can: { edit: po.status === 'draft', send: may('sent'), cancel: may('cancelled'), close: may('closed') && po.status !== 'sent', receive: RECEIVABLE.includes(po.status) },
  }
}
