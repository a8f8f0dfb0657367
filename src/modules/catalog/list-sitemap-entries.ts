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
export async function listSitemapEntries(ctx: Ctx): Promise<SitemapEntries> {
  const [categories, producers] = await Promise.all([loadCategories(ctx), listProducerSitemapEntries(ctx)])
  return {
    products: productBatches(ctx),
    categories: categories.map((c) => ({ id: c.id, path: { fr: c.path_fr, en: c.path_en } })),
    producers,
  }
}

async function* productBatches(ctx: Ctx): AsyncGenerator<SitemapProduct> {
  let after = ''
  for (;;) {
    const r = await sql<{ id: string; slug_fr: string; slug_en: string; updated_at: Date }>`
      select id, slug_fr, slug_en, updated_at from products where status = 'ACTIVE' and id > ${after} order by id limit ${BATCH}`.execute(ctx.db)
    for (const row of r.rows) yield { id: row.id, slugs: { fr: row.slug_fr, en: row.slug_en }, updatedAt: new Date(row.updated_at) }
    if (r.rows.length < BATCH) return
    after = r.rows[r.rows.length - 1]!.id
  }
}
