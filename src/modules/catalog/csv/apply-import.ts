import { sql } from 'kysely'
import type { Ctx } from '../../../kernel/ctx.ts'
import { recordAudit } from '../../audit/index.ts'
import { writePriceChanges } from '../price-writes.ts'
import { catalogDb } from '../tables.ts'
import { refusingDuplicates } from '../unique-violation.ts'
import type { ImportPlan, PlannedProduct } from './plan-import.ts'
import { anyOf } from '../any-of.ts'

const CHUNK = 500

/**
 * Writes a checked plan in the caller's transaction (the flow's): products, labels, variants and
 * prices in batches of upserts, one version bump per product touched, one audit entry per product
 * created or changed (with its variants and prices). Returns the ids of the products touched,
 * for the search index.
 */
export async function applyCatalogImport(ctx: Ctx, plan: ImportPlan, opts: { source?: string } = {}): Promise<string[]> {
  if (plan.errors.length) throw new Error('applyCatalogImport: the plan has errors')
  const db = catalogDb(ctx.db)
  const variantsTouched = (p: PlannedProduct) => p.variants.some((v) => v.fieldsChanged || v.pricesChanged)
  const touched = plan.products.filter((p) => !p.existing || p.fieldsChanged || p.labelsChanged || variantsTouched(p))
  const rewritten = touched.filter((p) => !p.existing || p.fieldsChanged)

  for (let i = 0; i < rewritten.length; i += CHUNK) {
    const rows = rewritten.slice(i, i + CHUNK).map((p) => ({ id: p.id, ...p.values, version: 1, created_at: ctx.now, updated_at: ctx.now }))
    await refusingDuplicates(() =>
      db.insertInto('products').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
        ...Object.fromEntries(PRODUCT_SET.map((k) => [k, eb.ref(`excluded.${k}`)])),
        version: sql<number>`products.version + 1`,
        updated_at: eb.ref('excluded.updated_at'),
      }))).execute(),
    )
  }
  const bumpOnly = touched.filter((p) => p.existing && !p.fieldsChanged).map((p) => p.id)
  for (let i = 0; i < bumpOnly.length; i += CHUNK) {
    await db.updateTable('products').set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.now })).where(anyOf('id', bumpOnly.slice(i, i + CHUNK))).execute()
  }

  const relabelled = touched.filter((p) => !p.existing || p.labelsChanged)
  for (let i = 0; i < relabelled.length; i += CHUNK) {
    const chunk = relabelled.slice(i, i + CHUNK)
    await db.deleteFrom('product_labels').where(anyOf('product_id', chunk.map((p) => p.id))).execute()
    const labels = chunk.flatMap((p) => p.labels.map((label_code) => ({ product_id: p.id, label_code })))
    if (labels.length) await db.insertInto('product_labels').values(labels).execute()
  }

  const variants = plan.products.flatMap((p) => p.variants.filter((v) => v.fieldsChanged).map((v) => ({ productId: p.id, v })))
  for (let i = 0; i < variants.length; i += CHUNK) {
    const rows = variants.slice(i, i + CHUNK).map(({ productId, v }) => ({ id: v.id, product_id: productId, position: v.position, ...v.columns, unit_codes: '{}', created_at: ctx.now }))
    await refusingDuplicates(() =>
      db.insertInto('product_variants').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) =>
        Object.fromEntries(VARIANT_SET.map((k) => [k, eb.ref(`excluded.${k}`)])),
      )).execute(),
    )
  }

  const all = plan.products.flatMap((p) => p.variants)
  await writePriceChanges(ctx, all.flatMap((v) => v.currentPrices), all.flatMap((v) => v.wantedPrices))

  const reason = `Import CSV${opts.source ? ` (${opts.source})` : ''}`
  for (const p of touched) {
    const before = p.existing ? { ...withoutVersion(p.existing), variants: variantsSnapshot(p, 'before') } : null
    const after = { ...p.values, food_information: p.values.food_information === null ? null : JSON.parse(p.values.food_information), labels: p.labels, variants: variantsSnapshot(p, 'after') }
    await recordAudit(ctx, { action: p.existing ? 'catalog.product_updated' : 'catalog.product_created', entityType: 'product', entityId: p.id, before, after, reason })
  }
  return touched.map((p) => p.id)
}

// Columns an import rewrites on a conflict (never id, created_at, nor on variants the product, unit codes and components).
const PRODUCT_SET = [
  'handle', 'slug_fr', 'slug_en', 'producer_id', 'category_id', 'status', 'name_fr', 'name_en', 'description_fr', 'description_en',
  'selling_points_fr', 'selling_points_en', 'vat_category_code', 'shipping_class_code', 'age_restricted', 'min_age', 'perishable', 'fragile',
  'storage', 'origin_territory', 'origin_commune', 'food_information', 'featured',
] as const
const VARIANT_SET = [
  'sku', 'position', 'option_label_fr', 'option_label_en', 'name_fr', 'name_en', 'net_quantity', 'net_quantity_unit', 'gross_weight_g',
  'dimensions_cm', 'glass', 'abv', 'volume_l', 'pure_alcohol_l', 'excise_category_code', 'css_applies', 'dom_rum_reduced_rate_eligible',
  'shelf_life_days', 'vase_life_days', 'hs_code', 'b2b_only', 'min_order_qty', 'pack_size', 'made_to_order', 'lead_time_days',
  'limited_edition_qty', 'season_months', 'allowed_zones', 'status',
] as const

const withoutVersion = <T extends { version: number }>({ version: _v, ...rest }: T) => rest

/** The variants of a product the file creates or changes, keyed by SKU, with their prices, as they were or will be. */
function variantsSnapshot(p: PlannedProduct, side: 'before' | 'after') {
  const out: Record<string, unknown> = {}
  for (const v of p.variants) {
    if (v.existing && !v.fieldsChanged && !v.pricesChanged) continue
    if (side === 'before' && !v.existing) continue
    const fields = side === 'before' ? v.existing : { ...v.columns, position: v.position }
    const prices = side === 'before' ? v.currentPrices : v.wantedPrices
    out[v.columns.sku] = { ...fields, prices: Object.fromEntries(prices.map((r) => [`${r.price_list}:${r.market}`, r.amount])) }
  }
  return out
}
