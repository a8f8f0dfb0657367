import type { Ctx } from '../../kernel/ctx.ts'
import { producersDb } from './tables.ts'

export type ProducerSitemapEntry = { slug: string; updatedAt: Date }

/** Every producer page that exists (ACTIVE producers and the operator), for sitemap.xml. */
export async function listProducerSitemapEntries(ctx: Ctx): Promise<ProducerSitemapEntry[]> {
  const rows = await producersDb(ctx.db).selectFrom('producers').where('status', '=', 'ACTIVE').select(['slug', 'updated_at']).orderBy('slug').execute()
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }))
}
