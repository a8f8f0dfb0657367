import type { Ctx } from '../kernel/ctx.ts'
import { AppError } from '../kernel/errors.ts'
import { enqueueJob } from '../kernel/jobs.ts'
import { allocateReservations } from '../modules/inventory/index.ts'
import { issueInvoice } from '../modules/invoicing/index.ts'
import { getOrderView, transitionOrder } from '../modules/orders/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { invoiceDraftFromOrder } from './invoice-draft-from-order.ts'
import { queueOrderConfirmation, queueOrderPaid } from './order-emails.ts'

export const REFUND_UNFULFILLABLE_JOB = 'orders.refund-unfulfillable-payment'

/**
 * Payment captured → the order is paid: its held stock becomes allocated, the invoice is
 * issued (gap-free number, same transaction) and the shopper is told, once. Must run
 * inside the caller's transaction; the status-guarded transition makes every duplicate
 * (webhook redelivered, synchronous answer + webhook) a no-op. A capture for an order the
 * expiry sweep already released cannot be honoured: its refund is queued.
 */
export async function completePaidOrder(tctx: Ctx, deps: CheckoutDeps, input: { orderId: string; paymentId: string | null }): Promise<{ changed: boolean }> {
  const t = await transitionOrder(tctx, { orderId: input.orderId, to: 'paid', from: ['placed', 'awaiting_payment'], note: 'payment captured', set: { paid_at: tctx.now, reservation_expires_at: null }, withView: true })
  if (!t.changed) {
    if (t.status === 'cancelled' && input.paymentId) {
      await enqueueJob(tctx.db, { name: REFUND_UNFULFILLABLE_JOB, payload: { orderId: input.orderId, paymentId: input.paymentId }, uniqueKey: `refund-unfulfillable:${input.paymentId}` })
    }
    return { changed: false }
  }
  await allocateReservations(tctx, { orderId: input.orderId })
  // the paid order as the move left it (lines included): the e-mail and the invoice are made from it
  const order = t.view ?? (await getOrderView(tctx, input.orderId, { history: false }))!
  await queueOrderConfirmation(tctx, deps, order, { status: 'paid' })
  if (t.from === 'awaiting_payment') await queueOrderPaid(tctx, deps, order)
  // last: the gap-free number locks its counter row until commit, so it is taken as late as possible
  const invoice = await issueInvoice(tctx, invoiceDraftFromOrder(order, tctx.now))
  // a refused draft is a bug in the amounts: fail loudly and roll the payment settlement back
  if (!invoice.ok) throw new AppError('INTERNAL', `invoice of order ${order.number} refused: ${invoice.code}`, invoice.problems)
  return { changed: true }
}
