import { z } from 'zod'
import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { recordAudit } from '../modules/audit/index.ts'
import { queueEmail } from '../modules/notifications/index.ts'
import { decideReturn, getReturn, type ReturnStatus } from '../modules/returns/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { orderUrl } from './order-links.ts'

export const DecideReturnInput = z
  .object({
    returnId: z.string().min(1).max(64),
    decision: z.enum(['approved', 'rejected'], { error: 'Choisissez d’accepter ou de refuser le retour.' }),
    note: z.string().trim().max(2000, 'La note tient en 2 000 caractères.').default(''),
  })
  .superRefine((v, c) => {
    if (v.decision === 'rejected' && v.note.length < 3) c.addIssue({ code: 'custom', path: ['note'], message: 'Expliquez au client pourquoi le retour est refusé (3 caractères au moins).' })
  })
export type DecideReturnInput = z.input<typeof DecideReturnInput>

export type DecideReturnResult = { ok: true; status: ReturnStatus } | { ok: false; code: 'NOT_FOUND' } | { ok: false; code: 'ALREADY_DECIDED'; status: ReturnStatus }

/**
 * An agent approves a requested return (e-mail: the warehouse address the goods shipped from and
 * the return number to write on the parcel) or rejects it with a note sent to the shopper.
 * Status-guarded, audited, e-mail queued in the same transaction (one per decision).
 */
export async function decideReturnByStaff(ctx: Ctx, deps: Pick<CheckoutDeps, 'appSecret' | 'publicUrl'>, raw: DecideReturnInput): Promise<DecideReturnResult> {
  if (ctx.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Seul un membre de l’équipe décide d’un retour.')
  const parsed = DecideReturnInput.safeParse(raw)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join(' '))
  const input = parsed.data
  return ctx.db.transaction().execute(async (trx): Promise<DecideReturnResult> => {
    const tx: Ctx = { ...ctx, db: trx }
    const ret = await getReturn(tx, input.returnId, { lock: true })
    if (!ret) return { ok: false, code: 'NOT_FOUND' }
    const { changed } = await decideReturn(tx, { returnId: ret.id, decision: input.decision, note: input.note || null })
    if (!changed) return { ok: false, code: 'ALREADY_DECIDED', status: ret.status }
    await recordAudit(tx, { action: `returns.${input.decision}`, entityType: 'return', entityId: ret.id, before: { status: ret.status }, after: { status: input.decision, note: input.note || null }, reason: input.note || null })
    const common = { returnNumber: ret.number, orderNumber: ret.order.number, orderUrl: orderUrl(deps.publicUrl, deps.appSecret, ret.order.id, ret.order.locale) }
    const items = ret.lines.map((l) => ({ name: l.name, quantity: l.quantity }))
    if (input.decision === 'approved') {
      if (!ret.warehouses.length) throw new AppError('CONFLICT', 'Aucun entrepôt connu pour ces articles : impossible d’indiquer une adresse de retour.')
      await queueEmail(tx, { to: ret.order.email, locale: ret.order.locale, template: 'return-approved', dedupeKey: `return-approved:${ret.id}`, data: { ...common, items, warehouses: ret.warehouses } })
    } else {
      await queueEmail(tx, { to: ret.order.email, locale: ret.order.locale, template: 'return-rejected', dedupeKey: `return-rejected:${ret.id}`, data: { ...common, note: input.note } })
    }
    return { ok: true, status: input.decision }
  })
}
