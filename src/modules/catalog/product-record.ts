import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { catalogDb } from './tables.ts'
import { anyOf } from './any-of.ts'

// A product as the editing use cases read it before a change: its columns (no timestamps) and its
// labels. Also the shape written to the audit log (recordAudit keeps only what changed).

const COLUMNS = [
  'id', 'handle', 'slug_fr', 'slug_en', 'producer_id', 'category_id', 'status', 'name_fr', 'name_en', 'description_fr', 'description_en',
  'selling_points_fr', 'selling_points_en', 'vat_category_code', 'shipping_class_code', 'age_restricted', 'min_age', 'perishable', 'fragile',
  'storage', 'origin_territory', 'origin_commune', 'food_information', 'featured', 'version',
] as const

export type ProductRecord = {
  id: string
  handle: string
  slug_fr: string
  slug_en: string
  producer_id: string
  category_id: string
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED'
  name_fr: string
  name_en: string
  description_fr: string | null
  description_en: string | null
  selling_points_fr: string[]
  selling_points_en: string[]
  vat_category_code: string
  shipping_class_code: string
  age_restricted: boolean
  min_age: number | null
  perishable: boolean
  fragile: boolean
  storage: string | null
  origin_territory: string | null
  origin_commune: string | null
  food_information: unknown
  featured: boolean
  version: number
  labels: string[]
}

/** The products with these ids and their labels (two queries), locked FOR UPDATE when asked. */
export async function readProducts(ctx: Ctx, ids: readonly string[], opts: { lock?: boolean } = {}): Promise<Map<string, ProductRecord>> {
  if (!ids.length) return new Map()
  const db = catalogDb(ctx.db)
  let q = db.selectFrom('products').select([...COLUMNS]).where(anyOf('id', ids)).orderBy('id')
  if (opts.lock) q = q.forUpdate()
  const rows = await q.execute()
  const labels = await db.selectFrom('product_labels').select(['product_id', 'label_code']).where(anyOf('product_id', ids)).orderBy('label_code').execute()
  const out = new Map<string, ProductRecord>()
  for (const r of rows) out.set(r.id, { ...r, food_information: r.food_information ?? null, labels: [] })
  for (const l of labels) out.get(l.product_id)?.labels.push(l.label_code)
  return out
}

/**
 * Locks a product for an edit and checks the version the editor started from: a save made in
 * between wins, and this one is refused with CONFLICT rather than silently overwriting it.
 */
export async function lockProductVersion(ctx: Ctx, productId: string, expectedVersion: number): Promise<ProductRecord> {
  const current = (await readProducts(ctx, [productId], { lock: true })).get(productId)
  if (!current) throw notFound('product')
  if (current.version !== expectedVersion) {
    throw new AppError('CONFLICT', 'Ce produit a été modifié entre-temps par quelqu’un d’autre : rechargez la page pour voir la dernière version.', { currentVersion: current.version })
  }
  return current
}

/** Bumps a product's version after a change to it or to its variants and prices. */
export async function bumpProductVersion(ctx: Ctx, productId: string): Promise<number> {
  const r = await catalogDb(ctx.db)
    .updateTable('products')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.now }))
    .where('id', '=', productId)
    .returning('version')
    .executeTakeFirstOrThrow()
  return r.version
}

/** Replaces a product's labels with these codes. */
export async function writeProductLabels(ctx: Ctx, productId: string, labels: readonly string[]): Promise<void> {
  const db = catalogDb(ctx.db)
  await db.deleteFrom('product_labels').where('product_id', '=', productId).execute()
  if (labels.length) await db.insertInto('product_labels').values(labels.map((label_code) => ({ product_id: productId, label_code }))).execute()
}
