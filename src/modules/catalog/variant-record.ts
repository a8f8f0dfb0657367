import type { Ctx } from '../../kernel/ctx.ts'
import { catalogDb } from './tables.ts'
import { anyOf } from './any-of.ts'

// A variant as the editing use cases read it before a change (also the audit log's shape), and its prices.

const COLUMNS = [
  'id', 'product_id', 'sku', 'position', 'option_label_fr', 'option_label_en', 'name_fr', 'name_en', 'net_quantity', 'net_quantity_unit',
  'gross_weight_g', 'dimensions_cm', 'glass', 'abv', 'volume_l', 'pure_alcohol_l', 'excise_category_code', 'css_applies',
  'dom_rum_reduced_rate_eligible', 'shelf_life_days', 'vase_life_days', 'hs_code', 'b2b_only', 'min_order_qty', 'pack_size',
  'made_to_order', 'lead_time_days', 'limited_edition_qty', 'season_months', 'allowed_zones', 'status',
] as const

type Row = Awaited<ReturnType<ReturnType<typeof selectVariants>['execute']>>[number]
export type VariantRecord = Row

const selectVariants = (ctx: Ctx) => catalogDb(ctx.db).selectFrom('product_variants').select([...COLUMNS])

/** Variants by id, by product or by SKU (one indexed query), in product then position order. */
export async function readVariants(ctx: Ctx, by: { ids?: readonly string[]; productIds?: readonly string[]; skus?: readonly string[] }): Promise<VariantRecord[]> {
  const [column, keys] = by.ids ? (['id', by.ids] as const) : by.productIds ? (['product_id', by.productIds] as const) : (['sku', by.skus ?? []] as const)
  if (!keys.length) return []
  return selectVariants(ctx).where(anyOf(column, keys)).orderBy('product_id').orderBy('position').orderBy('sku').execute()
}

/** A variant's prices as an editor sees them: retail per market (tax included), B2B and COST (net), in cents. */
export type PriceSet = { retail: Record<string, number>; b2b: number | null; cost: number | null; costMarket: string | null }

export type PriceRow = { variant_id: string; price_list: 'RETAIL' | 'B2B' | 'COST'; market: string; amount: number }

/** The prices of these variants (primary key lookups), keyed by variant id; variants without any get an empty set. */
export async function readPrices(ctx: Ctx, variantIds: readonly string[]): Promise<Map<string, PriceSet>> {
  const out = new Map<string, PriceSet>(variantIds.map((id) => [id, { retail: {}, b2b: null, cost: null, costMarket: null }]))
  if (!variantIds.length) return out
  const rows = await catalogDb(ctx.db)
    .selectFrom('variant_prices')
    .select(['variant_id', 'price_list', 'market', 'amount'])
    .where(anyOf('variant_id', variantIds))
    .orderBy('variant_id')
    .orderBy('price_list')
    .orderBy('market')
    .execute()
  for (const r of rows) {
    const set = out.get(r.variant_id)!
    if (r.price_list === 'RETAIL') set.retail[r.market] = r.amount
    else if (r.price_list === 'B2B') set.b2b = r.amount
    else {
      set.cost = r.amount
      set.costMarket = r.market
    }
  }
  return out
}
