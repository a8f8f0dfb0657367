import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { auditDb } from './tables.ts'

/** The filters of the audit log page (query string), one schema for the page and the function. */
export const auditFilterSchema = z.object({
  qui: z.string().trim().max(254).optional(),
  action: z.string().trim().max(80).optional(),
  objet: z.string().trim().max(40).optional(),
  id: z.string().trim().max(80).optional(),
  du: z.iso.date().optional().or(z.literal('').transform(() => undefined)),
  au: z.iso.date().optional().or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})
export type AuditFilter = z.output<typeof auditFilterSchema>

export type AuditRow = {
  id: string
  at: Date
  actorKind: string
  actorLabel: string
  action: string
  entityType: string
  entityId: string
  before: unknown
  after: unknown
  reason: string | null
  requestId: string | null
}

export const AUDIT_PAGE_SIZE = 50

/**
 * The audit log, newest first, filtered by who (e-mail, partial), action (prefix: 'catalog.'),
 * record type and id, and day range (Paris). Keyset-friendly order (at, id) on its index; the page
 * asks one row more than it shows to know whether a next page exists.
 */
export async function listAuditLog(ctx: Ctx, filter: AuditFilter): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  let q = auditDb(ctx.db).selectFrom('audit_log').selectAll()
  if (filter.qui) q = q.where('actor_label', 'ilike', `%${escapeLike(filter.qui)}%`)
  if (filter.action) q = q.where('action', 'like', `${escapeLike(filter.action)}%`)
  if (filter.objet) q = q.where('entity_type', '=', filter.objet)
  if (filter.id) q = q.where('entity_id', '=', filter.id)
  // days are Paris days, whatever the season
  if (filter.du) q = q.where(sql<boolean>`at >= (${filter.du}::date)::timestamp AT TIME ZONE 'Europe/Paris'`)
  if (filter.au) q = q.where(sql<boolean>`at < (${filter.au}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`)
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .execute()
  return {
    hasMore: rows.length > AUDIT_PAGE_SIZE,
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
      id: String(r.id),
      at: r.at,
      actorKind: r.actor_kind,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
      requestId: r.request_id,
    })),
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
