import type { Ctx } from '../../kernel/ctx.ts'
import type { AuditRow } from './list-audit-log.ts'
import { auditDb } from './tables.ts'

/**
 * The audit entries of one record, newest first (an order's refunds, cancellation and resent
 * e-mails with their reasons), on audit_log_entity_idx. Read it in the transaction of a change
 * to see what was already done (a form submitted twice).
 */
export async function listEntityAudit(ctx: Ctx, input: { entityType: string; entityId: string; limit?: number }): Promise<AuditRow[]> {
  const rows = await auditDb(ctx.db)
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', input.entityType)
    .where('entity_id', '=', input.entityId)
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500))
    .execute()
  return rows.map((r) => ({
    id: String(r.id), at: r.at, actorKind: r.actor_kind, actorLabel: r.actor_label, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    before: r.before, after: r.after, reason: r.reason, requestId: r.request_id,
  }))
}
