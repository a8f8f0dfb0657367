import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { getProducer } from '../producers/index.ts'
import { soldIn } from './queries.ts'
import type { ProducerPage } from './types.ts'

/**
 * A producer's page: the producer (producers module) and the ids of its ACTIVE products on sale
 * in ctx.market, newest first; null for an unknown or hidden producer. It lives in catalog because
 * producers sits below catalog and cannot read products.
 */
export async function getProducerDetail(ctx: Ctx, slug: string): Promise<ProducerPage | null> {
  const producer = await getProducer(ctx, slug)
  if (!producer) return null
  const r = await sql<{ id: string }>`select p.id from products p where p.producer_id = ${producer.id} and p.status = 'ACTIVE'
    and ${soldIn('p', ctx.market)} order by p.created_at desc, p.id desc`.execute(ctx.db)
  return { ...producer, productIds: r.rows.map((row) => row.id) }
}
