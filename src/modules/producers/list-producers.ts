import type { Ctx } from '../../kernel/ctx.ts'
import type { ProducerSummary } from '../catalog/types.ts'
import { producerSummary, publicProducers } from './queries.ts'

export type ListProducersInput = { featured?: boolean | undefined }

/**
 * The producer directory: ACTIVE producers of kind 'producer', by name.
 * The operator (Lakou, which assembles the gift boxes) is left out on purpose: it is not one of the
 * producers the directory presents, and its boxes are reached through their category. Its page
 * still exists (getProducer 'lakou') because gift-box tiles link to it.
 */
export async function listProducers(ctx: Ctx, input: ListProducersInput = {}): Promise<ProducerSummary[]> {
  let q = publicProducers(ctx).where('p.kind', '=', 'producer')
  if (input.featured !== undefined) q = q.where('p.featured', '=', input.featured)
  const rows = await q.orderBy('p.trade_name').orderBy('p.id').execute()
  return rows.map((r) => producerSummary(r, ctx.locale))
}
