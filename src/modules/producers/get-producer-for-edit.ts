import type { Ctx } from '../../kernel/ctx.ts'
import { producersDb } from './tables.ts'

/** A producer as the story editor shows it (any status), with the version to send back. */
export type ProducerForEdit = {
  id: string
  slug: string
  tradeName: string
  status: string
  story: { fr: string | null; en: string | null }
  tagline: { fr: string | null; en: string | null }
  version: number
  image: { id: string; key: string; widths: number[]; alt: { fr: string; en: string } } | null
}

// Columns added by migration 0012 (not yet in tables.ts' ProducersTable).
type StoryColumns = { producers: { version: number; tagline_fr: string | null; tagline_en: string | null } }

/** One producer by id for the back office, or null; one query (primary keys). */
export async function getProducerForEdit(ctx: Ctx, producerId: string): Promise<ProducerForEdit | null> {
  const r = await producersDb(ctx.db)
    .withTables<StoryColumns>()
    .selectFrom('producers as p')
    .leftJoin('images as i', 'i.id', 'p.image_id')
    .select(['p.id', 'p.slug', 'p.trade_name', 'p.status', 'p.story_fr', 'p.story_en', 'p.tagline_fr', 'p.tagline_en', 'p.version', 'i.id as image_id', 'i.storage_key', 'i.widths', 'i.alt_fr', 'i.alt_en'])
    .where('p.id', '=', producerId)
    .executeTakeFirst()
  if (!r) return null
  return {
    id: r.id, slug: r.slug, tradeName: r.trade_name, status: r.status, version: r.version,
    story: { fr: r.story_fr, en: r.story_en }, tagline: { fr: r.tagline_fr, en: r.tagline_en },
    image: r.image_id && r.storage_key ? { id: r.image_id, key: r.storage_key, widths: r.widths ?? [], alt: { fr: r.alt_fr ?? '', en: r.alt_en ?? '' } } : null,
  }
}
