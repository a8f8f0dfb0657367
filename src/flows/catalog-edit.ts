import type { Ctx } from '../kernel/ctx.ts'
import { clearCatalogCache } from '../modules/catalog/index.ts'
import { reindex } from '../modules/search/index.ts'

/**
 * Runs one catalogue edit and refreshes the search rows of the products it touched in the same
 * transaction (a failed reindex undoes the edit, and search never shows a half-saved product),
 * then forgets the catalogue read caches of this process. The HTTP route clears its page cache
 * (http/pages/page-cache.ts clearPageCaches) after the flow returns; other processes catch up
 * within their cache times (10 to 30 s).
 */
export async function editCatalog<T>(ctx: Ctx, edit: (tx: Ctx) => Promise<T>, touchedProductIds: (result: T) => string[]): Promise<T> {
  const run = async (tx: Ctx) => {
    const result = await edit(tx)
    const ids = touchedProductIds(result)
    if (ids.length) await reindex(tx, ids)
    return result
  }
  const result = ctx.db.isTransaction ? await run(ctx) : await ctx.db.transaction().execute((trx) => run({ ...ctx, db: trx }))
  clearCatalogCache()
  return result
}
