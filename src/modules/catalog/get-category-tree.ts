import { sql } from 'kysely'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import type { Ctx } from '../../kernel/ctx.ts'
import { CATALOG_CACHE_MS, categoryRef, clearCategoryRows, loadCategories, soldIn, type CategoryRow } from './queries.ts'
import type { CategoryNode } from './types.ts'
import { clearCardCache } from './get-product-cards.ts'

/**
 * The category tree in ctx.locale, top categories first by position. productCount counts the
 * ACTIVE products sold in ctx.market in the category and all its descendants (what a shopper
 * finds by clicking it). Empty categories are kept: the menu is edited by staff, not by stock.
 */
export async function getCategoryTree(ctx: Ctx): Promise<CategoryNode[]> {
  const [categories, counts] = await Promise.all([loadCategories(ctx), directCounts(ctx)])
  return buildCategoryTree(categories, counts, ctx.locale)
}

// Counting a large catalogue takes hundreds of milliseconds (100,000 products): every page
// with the menu would pay it. Counts may lag edits by CATALOG_CACHE_MS; editors clear it.
const countsCache = ttlCache<Map<string, number>>(CATALOG_CACHE_MS)

function directCounts(ctx: Ctx): Promise<Map<string, number>> {
  return countsCache.get(ctx.db, ctx.market, async () => {
    const r = await sql<{ category_id: string; n: number }>`
      select p.category_id, count(*)::int as n from products p
       where p.status = 'ACTIVE' and ${soldIn('p', ctx.market)}
       group by p.category_id`.execute(ctx.db)
    return new Map(r.rows.map((c) => [c.category_id, c.n]))
  })
}

/** Forget cached category counts and rows (after a catalogue edit). */
export function clearCatalogCache(): void {
  countsCache.clear()
  clearCategoryRows()
  clearCardCache()
}

/** Pure: rows (parents before children) + direct counts → nested nodes with rolled-up counts. */
export function buildCategoryTree(rows: CategoryRow[], directCounts: Map<string, number>, locale: Ctx['locale']): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>()
  const roots: CategoryNode[] = []
  for (const row of rows) {
    const node: CategoryNode = {
      ...categoryRef(row, locale),
      parentId: row.parent_id,
      description: locale === 'en' ? row.description_en : row.description_fr,
      productCount: 0,
      children: [],
    }
    nodes.set(row.id, node)
    const parent = row.parent_id ? nodes.get(row.parent_id) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  for (const row of rows) {
    const n = directCounts.get(row.id) ?? 0
    if (!n) continue
    for (const id of row.lineage) {
      const node = nodes.get(id)
      if (node) node.productCount += n
    }
  }
  return roots
}
