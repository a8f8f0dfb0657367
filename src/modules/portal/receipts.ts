import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

export type PortalReceiptLine = {
  sku: string
  name: string
  lotCode: string
  bestBefore: string | null
  ordered: number
  accepted: number
  damaged: number
  refused: number
  note: string | null
}
export type PortalReceipt = { id: string; number: string; purchaseOrderNumber: string; receivedOn: string; warehouseCode: string; note: string | null; lines: PortalReceiptLine[] }

/**
 * Goods receipts of the producer's purchase orders, newest first, with each line's accepted,
 * damaged and refused units (the discrepancies the producer is told about).
 */
export async function listPortalReceipts(ctx: Ctx, scope: ProducerScope): Promise<PortalReceipt[]> {
  const db = portalDb(ctx.db)
  const receipts = await db
    .selectFrom('goods_receipts as r')
    .innerJoin('purchase_orders as po', 'po.id', 'r.purchase_order_id')
    .select(['r.id', 'r.number', 'po.number as po_number', 'r.received_on', 'r.warehouse_code', 'r.note'])
    .where('r.producer_id', '=', scope.producerId)
    .where('po.producer_id', '=', scope.producerId)
    .orderBy('r.received_on', 'desc').orderBy('r.id', 'desc')
    .limit(200)
    .execute()
  if (!receipts.length) return []
  const lines = await db
    .selectFrom('goods_receipt_lines as gl')
    .innerJoin('purchase_order_lines as pl', 'pl.id', 'gl.purchase_order_line_id')
    .innerJoin('product_variants as v', 'v.id', 'gl.variant_id')
    .select(['gl.receipt_id', 'v.sku', 'v.name_fr', 'gl.lot_code', 'gl.best_before', 'pl.quantity_ordered', 'gl.quantity_accepted', 'gl.quantity_damaged', 'gl.quantity_refused', 'gl.discrepancy_note'])
    .where('gl.receipt_id', 'in', receipts.map((r) => r.id))
    .orderBy('pl.position').orderBy('gl.lot_code')
    .execute()
  return receipts.map((r) => ({
    id: r.id, number: r.number, purchaseOrderNumber: r.po_number, receivedOn: isoDay(r.received_on), warehouseCode: r.warehouse_code, note: r.note,
    lines: lines.filter((l) => l.receipt_id === r.id).map((l) => ({
      sku: l.sku, name: l.name_fr, lotCode: l.lot_code, bestBefore: l.best_before ? isoDay(l.best_before) : null, ordered: l.quantity_ordered,
      accepted: l.quantity_accepted, damaged: l.quantity_damaged, refused: l.quantity_refused, note: l.discrepancy_note,
    })),
  }))
}
