import type { Ctx } from '../../kernel/ctx.ts'
import { auditDb } from './tables.ts'

export type AuditEntry = {
  /** what was done, `<domain>.<verb>`: 'catalog.product_updated', 'orders.refunded', 'staff.roles_changed' */
  action: string
  entityType: string
  entityId: string
  /** the record as it was (null for a creation) and as it is (null for a deletion); JSON-serialisable */
  before?: unknown
  after?: unknown
  /** the reason the staff member typed, when the action asks for one */
  reason?: string | null
}

/** Who acted, as the log shows it. */
function actorOf(ctx: Ctx): { kind: string; id: string | null; label: string } {
  const a = ctx.actor
  switch (a.kind) {
    case 'staff':
      return { kind: 'staff', id: a.staffId, label: a.email }
    case 'customer':
      return { kind: 'customer', id: a.customerId, label: a.customerId }
    case 'system':
      return { kind: 'system', id: null, label: a.name }
    default:
      return { kind: 'anonymous', id: null, label: 'anonymous' }
  }
}

/**
 * Appends one entry to the audit log. Call it with the ctx of the transaction that makes the
 * change, so the entry commits (or rolls back) with it. Only the fields that changed are kept
 * when both sides are given, so the log reads as a diff and stays small.
 */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const actor = actorOf(ctx)
  const [before, after] = changedFields(entry.before, entry.after)
  await auditDb(ctx.db)
    .insertInto('audit_log')
    .values({
      at: ctx.now,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
      reason: entry.reason ?? null,
      request_id: ctx.requestId,
    })
    .execute()
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Keeps only the keys whose JSON differs when both sides are plain objects; else both as given. */
export function changedFields(before: unknown, after: unknown): [unknown, unknown] {
  if (!isRecord(before) || !isRecord(after)) return [before, after]
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue
    b[key] = before[key]
    a[key] = after[key]
  }
  return [b, a]
}
