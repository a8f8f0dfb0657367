import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { getProductCards } from './get-product-cards.ts'
import { clampLimit } from './list-new-arrivals.ts'
import { soldIn } from './queries.ts'
import type { ProductCard } from './types.ts'

/** Products staff marked as featured, on sale in ctx.market, newest first (home page). */
export async function listFeaturedProducts(ctx: Ctx, limit: number): Promise<ProductCard[]> {
  const r = await sql<{ id: string }>`select p.id from products p where p.status = 'ACTIVE' and p.featured and ${soldIn('p', ctx.market)}
    order by p.created_at desc, p.id desc limit ${clampLimit(limit)}`.execute(ctx.db)
  return getProductCards(ctx, r.rows.map((row) => row.id))
}
