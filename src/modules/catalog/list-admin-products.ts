import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { withCustomPlans } from '../../kernel/db/custom-plans.ts'
import { AppError } from '../../kernel/errors.ts'
import { listProducerRefs } from '../producers/index.ts'
import { ADMIN_MIN_PRICE, adminPriceOrder, PRICE_WALK_FROM } from './admin-price-order.ts'
import { AVAILABLE, categoriesById, loadCategories } from './queries.ts'

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const Key = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id')

/** The back-office product table's query (form fields or query string: numbers may come as text, blanks as absent). */
export const AdminProductListInput = z.strictObject({
  /** words of the name (fr or en) or handle, or part of a variant's SKU; case and accents ignored */
  q: z.preprocess(blankIsAbsent, z.string().trim().max(100).regex(/^[^\p{Cc}]*$/u, 'control characters').optional()),
  status: z.preprocess(blankIsAbsent, z.enum(['DRAFT', 'ACTIVE', 'ARCHIVED']).optional()),
  /** a category and its sub-categories */
  categoryId: z.preprocess(blankIsAbsent, Key.optional()),
  producerId: z.preprocess(blankIsAbsent, Key.optional()),
  sort: z.preprocess(blankIsAbsent, z.enum(['updated_at', 'created_at', 'name', 'price']).default('updated_at')),
  /** default: ascending for name and price, newest first for dates */
  dir: z.preprocess(blankIsAbsent, z.enum(['asc', 'desc']).optional()),
  /** whose consumer price list is shown and sorted on */
  market: z.preprocess(blankIsAbsent, z.string().regex(/^[A-Z]{2}(-[A-Z]{2,12})?$/).default('FR-MAINLAND')),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
})
export type AdminProductListInput = z.input<typeof AdminProductListInput>

export type AdminProductRow = {
  id: string
  handle: string
  nameFr: string
  nameEn: string
  status: 'DRAFT' | 'ACTIVE' | 'ARCHIVED'
  producer: { id: string; name: string }
  category: { id: string; name: string }
  variantCount: number
  /** lowest consumer price (tax included, cents) among active variants in the market; null: not priced there */
  minPrice: number | null
  currency: 'EUR'
  /** sellable units over every active variant and warehouse (held and promised units excluded) */
  available: number
  createdAt: Date
  updatedAt: Date
  version: number
  /** first picture; the page builds its URL with media's imageUrl(key, width, format) */
  thumbnail: { imageId: string; key: string; width: number; height: number } | null
}

/**
 * Counting stops here: past it the table shows "1,000+". A text search matching a tenth of the
 * catalogue would spend more on rechecking every match for the count than on the page itself.
 */
export const PRODUCT_COUNT_CAP = 1000

export type AdminProductPage = {
  rows: AdminProductRow[]
  /** exact up to PRODUCT_COUNT_CAP; totalCapped: there are more */
  total: number
  totalCapped: boolean
  page: number
  pageSize: number
}

/**
 * The back-office product table: every status, filtered, sorted and paginated in SQL, then the
 * page's rows read in one query (variants, price, stock, picture) plus the producers' names.
 * Text search runs on trigram indexes (migration 0011); the price sort reads the lowest price the
 * database keeps per product and market (admin-price-order.ts).
 */
export async function listAdminProducts(ctx: Ctx, input: AdminProductListInput): Promise<AdminProductPage> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'The product table is for staff only.')
  const parsed = AdminProductListInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `product list query invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const f = parsed.data
  const dir = f.dir ?? (f.sort === 'name' || f.sort === 'price' ? 'asc' : 'desc')
  const where = sql.join(await filters(ctx, f), sql` and `)
  const offset = (f.page - 1) * f.pageSize
  // planned for the values typed: a common word and a rare one need different plans
  const { ids, matching } = await withCustomPlans(ctx.db, async (db) => {
    // the price sort counts first, further: how many match decides how it runs (admin-price-order.ts)
    if (f.sort === 'price') {
      const matching = await countUpTo(db, where, PRICE_WALK_FROM)
      return { ids: await adminPriceOrder({ ...ctx, db }, { where, matching, market: f.market, dir, limit: f.pageSize, offset }), matching }
    }
    const ids = (await sql<{ id: string }>`select p.id from products p where ${where} order by ${order(f.sort, dir, ctx.locale)} limit ${f.pageSize} offset ${offset}`
      .execute(db)).rows.map((row) => row.id)
    // a page that is not full tells the total
    if (ids.length && ids.length < f.pageSize) return { ids, matching: offset + ids.length }
    return { ids, matching: !ids.length && !offset ? 0 : await countUpTo(db, where, PRODUCT_COUNT_CAP) }
  })
  return {
    rows: await loadRows(ctx, ids, f.market),
    total: Math.min(matching, PRODUCT_COUNT_CAP), totalCapped: matching > PRODUCT_COUNT_CAP, page: f.page, pageSize: f.pageSize,
  }
}

const countUpTo = async (db: Ctx['db'], where: RawBuilder<unknown>, cap: number) =>
  (await sql<{ n: number }>`select count(*)::int as n from (select 1 from products p where ${where} limit ${cap + 1}) x`.execute(db)).rows[0]?.n ?? 0

/** A SKU fragment matching more variants than this is too vague to list by SKU (the names still match). */
const SKU_MATCH_LIMIT = 500

type Filters = z.output<typeof AdminProductListInput>

async function filters(ctx: Ctx, f: Filters): Promise<RawBuilder<unknown>[]> {
  const where: RawBuilder<unknown>[] = [sql`true`]
  if (f.status) where.push(sql`p.status = ${f.status}`)
  if (f.producerId) where.push(sql`p.producer_id = ${f.producerId}`)
  if (f.categoryId) {
    // the category and its descendants, from the cached tree (no recursive query per request)
    const ids = (await loadCategories(ctx)).filter((c) => c.lineage.includes(f.categoryId!)).map((c) => c.id)
    where.push(ids.length ? sql`p.category_id = any(${ids}::text[])` : sql`false`)
  }
  const words = (f.q ?? '').split(/\s+/).filter(Boolean)
  if (words.length) {
    // a SKU as typed or pasted: that product (unique index), nothing else
    const exact = await sql<{ product_id: string }>`select product_id from product_variants where sku in (${f.q!}, ${f.q!.toUpperCase()})`.execute(ctx.db)
    if (exact.rows.length) {
      where.push(sql`p.id = any(${exact.rows.map((r) => r.product_id)}::text[])`)
      return where
    }
    // every word in the names or handle (folded column, trigram index), or the whole text in a SKU;
    // LIKE wildcards typed are literal. SKUs first, in their own indexed query: an OR with a
    // subquery would defeat both indexes.
    const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const bySku = await sql<{ product_id: string }>`select distinct product_id from product_variants
      where lower(sku) like lakou_fold(${like(f.q!)}) limit ${SKU_MATCH_LIMIT}`.execute(ctx.db)
    const byText = sql.join(words.map((w) => sql`p.search_text like lakou_fold(${like(w)})`), sql` and `)
    const skuIds = bySku.rows.map((r) => r.product_id)
    where.push(skuIds.length ? sql`(${byText} or p.id = any(${skuIds}::text[]))` : byText)
  }
  return where
}

function order(sort: Exclude<Filters['sort'], 'price'>, dir: 'asc' | 'desc', locale: Ctx['locale']): RawBuilder<unknown> {
  const d = dir === 'asc' ? sql`asc` : sql`desc`
  if (sort === 'name') return sql`${sql.ref(locale === 'en' ? 'p.name_en' : 'p.name_fr')} ${d}, p.id ${d}`
  return sql`${sql.ref(sort === 'created_at' ? 'p.created_at' : 'p.updated_at')} ${d}, p.id ${d}`
}

type RowSql = {
  id: string; handle: string; name_fr: string; name_en: string; status: AdminProductRow['status']; producer_id: string; category_id: string
  variant_count: number; min_price: number | null; available: number; created_at: Date; updated_at: Date; version: number
  image: { id: string; key: string; width: number; height: number } | null
}

async function loadRows(ctx: Ctx, ids: readonly string[], market: string): Promise<AdminProductRow[]> {
  if (!ids.length) return []
  // one pass over each product's variants for the count and the stock; price and picture by key
  const r = await sql<RowSql>`
    select p.id, p.handle, p.name_fr, p.name_en, p.status, p.producer_id, p.category_id, p.created_at, p.updated_at, p.version,
           vs.variant_count, ${ADMIN_MIN_PRICE(market)} as min_price, vs.available,
           (select json_build_object('id', i.id, 'key', i.storage_key, 'width', i.width, 'height', i.height) from images i
             where i.id = (select pi.image_id from product_images pi where pi.product_id = p.id order by pi.position, pi.image_id limit 1)) as image
      from unnest(${[...ids]}::text[]) with ordinality as wanted(id, ord)
      join products p on p.id = wanted.id
      cross join lateral (
        select count(*)::int as variant_count, coalesce(sum(${AVAILABLE('v')}) filter (where v.status = 'ACTIVE'), 0)::int as available
          from product_variants v where v.product_id = p.id) vs
     order by wanted.ord`.execute(ctx.db)
  const [producers, categories] = await Promise.all([
    listProducerRefs(ctx, { ids: [...new Set(r.rows.map((row) => row.producer_id))] }),
    categoriesById(ctx),
  ])
  const producerNames = new Map(producers.map((p) => [p.id, p.tradeName]))
  return r.rows.map((row) => {
    const category = categories.get(row.category_id)
    return {
      id: row.id, handle: row.handle, nameFr: row.name_fr, nameEn: row.name_en, status: row.status,
      producer: { id: row.producer_id, name: producerNames.get(row.producer_id) ?? row.producer_id },
      category: { id: row.category_id, name: category ? (ctx.locale === 'en' ? category.name_en : category.name_fr) : row.category_id },
      variantCount: row.variant_count, minPrice: row.min_price, currency: 'EUR', available: row.available,
      createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at), version: row.version,
      thumbnail: row.image ? { imageId: row.image.id, key: row.image.key, width: row.image.width, height: row.image.height } : null,
    }
  })
}
