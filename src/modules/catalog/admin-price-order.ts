import { sql, type RawBuilder } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

// The back-office product table sorted by price: a product's price is the lowest consumer price
// (RETAIL, tax included) among its active variants in the market, which the database keeps in
// product_min_prices (migration 0011); products without one come last.

/** That price for the product `p`, by primary key (null: not priced in the market). */
export const ADMIN_MIN_PRICE = (market: string) =>
  sql<number | null>`(select pp.amount from product_min_prices pp where pp.product_id = p.id and pp.market = ${market})`

/** Up to this many matching products, they are found first then sorted by price; past it, prices are walked in order. */
export const PRICE_WALK_FROM = 25_000

/**
 * Product ids of one page in price order (ties: product id); `matching`: how many products the
 * filters keep (capped count). The priced products come from product_min_prices:
 * - many (the catalogue, a status): its (market, amount) index is walked, joining each product
 *   for the filters, until the page is full;
 * - up to PRICE_WALK_FROM (a category, a search): those products are found first, each priced
 *   by primary key, then sorted. Walking would be a gamble there: a category of expensive
 *   products sits at the far end of the cheapest-first index, and the planner cannot know it.
 * Unpriced products come last, by id.
 */
export async function adminPriceOrder(
  ctx: Ctx,
  o: { where: RawBuilder<unknown>; matching: number; market: string; dir: 'asc' | 'desc'; limit: number; offset: number },
): Promise<string[]> {
  const d = o.dir === 'asc' ? sql`asc` : sql`desc`
  if (o.matching <= PRICE_WALK_FROM) {
    // each match's price by primary key, then one sort: the unpriced ones last, in the same query
    const r = await sql<{ id: string }>`select p.id from products p where ${o.where}
      order by ${ADMIN_MIN_PRICE(o.market)} ${d} nulls last, p.id ${d} limit ${o.limit} offset ${o.offset}`.execute(ctx.db)
    return r.rows.map((row) => row.id)
  }
  const priced = await sql<{ id: string }>`
    select p.id from product_min_prices pp join products p on p.id = pp.product_id
     where pp.market = ${o.market} and ${o.where}
     order by pp.amount ${d}, pp.product_id ${d} limit ${o.limit} offset ${o.offset}`.execute(ctx.db)
  const ids = priced.rows.map((r) => r.id)
  if (ids.length === o.limit) return ids
  // the page reaches past the priced products: fill it with the unpriced ones
  const pricedCount = ids.length > 0 || o.offset === 0
    ? o.offset + ids.length
    : (await sql<{ n: number }>`select count(*)::int as n from product_min_prices pp join products p on p.id = pp.product_id
        where pp.market = ${o.market} and ${o.where}`.execute(ctx.db)).rows[0]!.n
  const unpriced = await sql<{ id: string }>`
    select p.id from products p where ${o.where} and ${ADMIN_MIN_PRICE(o.market)} is null
     order by p.id ${d} limit ${o.limit - ids.length} offset ${Math.max(0, o.offset - pricedCount)}`.execute(ctx.db)
  return [...ids, ...unpriced.rows.map((r) => r.id)]
}
