import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { enqueueJob } from '../kernel/jobs.ts'
import { releaseReservations } from '../modules/inventory/index.ts'
import { getInvoiceForOrder, issueRefundCreditNote } from '../modules/invoicing/index.ts'
import { SHOPPER_CANCELLABLE, getOrderView, transitionOrder } from '../modules/orders/index.ts'
import { releasePromoRedemption } from '../modules/promotions/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { queueOrderCancelled } from './order-emails.ts'
import { canOpenOrder } from './order-access.ts'

export const REFUND_CANCELLED_ORDER_JOB = 'orders.refund-cancelled-order'

/**
 * The shopper cancels before the parcel is packed: stock and promotion use come back; a
 * paid order gets a credit note for the whole invoice and its refund is queued (the
 * provider call happens in a job, after commit, retried until it succeeds).
 */
export async function cancelOrderByShopper(ctx: Ctx, deps: CheckoutDeps, input: { orderId: string; accessToken: string | null }): Promise<{ ok: true } | { ok: false; code: 'ORDER_NOT_CANCELLABLE' | 'NOT_FOUND' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, input.orderId)
    if (!order || !canOpenOrder(tctx, deps, order, input.accessToken)) return { ok: false, code: 'NOT_FOUND' }
    const t = await transitionOrder(tctx, { orderId: order.id, to: 'cancelled', from: SHOPPER_CANCELLABLE, note: 'cancelled by the customer', set: { cancelled_at: tctx.now, reservation_expires_at: null } })
    if (!t.changed) return { ok: false, code: 'ORDER_NOT_CANCELLABLE' }
    await releaseReservations(tctx, { orderId: order.id, note: 'order cancelled by the customer' })
    await releasePromoRedemption(tctx, { orderId: order.id })
    let refund: number | null = null
    if (t.from === 'paid') {
      // what is left after any partial refund the team already made: credited and refunded now
      refund = order.totals.gross
      const invoice = await getInvoiceForOrder(tctx, order.id)
      if (invoice) {
        const note = await issueRefundCreditNote(tctx, { invoiceId: invoice.id, reason: 'Annulation de la commande par le client', issuedAt: tctx.now, credit: { kind: 'rest' } })
        if (note.ok) refund = -note.totalGross
        else if (note.code === 'INVOICING_CREDIT_EMPTY') refund = 0
        else throw new AppError('INTERNAL', `credit note of order ${order.number} refused: ${note.code}`)
      }
      if (refund > 0) await enqueueJob(tctx.db, { name: REFUND_CANCELLED_ORDER_JOB, payload: { orderId: order.id, amount: refund }, uniqueKey: `refund-cancelled:${order.id}` })
    }
    await queueOrderCancelled(tctx, deps, order, 'customer', refund)
    return { ok: true }
  })
}
