import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { listProducerSitemapEntries, type ProducerSitemapEntry } from '../producers/index.ts'
import type { Slugs } from './types.ts'
import { loadCategories } from './queries.ts'

export type SitemapProduct = { id: string; slugs: Slugs; updatedAt: Date }
export type SitemapCategory = { id: string; path: Slugs }

export type SitemapEntries = {
  /** every ACTIVE product in id order, fetched in keyset batches so 100,000 rows never sit in memory at once */
  products: AsyncIterable<SitemapProduct>
  categories: SitemapCategory[]
  producers: ProducerSitemapEntry[]
}

const BATCH = 5000

/**
 * What sitemap.xml lists: every page that exists whatever the market (a product not sold in one
 * market still has its page), in both languages. Products stream in batches of 5,000 by id
 * (one indexed query per batch: no offset scans, no N+1); categories and producers are small.
 */
export async function listSitemapEntries(ctx: Ctx, products: 'all' | 'none' | { page: number; pageSize: number } = 'all'): Promise<SitemapEntries> {
  const from = products === 'all' ? '' : products === 'none' ? null : await firstIdOfPage(ctx, products)
  const [categories, producers] = await Promise.all([loadCategories(ctx), listProducerSitemapEntries(ctx)])
  return {
    products: from === null ? emptyProducts() : productBatches(ctx, from, typeof products === 'object' ? products.pageSize : Infinity),
    categories: categories.map((c) => ({ id: c.id, path: { fr: c.path_fr, en: c.path_en } })),
    producers,
  }
}

/** Number of active products: decides between one sitemap file and a sitemap index. */
export async function countSitemapProducts(ctx: Ctx): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int n from products where status = 'ACTIVE'`.execute(ctx.db)
  return r.rows[0]?.n ?? 0
}

// The first id of a page of the sitemap (page 1-based), or null past the end.
async function firstIdOfPage(ctx: Ctx, { page, pageSize }: { page: number; pageSize: number }): Promise<string | null> {
  const r = await sql<{ id: string }>`select id from products where status = 'ACTIVE' order by id offset ${(page - 1) * pageSize} limit 1`.execute(ctx.db)
  return r.rows[0]?.id ?? null
}

async function* emptyProducts(): AsyncGenerator<SitemapProduct> {
  return
}

async function* productBatches(ctx: Ctx, from: string, limit: number): AsyncGenerator<SitemapProduct> {
  let after = from
  let inclusive = from !== ''
  let left = limit
  while (left > 0) {
    const take = Math.min(BATCH, left)
    const r = await sql<{ id: string; slug_fr: string; slug_en: string; updated_at: Date }>`
      select id, slug_fr, slug_en, updated_at from products
       where status = 'ACTIVE' and (id > ${after} or (${inclusive} and id = ${after})) order by id limit ${take}`.execute(ctx.db)
    for (const row of r.rows) yield { id: row.id, slugs: { fr: row.slug_fr, en: row.slug_en }, updatedAt: new Date(row.updated_at) }
    left -= r.rows.length
    if (r.rows.length < take) return
    after = r.rows[r.rows.length - 1]!.id
    inclusive = false
  }
}
