import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { enqueueJob } from '../../kernel/jobs.ts'
import { notificationsDb } from './tables.ts'
import { TEMPLATES, type TemplateData, type TemplateName } from './templates/index.ts'

export const SEND_EMAIL_JOB = 'notifications.send-email'

export type QueueEmailInput<K extends TemplateName> = {
  to: string
  locale: Locale
  template: K
  data: TemplateData[K]
  /** one e-mail per business event, e.g. `order-confirmation:ord_…`; a second queueing is ignored */
  dedupeKey: string
}

/**
 * Queues an e-mail in the caller's transaction (pass the transaction as ctx.db): the outbox row
 * and its delivery job commit with the event that wants them, or not at all. The dedupe key is
 * UNIQUE in the table, so a retried or concurrent event (a webhook delivered five times) queues
 * one e-mail: the later calls return `{ queued: false }`. The data is checked against the
 * template now, so a wrong shape fails in the caller's test, not later in a job.
 */
export async function queueEmail<K extends TemplateName>(ctx: Ctx, input: QueueEmailInput<K>): Promise<{ queued: true; emailId: string } | { queued: false }> {
  const parsed = TEMPLATES[input.template].schema.safeParse(input.data)
  if (!parsed.success) throw new AppError('INTERNAL', `e-mail data for ${input.template} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const to = input.to.trim()
  if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(to)) throw new AppError('INTERNAL', `e-mail address ${JSON.stringify(to)} is not a single plain address`)
  const id = newId('eml')
  const row = await notificationsDb(ctx.db)
    .insertInto('email_outbox')
    .values({ id, dedupe_key: input.dedupeKey, to_address: to, locale: input.locale, template: input.template, data: JSON.stringify(input.data), created_at: ctx.now })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!row) return { queued: false }
  await enqueueJob(ctx.db, { name: SEND_EMAIL_JOB, payload: { emailId: id }, uniqueKey: `email:${id}` })
  return { queued: true, emailId: id }
}
