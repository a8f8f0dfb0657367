import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { purchasingDb } from './tables.ts'

export type GoodsReceiptRow = { id: string; number: string; purchaseOrderId: string; purchaseOrderNumber: string; producerName: string; warehouseCode: string; receivedOn: string; accepted: number; discrepancies: number }
export const RECEIPT_PAGE_SIZE = 50

/** Goods receipts, newest first, with their accepted units and the number of lines with a discrepancy. */
export async function listGoodsReceipts(ctx: Ctx, input: { page?: number } = {}): Promise<{ rows: GoodsReceiptRow[]; page: number; pageSize: number }> {
  const page = Number.isSafeInteger(input.page) && input.page! > 0 ? input.page! : 1
  const rows = await purchasingDb(ctx.db).selectFrom('goods_receipts as r')
    .innerJoin('purchase_orders as o', 'o.id', 'r.purchase_order_id').innerJoin('producers as p', 'p.id', 'r.producer_id')
    .select(['r.id', 'r.number', 'r.purchase_order_id', 'o.number as po_number', 'p.trade_name', 'r.warehouse_code', 'r.received_on'])
    .select((eb) => [
      eb.selectFrom('goods_receipt_lines as l').whereRef('l.receipt_id', '=', 'r.id').select((s) => s.fn.coalesce(s.fn.sum<number>('l.quantity_accepted'), s.lit(0)).as('a')).as('accepted'),
      eb.selectFrom('goods_receipt_lines as l').whereRef('l.receipt_id', '=', 'r.id')
        .where((w) => w.or([w('l.quantity_damaged', '>', 0), w('l.quantity_refused', '>', 0), w('l.discrepancy_note', 'is not', null)]))
        .select((s) => s.fn.countAll<number>().as('c')).as('discrepancies'),
    ])
    .orderBy('r.received_on', 'desc').orderBy('r.created_at', 'desc').limit(RECEIPT_PAGE_SIZE).offset((page - 1) * RECEIPT_PAGE_SIZE).execute()
  return {
    rows: rows.map((r) => ({ id: r.id, number: r.number, purchaseOrderId: r.purchase_order_id, purchaseOrderNumber: r.po_number, producerName: r.trade_name, warehouseCode: r.warehouse_code, receivedOn: isoDay(r.received_on), accepted: Number(r.accepted ?? 0), discrepancies: Number(r.discrepancies ?? 0) })),
    page, pageSize: RECEIPT_PAGE_SIZE,
  }
}

export type GoodsReceiptView = {
  id: string; number: string; receivedOn: string; note: string | null; createdAt: Date
  purchaseOrder: { id: string; number: string }; producerName: string; warehouseCode: string
  lines: {
    position: number; sku: string; name: string; ordered: number
    /** delivered on this receipt: accepted + damaged + refused */
    delivered: number; accepted: number; damaged: number; refused: number
    /** ordered − delivered on the order's receipts up to this one (never below 0) */
    short: number
    lots: { lotCode: string; producedOn: string | null; bestBefore: string | null; accepted: number; damaged: number; refused: number; note: string | null }[]
  }[]
}

/** One receipt with, per order line, what came (by lot), what was damaged or refused, and what is short. */
export async function getGoodsReceipt(ctx: Ctx, id: string): Promise<GoodsReceiptView | null> {
  const db = purchasingDb(ctx.db)
  const r = await db.selectFrom('goods_receipts as r').innerJoin('purchase_orders as o', 'o.id', 'r.purchase_order_id').innerJoin('producers as p', 'p.id', 'r.producer_id')
    .select(['r.id', 'r.number', 'r.received_on', 'r.note', 'r.created_at', 'r.warehouse_code', 'o.id as po_id', 'o.number as po_number', 'p.trade_name'])
    .where('r.id', '=', id).executeTakeFirst()
  if (!r) return null
  const [rows, delivered] = await Promise.all([
    db.selectFrom('goods_receipt_lines as gl').innerJoin('purchase_order_lines as l', 'l.id', 'gl.purchase_order_line_id').innerJoin('product_variants as v', 'v.id', 'gl.variant_id')
      .select(['l.id as pol_id', 'l.position', 'l.quantity_ordered', 'v.sku', 'v.name_fr', 'gl.lot_code', 'gl.produced_on', 'gl.best_before', 'gl.quantity_accepted', 'gl.quantity_damaged', 'gl.quantity_refused', 'gl.discrepancy_note'])
      .where('gl.receipt_id', '=', id).orderBy('l.position').orderBy('gl.id').execute(),
    // deliveries of the order's receipts up to this one, per order line
    db.selectFrom('goods_receipt_lines as gl').innerJoin('goods_receipts as g', 'g.id', 'gl.receipt_id')
      .where('g.purchase_order_id', '=', r.po_id).where('g.created_at', '<=', r.created_at)
      .select(['gl.purchase_order_line_id']).select((eb) => eb.fn.sum<number>(eb(eb('gl.quantity_accepted', '+', eb.ref('gl.quantity_damaged')), '+', eb.ref('gl.quantity_refused'))).as('d'))
      .groupBy('gl.purchase_order_line_id').execute(),
  ])
  const deliveredTo = new Map(delivered.map((d) => [d.purchase_order_line_id, Number(d.d)]))
  const lines = new Map<string, GoodsReceiptView['lines'][number]>()
  for (const x of rows) {
    const line = lines.get(x.pol_id) ?? { position: x.position, sku: x.sku, name: x.name_fr, ordered: x.quantity_ordered, delivered: 0, accepted: 0, damaged: 0, refused: 0, short: Math.max(0, x.quantity_ordered - (deliveredTo.get(x.pol_id) ?? 0)), lots: [] }
    line.accepted += x.quantity_accepted
    line.damaged += x.quantity_damaged
    line.refused += x.quantity_refused
    line.delivered += x.quantity_accepted + x.quantity_damaged + x.quantity_refused
    line.lots.push({ lotCode: x.lot_code, producedOn: x.produced_on ? isoDay(x.produced_on) : null, bestBefore: x.best_before ? isoDay(x.best_before) : null, accepted: x.quantity_accepted, damaged: x.quantity_damaged, refused: x.quantity_refused, note: x.discrepancy_note })
    lines.set(x.pol_id, line)
  }
  return { id: r.id, number: r.number, receivedOn: isoDay(r.received_on), note: r.note, createdAt: r.created_at, purchaseOrder: { id: r.po_id, number: r.po_number }, producerName: r.trade_name, warehouseCode: r.warehouse_code, lines: [...lines.values()] }
}
