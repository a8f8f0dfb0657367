import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

export type PortalLot = { lotCode: string; warehouseCode: string; warehouseName: string; bestBefore: string | null; onHand: number; free: number }
export type PortalVariantStock = { variantId: string; sku: string; name: string; lots: PortalLot[]; onHand: number; free: number }
export type PortalProduct = { id: string; name: string; status: string; variants: PortalVariantStock[] }

/** The producer's products with stock per lot and warehouse (lots with units on hand), by name. */
export async function listProductStock(ctx: Ctx, scope: ProducerScope): Promise<PortalProduct[]> {
  const db = portalDb(ctx.db)
  const variants = await db
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['p.id as product_id', 'p.name_fr as product_name', 'p.status', 'v.id as variant_id', 'v.sku', 'v.name_fr as variant_name'])
    .where('p.producer_id', '=', scope.producerId)
    .orderBy('p.name_fr').orderBy('p.id').orderBy('v.position').orderBy('v.sku')
    .execute()
  const lots = await db
    .selectFrom('stock_levels as s')
    .innerJoin('lots as l', 'l.id', 's.lot_id')
    .innerJoin('warehouses as w', 'w.code', 's.warehouse_code')
    .innerJoin('product_variants as v', 'v.id', 's.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['s.variant_id', 'l.lot_code', 's.warehouse_code', 'w.name as warehouse_name', 'l.best_before', 's.on_hand', 's.reserved', 's.allocated'])
    .where('p.producer_id', '=', scope.producerId)
    .where('s.on_hand', '>', 0)
    .orderBy('l.best_before', (o) => o.asc().nullsLast()).orderBy('l.lot_code')
    .execute()
  const byProduct = new Map<string, PortalProduct>()
  const byVariant = new Map<string, PortalVariantStock>()
  for (const v of variants) {
    const product = byProduct.get(v.product_id) ?? { id: v.product_id, name: v.product_name, status: v.status, variants: [] }
    byProduct.set(v.product_id, product)
    const variant = { variantId: v.variant_id, sku: v.sku, name: v.variant_name, lots: [], onHand: 0, free: 0 }
    product.variants.push(variant)
    byVariant.set(v.variant_id, variant)
  }
  for (const l of lots) {
    const variant = byVariant.get(l.variant_id)
    if (!variant) continue
    const free = l.on_hand - l.reserved - l.allocated
    variant.lots.push({ lotCode: l.lot_code, warehouseCode: l.warehouse_code, warehouseName: l.warehouse_name, bestBefore: l.best_before ? isoDay(l.best_before) : null, onHand: l.on_hand, free })
    variant.onHand += l.on_hand
    variant.free += free
  }
  return [...byProduct.values()]
}

/** One of the producer's products (for a content proposal), or null when it is not theirs. */
export async function getOwnProduct(ctx: Ctx, scope: ProducerScope, productId: string) {
  const row = await portalDb(ctx.db)
    .selectFrom('products')
    .select(['id', 'name_fr', 'name_en', 'description_fr', 'description_en', 'status'])
    .where('id', '=', productId)
    .where('producer_id', '=', scope.producerId)
    .executeTakeFirst()
  return row ?? null
}
