import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { getProductCards } from './get-product-cards.ts'
import { loc, soldIn } from './queries.ts'
import type { ProductCard } from './types.ts'

export type ProductSort = 'newest' | 'price_asc' | 'price_desc' | 'name'

export type ListProductsInput = {
  /** category ids; a category includes its descendants */
  categoryIds?: readonly string[] | undefined
  producerIds?: readonly string[] | undefined
  sort: ProductSort
  page: number
  perPage: number
}

export type ProductPage = { items: ProductCard[]; total: number; page: number; perPage: number; pageCount: number }

/**
 * A page of product tiles sold in ctx.market (category listing, Store API), filtered and sorted in
 * SQL, then rendered by getProductCards: three queries whatever the page size. Price sorts use the
 * cheapest consumer variant in the market, ties broken by newest then id so pages never overlap.
 */
export async function listProducts(ctx: Ctx, input: ListProductsInput): Promise<ProductPage> {
  const filters = [sql`p.status = 'ACTIVE'`, soldIn('p', ctx.market)]
  if (input.categoryIds?.length) {
    filters.push(sql`p.category_id in (
      with recursive sub as (select id from categories where id = any(${[...input.categoryIds]}::text[])
                             union select c.id from categories c join sub on c.parent_id = sub.id)
      select id from sub)`)
  }
  if (input.producerIds?.length) filters.push(sql`p.producer_id = any(${[...input.producerIds]}::text[])`)
  const where = sql.join(filters, sql` and `)
  const minPrice = sql`(select min(vp.amount) from product_variants v join variant_prices vp on vp.variant_id = v.id
                         and vp.price_list = 'RETAIL' and vp.market = ${ctx.market}
                        where v.product_id = p.id and v.status = 'ACTIVE' and not v.b2b_only)`
  const order = {
    newest: sql`p.created_at desc, p.id desc`,
    price_asc: sql`${minPrice} asc, p.created_at desc, p.id desc`,
    price_desc: sql`${minPrice} desc, p.created_at desc, p.id desc`,
    name: sql`${loc('p', 'name', ctx.locale)} asc, p.id asc`,
  }[input.sort]
  const offset = (input.page - 1) * input.perPage
  const [ids, count] = await Promise.all([
    sql<{ id: string }>`select p.id from products p where ${where} order by ${order} limit ${input.perPage} offset ${offset}`.execute(ctx.db),
    sql<{ n: number }>`select count(*)::int as n from products p where ${where}`.execute(ctx.db),
  ])
  const total = count.rows[0]?.n ?? 0
  return { items: await getProductCards(ctx, ids.rows.map((r) => r.id)), total, page: input.page, perPage: input.perPage, pageCount: Math.ceil(total / input.perPage) }
}
