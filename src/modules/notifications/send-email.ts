import type { Ctx } from '../../kernel/ctx.ts'
import type { Mailer } from './mailer.ts'
import { notificationsDb } from './tables.ts'
import { isTemplateName, renderEmail } from './templates/index.ts'

/** Tries per e-mail before it is marked FAILED (the job's backoff spaces them out). */
export const EMAIL_MAX_ATTEMPTS = 5

export type SendOutcome = 'SENT' | 'KEPT' | 'FAILED' | 'RETRY' | 'ALREADY_DONE'

/**
 * Delivers one outbox e-mail: renders it (the rendered parts are stored, so the back office shows
 * exactly what was sent), then sends it by SMTP, or — without a mailer — keeps it (KEPT: the
 * local outbox). An SMTP error counts an attempt and throws, so the job retries with backoff;
 * after EMAIL_MAX_ATTEMPTS the row is FAILED with the last error and the job stops.
 * At-least-once: a crash between the SMTP answer and the update sends again on retry (the
 * Message-ID stays the same so mail systems can drop the copy).
 */
export async function sendEmail(ctx: Ctx, input: { emailId: string }, mailer: Mailer | null): Promise<SendOutcome> {
  const db = notificationsDb(ctx.db)
  const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', input.emailId).executeTakeFirst()
  if (!row || row.status !== 'QUEUED') return 'ALREADY_DONE'
  const now = new Date()
  const done = (set: { status: 'SENT' | 'KEPT' | 'FAILED'; last_error?: string | null; message_id?: string | null; subject?: string; text_body?: string; html_body?: string }) =>
    db.updateTable('email_outbox').set({ ...set, attempts: row.attempts + 1, processed_at: now }).where('id', '=', row.id).where('status', '=', 'QUEUED').execute()

  let rendered
  try {
    if (!isTemplateName(row.template)) throw new Error(`unknown e-mail template ${row.template}`)
    rendered = renderEmail(row.template, row.locale, row.data)
  } catch (err) {
    await done({ status: 'FAILED', last_error: `render: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000) })
    return 'FAILED' // retrying cannot fix the data
  }
  const parts = { subject: rendered.subject, text_body: rendered.text, html_body: rendered.html }
  if (!mailer) {
    await done({ status: 'KEPT', ...parts })
    return 'KEPT'
  }
  try {
    const sent = await mailer.send({ to: row.to_address, locale: row.locale, messageId: `<${row.id}@lakou.outbox>`, ...rendered })
    await done({ status: 'SENT', message_id: sent.messageId, ...parts })
    return 'SENT'
  } catch (err) {
    const message = `smtp: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000)
    if (row.attempts + 1 >= EMAIL_MAX_ATTEMPTS) {
      await done({ status: 'FAILED', last_error: message, ...parts })
      return 'FAILED'
    }
    await db.updateTable('email_outbox').set({ attempts: row.attempts + 1, last_error: message }).where('id', '=', row.id).where('status', '=', 'QUEUED').execute()
    throw new Error(message) // the job runner schedules the next attempt with backoff
  }
}
