import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { getProductCards } from './get-product-cards.ts'
import { soldIn } from './queries.ts'
import type { ProductCard } from './types.ts'

/** The newest products on sale in ctx.market (home page), newest first. */
export async function listNewArrivals(ctx: Ctx, limit: number): Promise<ProductCard[]> {
  const r = await sql<{ id: string }>`select p.id from products p where p.status = 'ACTIVE' and ${soldIn('p', ctx.market)}
    order by p.created_at desc, p.id desc limit ${clampLimit(limit)}`.execute(ctx.db)
  return getProductCards(ctx, r.rows.map((row) => row.id))
}

/** Lists on the home page are short; a caller's mistake must not load the whole catalogue. */
export const clampLimit = (limit: number) => Math.max(0, Math.min(100, Math.floor(limit)))
