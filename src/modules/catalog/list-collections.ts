import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { loc, soldIn } from './queries.ts'
import type { CollectionSummary } from './types.ts'

export type ListCollectionsInput = { featured?: boolean | undefined }

type CollectionRow = { id: string; slug_fr: string; slug_en: string; name: string; description: string | null; product_ids: string[] }

/** Collections by position, each with the ids of its ACTIVE products on sale in ctx.market, in collection order. */
export async function listCollections(ctx: Ctx, input: ListCollectionsInput = {}): Promise<CollectionSummary[]> {
  const featured = input.featured === undefined ? sql`true` : sql`c.featured = ${input.featured}`
  const r = await sql<CollectionRow>`${collectionsQuery(ctx)} where ${featured} order by c.position, c.id`.execute(ctx.db)
  return r.rows.map(collectionSummary)
}

/** One collection by its slug in ctx.locale, or null. */
export async function getCollection(ctx: Ctx, slug: string): Promise<CollectionSummary | null> {
  const r = await sql<CollectionRow>`${collectionsQuery(ctx)} where ${loc('c', 'slug', ctx.locale)} = ${slug}`.execute(ctx.db)
  return r.rows[0] ? collectionSummary(r.rows[0]) : null
}

function collectionsQuery(ctx: Ctx) {
  return sql`select c.id, c.slug_fr, c.slug_en, ${loc('c', 'name', ctx.locale)} as name, ${loc('c', 'description', ctx.locale)} as description,
      coalesce((select array_agg(p.id order by cp.position, p.id) from collection_products cp join products p on p.id = cp.product_id
                 where cp.collection_id = c.id and p.status = 'ACTIVE' and ${soldIn('p', ctx.market)}), '{}') as product_ids
    from collections c`
}

function collectionSummary(row: CollectionRow): CollectionSummary {
  return { id: row.id, slugs: { fr: row.slug_fr, en: row.slug_en }, name: row.name, description: row.description, productIds: row.product_ids }
}
