import { z } from 'zod'
import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { recordAudit } from '../modules/audit/index.ts'
import { listOrderEmails, resendEmail } from '../modules/notifications/index.ts'
import { getOrderView } from '../modules/orders/index.ts'

export const ResendOrderEmailInput = z.strictObject({
  orderId: z.string().min(1).max(64),
  emailId: z.string().min(1).max(64),
  /** which resend of that e-mail the page offered (the same form sent twice queues one copy) */
  n: z.coerce.number().int().min(1).max(1000),
  reason: z.string({ error: 'Indiquez pourquoi vous renvoyez cet e-mail.' }).trim().min(3, 'Indiquez pourquoi vous renvoyez cet e-mail (3 caractères au moins).').max(500, 'Le motif tient en 500 caractères.'),
})
export type ResendOrderEmailInput = z.input<typeof ResendOrderEmailInput>

export type ResendOrderEmailResult = { ok: true; queued: boolean; emailId: string | null } | { ok: false; code: 'NOT_FOUND' }

/**
 * An agent sends an order's e-mail again (lost confirmation, wrong spam folder): the e-mail must
 * be one about this order; its copy is queued with the audit entry and the reason, in one
 * transaction. A copy of a copy is a copy of the first e-mail.
 */
export async function resendOrderEmail(ctx: Ctx, input: ResendOrderEmailInput): Promise<ResendOrderEmailResult> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'Only staff resend e-mails.')
  const parsed = ResendOrderEmailInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))
  const f = parsed.data
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, f.orderId, { history: false })
    if (!order) return { ok: false, code: 'NOT_FOUND' }
    const email = (await listOrderEmails(tctx, { to: order.email, orderNumber: order.number })).find((e) => e.id === f.emailId)
    if (!email) return { ok: false, code: 'NOT_FOUND' }
    const r = await resendEmail(tctx, { emailId: email.resendOf?.emailId ?? email.id, n: f.n })
    if (!r.ok) return { ok: false, code: 'NOT_FOUND' }
    if (!r.queued) return { ok: true, queued: false, emailId: null }
    await recordAudit(tctx, { action: 'orders.email_resent', entityType: 'order', entityId: order.id, reason: f.reason, after: { emailId: r.emailId, copyOf: r.originalId, template: email.template, to: email.to, n: r.n } })
    return { ok: true, queued: true, emailId: r.emailId }
  })
}
