import { sql, type RawBuilder } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import type { CategoryRef, ImageRef, LabelRef } from './types.ts'

// SQL pieces shared by three or more catalog use cases (ARCHITECTURE.md §5).

/** A column in the request's language: `p.name_fr` or `p.name_en` (locale is a closed union, never user text). */
export const loc = (alias: string, column: string, locale: Locale) => sql.ref(`${alias}.${column}_${locale === 'en' ? 'en' : 'fr'}`)

/**
 * A product is on sale in a market when its producer is ACTIVE (not an applicant, paused or
 * ended) and at least one active consumer variant has a RETAIL price there. Products without one keep their page ("not sold in your delivery area") but
 * stay out of lists, counts and new arrivals for that market: a shopper should not browse
 * to things they cannot put in a cart.
 */
export const soldIn = (productAlias: string, market: string): RawBuilder<boolean> => sql<boolean>`exists (
  select 1 from producers spr where spr.id = ${sql.ref(`${productAlias}.producer_id`)} and spr.status = 'ACTIVE'
) and exists (
  select 1 from product_variants sv
    join variant_prices sp on sp.variant_id = sv.id and sp.price_list = 'RETAIL' and sp.market = ${market}
   where sv.product_id = ${sql.ref(`${productAlias}.id`)} and sv.status = 'ACTIVE' and not sv.b2b_only)`

/** Every category with its slug path per language, from the top ('rhums/rhums-vieux'), any depth. */
export const CATEGORY_PATHS = sql`cat_paths as (
  select c.id, c.parent_id, c.code, c.position, c.slug_fr, c.slug_en, c.name_fr, c.name_en, c.description_fr, c.description_en,
         c.slug_fr as path_fr, c.slug_en as path_en, array[c.id] as lineage, 0 as depth
    from categories c where c.parent_id is null
  union all
  select c.id, c.parent_id, c.code, c.position, c.slug_fr, c.slug_en, c.name_fr, c.name_en, c.description_fr, c.description_en,
         cp.path_fr || '/' || c.slug_fr, cp.path_en || '/' || c.slug_en, cp.lineage || c.id, cp.depth + 1
    from categories c join cat_paths cp on c.parent_id = cp.id
)`

export type CategoryRow = {
  id: string
  parent_id: string | null
  code: string
  position: number
  slug_fr: string
  slug_en: string
  name_fr: string
  name_en: string
  description_fr: string | null
  description_en: string | null
  path_fr: string
  path_en: string
  /** ids from the top category down to this one */
  lineage: string[]
  depth: number
}

/** How long category rows and counts may be served from memory before being read again. */
export const CATALOG_CACHE_MS = 30_000
const categoryRows = ttlCache<CategoryRow[]>(CATALOG_CACHE_MS)
export const clearCategoryRows = () => categoryRows.clear()

/** The cached category rows by id (breadcrumbs and card categories without a recursive query). */
export async function categoriesById(ctx: Ctx): Promise<Map<string, CategoryRow>> {
  const rows = await loadCategories(ctx)
  let map = byIdMaps.get(rows)
  if (!map) {
    map = new Map(rows.map((c) => [c.id, c]))
    byIdMaps.set(rows, map)
  }
  return map
}
const byIdMaps = new WeakMap<CategoryRow[], Map<string, CategoryRow>>()

/** All categories with their paths, parents before children (the tree is small: tens of rows, read on most pages). */
export async function loadCategories(ctx: Ctx): Promise<CategoryRow[]> {
  return categoryRows.get(ctx.db, 'all', async () => {
    const r = await sql<CategoryRow>`with recursive ${CATEGORY_PATHS} select * from cat_paths order by depth, position, code`.execute(ctx.db)
    return r.rows
  })
}

export function categoryRef(row: Pick<CategoryRow, 'id' | 'code' | 'name_fr' | 'name_en' | 'slug_fr' | 'slug_en' | 'path_fr' | 'path_en'>, locale: Locale): CategoryRef {
  return {
    id: row.id,
    code: row.code,
    name: locale === 'en' ? row.name_en : row.name_fr,
    slugs: { fr: row.slug_fr, en: row.slug_en },
    path: { fr: row.path_fr, en: row.path_en },
  }
}

/** Image row as selected by `IMAGE_JSON` (json_build_object keeps one query per list). */
export type ImageJson = { key: string; width: number; height: number; widths: number[]; alt_fr: string; alt_en: string; dominant_color: string | null }

export const IMAGE_JSON = (alias: string) => sql`json_build_object('key', ${sql.ref(`${alias}.storage_key`)}, 'width', ${sql.ref(`${alias}.width`)},
  'height', ${sql.ref(`${alias}.height`)}, 'widths', ${sql.ref(`${alias}.widths`)}, 'alt_fr', ${sql.ref(`${alias}.alt_fr`)},
  'alt_en', ${sql.ref(`${alias}.alt_en`)}, 'dominant_color', ${sql.ref(`${alias}.dominant_color`)})`

export function imageRef(row: ImageJson, locale: Locale): ImageRef {
  return { key: row.key, width: row.width, height: row.height, widths: row.widths, alt: locale === 'en' ? row.alt_en : row.alt_fr, dominantColor: row.dominant_color }
}

/** The product's labels as a JSON array, official ones first. */
export const LABELS_JSON = (productAlias: string, locale: Locale) => sql<LabelRef[]>`coalesce((
  select json_agg(json_build_object('code', l.code, 'name', ${loc('l', 'label', locale)}, 'kind', l.kind) order by l.kind desc, l.code)
    from product_labels pl join labels l on l.code = pl.label_code
   where pl.product_id = ${sql.ref(`${productAlias}.id`)}), '[]'::json)`

/**
 * Sellable units of a variant from inventory's `variant_availability` view, as a scalar subquery:
 * the filter on the view's grouping column is pushed inside it, so only that variant's stock rows
 * are summed (a join would aggregate the whole view first).
 */
export const AVAILABLE = (variantAlias: string) =>
  sql<number>`coalesce((select va.available from variant_availability va where va.variant_id = ${sql.ref(`${variantAlias}.id`)}), 0)`
