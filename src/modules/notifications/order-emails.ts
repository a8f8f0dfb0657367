import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { notificationsDb, type EmailStatus } from './tables.ts'

/** An e-mail about an order, as the order desk lists it (the bodies are on the outbox page). */
export type OrderEmail = {
  id: string
  to: string
  template: string
  status: EmailStatus
  subject: string | null
  createdAt: Date
  processedAt: Date | null
  /** a copy sent again by staff: the id of the first e-mail, and which resend it is */
  resendOf: { emailId: string; n: number } | null
  /** resends already made of this e-mail (the next one is resends + 1) */
  resends: number
}

const RESEND_KEY = /^resend:([A-Za-z0-9_]+):(\d+)$/

/** The dedupe key of the n-th resend of an e-mail (a form submitted twice carries the same n). */
export const resendKey = (emailId: string, n: number): string => `resend:${emailId}:${n}`

/** The first e-mail a resend copies, and its number; null for an original. */
export function resendOrigin(dedupeKey: string): { emailId: string; n: number } | null {
  const m = RESEND_KEY.exec(dedupeKey)
  return m ? { emailId: m[1]!, n: Number(m[2]) } : null
}

/**
 * The e-mails about one order, newest first: those sent to its address whose data names its
 * number (confirmation, payment, cancellation, withdrawal, and their resends). One query on
 * email_outbox_to_idx; a customer has a few dozen e-mails at most.
 */
export async function listOrderEmails(ctx: Ctx, input: { to: string; orderNumber: string }): Promise<OrderEmail[]> {
  if (ctx.actor.kind !== 'system' && ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'The outbox is for staff only.')
  const rows = await notificationsDb(ctx.db)
    .selectFrom('email_outbox')
    .select(['id', 'dedupe_key', 'to_address', 'template', 'status', 'subject', 'created_at', 'processed_at'])
    .where((eb) => eb(eb.fn('lower', ['to_address']), '=', input.to.trim().toLowerCase()))
    .where(sql<boolean>`data ->> 'orderNumber' = ${input.orderNumber}`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute()
  const origins = rows.map((r) => resendOrigin(r.dedupe_key))
  return rows.map((r, i) => ({
    id: r.id, to: r.to_address, template: r.template, status: r.status, subject: r.subject, createdAt: r.created_at, processedAt: r.processed_at,
    resendOf: origins[i]!,
    resends: origins.reduce((n, o) => (o?.emailId === r.id ? Math.max(n, o.n) : n), 0),
  }))
}
