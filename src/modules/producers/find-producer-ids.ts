import type { Ctx } from '../../kernel/ctx.ts'
import { producersDb } from './tables.ts'

/**
 * Ids of visible producers named by slug ('distillerie-anse-cascade') or id ('prf_…'), keyed by
 * the name given; names that match no ACTIVE producer are absent (API filters, search facets).
 */
export async function findProducerIds(ctx: Ctx, keys: readonly string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map()
  const rows = await producersDb(ctx.db)
    .selectFrom('producers')
    .where('status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('slug', 'in', [...keys]), eb('id', 'in', [...keys])]))
    .select(['id', 'slug'])
    .execute()
  const found = new Map<string, string>()
  for (const r of rows) {
    if (keys.includes(r.slug)) found.set(r.slug, r.id)
    if (keys.includes(r.id)) found.set(r.id, r.id)
  }
  return found
}
