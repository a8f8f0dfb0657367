import type { Ctx } from '../../kernel/ctx.ts'
import type { ProducerSummary } from '../catalog/types.ts'
import { producersDb } from './tables.ts'

// The producer columns every public producer read needs, shared by the list, the page and the tiles.

/** Producers shoppers may see: ACTIVE ones only (applicants, paused and ended producers stay hidden). */
export function publicProducers(ctx: Ctx) {
  return producersDb(ctx.db)
    .selectFrom('producers as p')
    .leftJoin('images as i', 'i.id', 'p.image_id')
    .where('p.status', '=', 'ACTIVE')
    .select([
      'p.id', 'p.slug', 'p.trade_name', 'p.commune', 'p.island', 'p.since_year', 'p.story_fr', 'p.story_en', 'p.kind', 'p.featured',
      'p.territory_code', 'p.staff', 'p.product_lines', 'p.updated_at',
      'i.storage_key', 'i.width', 'i.height', 'i.widths', 'i.dominant_color', 'i.alt_fr', 'i.alt_en',
    ])
}

export type PublicProducerRow = Awaited<ReturnType<ReturnType<typeof publicProducers>['execute']>>[number]

export function producerSummary(row: PublicProducerRow, locale: Ctx['locale']): ProducerSummary {
  return {
    id: row.id,
    name: row.trade_name,
    slug: row.slug,
    commune: row.commune,
    story: locale === 'en' ? row.story_en : row.story_fr,
    sinceYear: row.since_year,
    island: row.island,
    image: row.storage_key && row.width && row.height && row.widths
      ? { key: row.storage_key, width: row.width, height: row.height, widths: row.widths, alt: (locale === 'en' ? row.alt_en : row.alt_fr) ?? row.trade_name, dominantColor: row.dominant_color ?? null }
      : null,
  }
}
