import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { notificationsDb, type EmailStatus } from './tables.ts'

export type OutboxEmail = {
  id: string
  to: string
  locale: 'fr' | 'en'
  template: string
  status: EmailStatus
  attempts: number
  lastError: string | null
  subject: string | null
  text: string | null
  html: string | null
  createdAt: Date
  processedAt: Date | null
}

/**
 * The outbox, newest first (the back office's view of e-mails kept without SMTP, sent or failed).
 * Staff and system only: e-mails carry reset links and order details.
 */
export async function listOutbox(ctx: Ctx, input: { status?: EmailStatus; to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'The outbox is for staff only.')
  let q = notificationsDb(ctx.db).selectFrom('email_outbox').selectAll()
  if (input.status) q = q.where('status', '=', input.status)
  if (input.to) q = q.where((eb) => eb(eb.fn('lower', ['to_address']), '=', input.to!.trim().toLowerCase()))
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(Math.min(input.limit ?? 50, 500)).execute()
  return rows.map((r) => ({
    id: r.id, to: r.to_address, locale: r.locale, template: r.template, status: r.status, attempts: r.attempts, lastError: r.last_error,
    subject: r.subject, text: r.text_body, html: r.html_body, createdAt: r.created_at, processedAt: r.processed_at,
  }))
}
