import type { Ctx } from '../../kernel/ctx.ts'
import type { LabelRef, ProducerDetail } from '../catalog/types.ts'
import { producerSummary, publicProducers } from './queries.ts'
import { producersDb } from './tables.ts'

/** A producer's page data by its slug (ACTIVE producers and the operator), or null. Products: see catalog.getProducerDetail. */
export async function getProducer(ctx: Ctx, slug: string): Promise<ProducerDetail | null> {
  const row = await publicProducers(ctx).where('p.slug', '=', slug).executeTakeFirst()
  if (!row) return null
  const labels = await producersDb(ctx.db)
    .selectFrom('producer_labels as pl')
    .innerJoin('labels as l', 'l.code', 'pl.label_code')
    .where('pl.producer_id', '=', row.id)
    .select(['l.code', 'l.kind', 'l.label_fr', 'l.label_en'])
    .orderBy('l.kind', 'desc')
    .orderBy('l.code')
    .execute()
  return {
    ...producerSummary(row, ctx.locale),
    territory: row.territory_code,
    staff: row.staff,
    productLines: row.product_lines,
    labels: labels.map((l): LabelRef => ({ code: l.code, name: ctx.locale === 'en' ? l.label_en : l.label_fr, kind: l.kind })),
    kind: row.kind,
  }
}
