import { z } from 'zod'
import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { recordAudit } from '../modules/audit/index.ts'
import { releaseReservations } from '../modules/inventory/index.ts'
import { creditLeftOfOrder, issueRefundCreditNote } from '../modules/invoicing/index.ts'
import { getOrderView, transitionOrder, type OrderState } from '../modules/orders/index.ts'
import { listPaymentDetails } from '../modules/payments/index.ts'
import { releasePromoRedemption } from '../modules/promotions/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { queueOrderCancelled } from './order-emails.ts'
import { queueStaffRefund, refundCreditNoteNow, type RefundOrder, type RefundOutcome } from './staff-refund-job.ts'

/** Staff may cancel until the parcel is packed (the lifecycle refuses it afterwards). */
export const STAFF_CANCELLABLE: readonly OrderState[] = ['placed', 'awaiting_payment', 'paid', 'picking']

export const CancelOrderInput = z.strictObject({
  orderId: z.string().min(1).max(64),
  reason: z.string({ error: 'Indiquez le motif de l’annulation.' }).trim().min(3, 'Indiquez le motif de l’annulation (3 caractères au moins).').max(500, 'Le motif tient en 500 caractères.'),
})
export type CancelOrderInput = z.input<typeof CancelOrderInput>

export type CancelOrderResult =
  | { ok: true; refundAmount: number | null; creditNoteNumber: string | null; refund: RefundOutcome | null }
  | { ok: false; code: 'NOT_FOUND' }
  /** status: where the order is (already cancelled: the same form sent twice) */
  | { ok: false; code: 'ORDER_NOT_CANCELLABLE'; status: OrderState | null }

/**
 * An agent cancels an order before it is packed, with a reason: one transaction moves it to
 * cancelled (status-guarded, so a second submit changes nothing), puts its stock and promotion
 * use back, and for money received issues the credit note of what is left on the invoice and
 * queues its refund to the original payment; the customer's e-mail and the audit entry commit
 * with it. After commit the refund is tried at once (the queued job is the safety net).
 */
export async function cancelOrderByStaff(ctx: Ctx, deps: Pick<CheckoutDeps, 'providers' | 'publicUrl' | 'appSecret' | 'reservationMinutes'>, input: CancelOrderInput): Promise<CancelOrderResult> {
  if (ctx.actor.kind !== 'staff' && ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN', 'Only staff cancel orders from the back office.')
  const parsed = CancelOrderInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '))
  const f = parsed.data
  const done = await ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, f.orderId, { history: false })
    if (!order) return { ok: false as const, code: 'NOT_FOUND' as const }
    const t = await transitionOrder(tctx, { orderId: order.id, to: 'cancelled', from: STAFF_CANCELLABLE, note: f.reason, set: { cancelled_at: tctx.now, reservation_expires_at: null } })
    if (!t.changed) return { ok: false as const, code: 'ORDER_NOT_CANCELLABLE' as const, status: t.status }
    await releaseReservations(tctx, { orderId: order.id, note: 'order cancelled by staff' })
    await releasePromoRedemption(tctx, { orderId: order.id })
    let job: RefundOrder | null = null
    const left = await creditLeftOfOrder(tctx, order.id, { lock: true })
    const payment = (await listPaymentDetails(tctx, order.id)).find((p) => p.refundable > 0)
    if (left && left.leftGross > 0 && payment) {
      const note = await issueRefundCreditNote(tctx, { invoiceId: left.invoice.id, reason: `Annulation de la commande : ${f.reason}`, issuedAt: tctx.now, credit: { kind: 'rest' } })
      if (!note.ok) throw new AppError('INTERNAL', `credit note of cancelled order ${order.number} refused: ${note.code}`)
      job = { orderId: order.id, paymentId: payment.id, amount: Math.min(-note.totalGross, payment.refundable), creditNoteNumber: note.number, reason: f.reason }
      await queueStaffRefund(tctx, job)
    }
    await queueOrderCancelled(tctx, deps, order, 'staff', job?.amount ?? null)
    await recordAudit(tctx, {
      action: 'orders.cancelled', entityType: 'order', entityId: order.id, reason: f.reason,
      before: { status: t.from }, after: { status: 'cancelled', refund: job?.amount ?? null, creditNote: job?.creditNoteNumber ?? null },
    })
    return { ok: true as const, job }
  })
  if (!done.ok) return done
  const refund = done.job ? await refundCreditNoteNow(ctx, deps, done.job) : null
  return { ok: true, refundAmount: done.job?.amount ?? null, creditNoteNumber: done.job?.creditNoteNumber ?? null, refund }
}
