import type { Ctx } from '../../kernel/ctx.ts'
import type { ProducerSummary } from '../catalog/types.ts'
import { producerSummary, publicProducers } from './queries.ts'

/**
 * The public face of several producers at once (product tiles and pages), keyed by id, in one
 * query. Producers that are not ACTIVE are absent: callers hide what they cannot attribute.
 */
export async function getProducerSummaries(ctx: Ctx, ids: readonly string[]): Promise<Map<string, ProducerSummary>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await publicProducers(ctx).where('p.id', 'in', unique).execute()
  return new Map(rows.map((r) => [r.id, producerSummary(r, ctx.locale)]))
}
