import type { Ctx } from '../../kernel/ctx.ts'
import { maskIban } from './bank-details.ts'
import { producersDb, type ProducerStatus } from './tables.ts'

/** `ibanMasked`: the bank account's last four characters only (lists), null when none */
export type ProducerRef = { id: string; code: string; slug: string; tradeName: string; status: ProducerStatus; kind: 'producer' | 'operator'; ibanMasked: string | null }

/**
 * Producers as the back office names them (any status: an applicant's products are prepared
 * before it goes live), by id or slug, or all of them when no filter is given (catalogue import).
 */
export async function listProducerRefs(ctx: Ctx, filter?: { ids?: readonly string[]; slugs?: readonly string[] }): Promise<ProducerRef[]> {
  const ids = filter?.ids ?? []
  const slugs = filter?.slugs ?? []
  if (filter && !ids.length && !slugs.length) return []
  let q = producersDb(ctx.db).selectFrom('producers').select(['id', 'code', 'slug', 'trade_name', 'status', 'kind', 'iban'])
  if (filter) q = q.where((eb) => eb.or([...(ids.length ? [eb('id', 'in', [...ids])] : []), ...(slugs.length ? [eb('slug', 'in', [...slugs])] : [])]))
  const rows = await q.orderBy('slug').execute()
  return rows.map((r) => ({ id: r.id, code: r.code, slug: r.slug, tradeName: r.trade_name, status: r.status, kind: r.kind, ibanMasked: r.iban ? maskIban(r.iban) : null }))
}
