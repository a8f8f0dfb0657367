import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/** A collection as the back office edits it, with its products (any status) in order. */
export type AdminCollection = {
  id: string
  name: { fr: string; en: string }
  slugs: { fr: string; en: string }
  description: { fr: string | null; en: string | null }
  featured: boolean
  position: number
  version: number
  products: { id: string; handle: string; nameFr: string; status: string }[]
}

type Row = {
  id: string; name_fr: string; name_en: string; slug_fr: string; slug_en: string; description_fr: string | null; description_en: string | null
  featured: boolean; position: number; version: number; products: { id: string; handle: string; nameFr: string; status: string }[]
}

/** Every collection by position (or one by id), each with its products, in one query. */
export async function listAdminCollections(ctx: Ctx, filter: { id?: string } = {}): Promise<AdminCollection[]> {
  const where = filter.id ? sql`where c.id = ${filter.id}` : sql``
  const r = await sql<Row>`
    select c.id, c.name_fr, c.name_en, c.slug_fr, c.slug_en, c.description_fr, c.description_en, c.featured, c.position, c.version,
           coalesce((select json_agg(json_build_object('id', p.id, 'handle', p.handle, 'nameFr', p.name_fr, 'status', p.status) order by cp.position, p.id)
                       from collection_products cp join products p on p.id = cp.product_id where cp.collection_id = c.id), '[]') as products
      from collections c ${where}
     order by c.position, c.id`.execute(ctx.db)
  return r.rows.map((c) => ({
    id: c.id, name: { fr: c.name_fr, en: c.name_en }, slugs: { fr: c.slug_fr, en: c.slug_en }, description: { fr: c.description_fr, en: c.description_en },
    featured: c.featured, position: c.position, version: c.version, products: c.products,
  }))
}
