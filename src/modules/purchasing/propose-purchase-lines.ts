import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { availableByWarehouse } from '../inventory/index.ts'
import { invalid, parseInput, recordId } from './fields.ts'
import { OPEN_FOR_SUGGESTIONS } from './lifecycle.ts'
import { suggestQuantity, type Suggestion } from './suggest-quantity.ts'
import { purchasingDb, type PurchaseModel } from './tables.ts'
import { producerTerms, variantTerms, type VariantTerms } from './variant-terms.ts'

export const SELL_THROUGH_WEEKS = 8
/** Orders whose lines count as sold: paid, or any later step of a paid order. */
const SOLD_STATUSES = ['paid', 'picking', 'packed', 'shipped', 'delivered', 'returned']

export const ProposeInput = z.object({
  producerId: recordId('Choisissez un producteur de la liste.'),
  warehouseCode: z.string({ error: 'Choisissez un entrepôt de la liste.' }).regex(/^[A-Z0-9-]{2,20}$/, 'Choisissez un entrepôt de la liste.'),
  coverWeeks: z.number({ error: 'La couverture doit être un nombre de semaines' }).int('La couverture : un nombre entier de semaines').min(0, 'La couverture ne peut pas être négative').max(52, 'La couverture : 52 semaines au plus'),
  leadWeeks: z.number({ error: 'Le délai doit être un nombre de semaines' }).int('Le délai : un nombre entier de semaines').min(0, 'Le délai ne peut pas être négatif').max(26, 'Le délai : 26 semaines au plus'),
})
export type ProposeInput = z.input<typeof ProposeInput>

export type ProposedLine = VariantTerms & Suggestion & { unitsSold: number; available: number; onOrder: number }
export type Proposal = { producerId: string; producerName: string; warehouseCode: string; model: PurchaseModel; coverWeeks: number; leadWeeks: number; lines: ProposedLine[] }

/**
 * The lines a new purchase order starts from: every ACTIVE variant of the producer that has lots in
 * the warehouse, with its sell-through there over the last 8 weeks, the sellable stock, the units
 * already on open orders, and the suggested quantity (suggestQuantity).
 */
export async function proposePurchaseLines(ctx: Ctx, raw: ProposeInput): Promise<Proposal> {
  const input = parseInput(ProposeInput, raw)
  const terms = await producerTerms(ctx, input.producerId)
  const db = purchasingDb(ctx.db)
  const warehouse = await db.selectFrom('warehouses').select('code').where('code', '=', input.warehouseCode).executeTakeFirst()
  if (!warehouse) invalid([{ path: 'warehouseCode', message: 'Choisissez un entrepôt de la liste.' }])
  const stocked = await sql<{ id: string }>`
    SELECT DISTINCT v.id FROM product_variants v JOIN products p ON p.id = v.product_id LEFT JOIN lots l ON l.variant_id = v.id
     WHERE p.producer_id = ${terms.producer.id} AND p.status = 'ACTIVE' AND v.status = 'ACTIVE'
       AND (l.warehouse_code = ${input.warehouseCode} OR l.id IS NULL)`.execute(ctx.db) // a new variant (no lot yet) may be ordered to any warehouse
  const ids = stocked.rows.map((r) => r.id)
  const variants = await variantTerms(ctx, terms, ids)
  const since = new Date(ctx.now.getTime() - SELL_THROUGH_WEEKS * 7 * 86_400_000)
  const [sold, onOrder, available] = await Promise.all([
    ids.length ? sql<{ variant_id: string; units: number }>`
      SELECT ol.variant_id, SUM(ol.quantity)::int AS units FROM order_lines ol JOIN orders o ON o.id = ol.order_id
       WHERE ol.variant_id = ANY(${ids}) AND ol.warehouse_code = ${input.warehouseCode} AND o.status = ANY(${SOLD_STATUSES})
         AND COALESCE(o.paid_at, o.placed_at) >= ${since} AND COALESCE(o.paid_at, o.placed_at) <= ${ctx.now}
       GROUP BY ol.variant_id`.execute(ctx.db) : { rows: [] },
    ids.length ? sql<{ variant_id: string; units: number }>`
      SELECT l.variant_id, SUM(l.quantity_ordered - l.quantity_received)::int AS units FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.purchase_order_id
       WHERE l.variant_id = ANY(${ids}) AND o.warehouse_code = ${input.warehouseCode} AND o.status = ANY(${OPEN_FOR_SUGGESTIONS as string[]})
       GROUP BY l.variant_id`.execute(ctx.db) : { rows: [] },
    availableByWarehouse(ctx, { variantIds: ids }),
  ])
  const soldBy = new Map(sold.rows.map((r) => [r.variant_id, r.units]))
  const onOrderBy = new Map(onOrder.rows.map((r) => [r.variant_id, r.units]))
  const lines = [...variants.values()].map((v) => {
    const units = { unitsSold: soldBy.get(v.variantId) ?? 0, available: Math.max(0, available.get(v.variantId)?.get(input.warehouseCode) ?? 0), onOrder: onOrderBy.get(v.variantId) ?? 0 }
    return { ...v, ...units, ...suggestQuantity({ ...units, windowWeeks: SELL_THROUGH_WEEKS, coverWeeks: input.coverWeeks, leadWeeks: input.leadWeeks, packSize: v.packSize }) }
  })
  return { producerId: terms.producer.id, producerName: terms.producer.trade_name, warehouseCode: input.warehouseCode, model: terms.model, coverWeeks: input.coverWeeks, leadWeeks: input.leadWeeks, lines }
}
