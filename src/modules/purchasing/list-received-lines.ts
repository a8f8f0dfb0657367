import type { Ctx } from '../../kernel/ctx.ts'
import { purchasingDb } from './tables.ts'

export type ReceivedLine = {
  purchaseOrderLineId: string; position: number; variantId: string; sku: string; name: string
  quantityOrdered: number
  /** accepted into stock so far, over every receipt */
  quantityReceived: number
  /** net cents per unit, and the VAT rate of the line in basis points */
  unitCost: number; vatRateBp: number
}

/** For payables (three-way match): per line of the order, ordered, received (accepted), unit cost, VAT rate. Empty for an unknown order. */
export async function listReceivedLines(ctx: Ctx, purchaseOrderId: string): Promise<ReceivedLine[]> {
  const rows = await purchasingDb(ctx.db).selectFrom('purchase_order_lines as l').innerJoin('product_variants as v', 'v.id', 'l.variant_id')
    .select(['l.id', 'l.position', 'l.variant_id', 'v.sku', 'v.name_fr', 'l.quantity_ordered', 'l.quantity_received', 'l.unit_cost', 'l.vat_rate_bp'])
    .where('l.purchase_order_id', '=', purchaseOrderId).orderBy('l.position').execute()
  return rows.map((r) => ({
    purchaseOrderLineId: r.id, position: r.position, variantId: r.variant_id, sku: r.sku, name: r.name_fr,
    quantityOrdered: r.quantity_ordered, quantityReceived: r.quantity_received, unitCost: Number(r.unit_cost), vatRateBp: r.vat_rate_bp,
  }))
}
