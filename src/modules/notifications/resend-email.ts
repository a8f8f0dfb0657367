import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { enqueueJob } from '../../kernel/jobs.ts'
import { resendKey, resendOrigin } from './order-emails.ts'
import { SEND_EMAIL_JOB } from './queue-email.ts'
import { notificationsDb } from './tables.ts'

export type ResendEmailResult =
  | { ok: true; queued: true; emailId: string; originalId: string; n: number }
  /** this resend (same e-mail, same n) was already queued: a form submitted twice */
  | { ok: true; queued: false; originalId: string; n: number }
  | { ok: false; code: 'NOT_FOUND' }

/**
 * Queues a copy of an e-mail: same recipient, language, template and data, rendered again by
 * the send job, under the dedupe key `resend:<first e-mail>:<n>`. The n comes from the page that
 * offered the resend, so a double submit queues one copy; resending a copy copies its original.
 * In the caller's transaction, like queueEmail.
 */
export async function resendEmail(ctx: Ctx, input: { emailId: string; n: number }): Promise<ResendEmailResult> {
  if (ctx.actor.kind !== 'system' && ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Resending e-mails is for staff only.')
  if (!Number.isSafeInteger(input.n) || input.n < 1) throw new AppError('VALIDATION_FAILED', 'the resend number starts at 1')
  const db = notificationsDb(ctx.db)
  const row = await db.selectFrom('email_outbox').select(['id', 'dedupe_key', 'to_address', 'locale', 'template', 'data']).where('id', '=', input.emailId).executeTakeFirst()
  if (!row) return { ok: false, code: 'NOT_FOUND' }
  const originalId = resendOrigin(row.dedupe_key)?.emailId ?? row.id
  const id = newId('eml')
  const inserted = await db
    .insertInto('email_outbox')
    .values({ id, dedupe_key: resendKey(originalId, input.n), to_address: row.to_address, locale: row.locale, template: row.template, data: JSON.stringify(row.data), created_at: ctx.now })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return { ok: true, queued: false, originalId, n: input.n }
  await enqueueJob(ctx.db, { name: SEND_EMAIL_JOB, payload: { emailId: id }, uniqueKey: `email:${id}` })
  return { ok: true, queued: true, emailId: id, originalId, n: input.n }
}
