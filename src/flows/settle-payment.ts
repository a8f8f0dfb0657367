import type { Ctx } from '../kernel/ctx.ts'
import { recordPaymentEvent, type ProviderEvent } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { completePaidOrder } from './complete-paid-order.ts'

/**
 * A verified provider event (webhook), applied once: the event id is recorded in the same
 * transaction as its effects, and the payment and order moves are status-guarded, so five
 * concurrent deliveries of one event give one capture, one order change and one e-mail.
 * A failed payment leaves the order unpaid with its hold: the shopper may pay again from
 * the order page until the hold lapses and the expiry sweep releases it.
 */
export async function settlePaymentEvent(ctx: Ctx, deps: CheckoutDeps, event: ProviderEvent): Promise<{ duplicate: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const outcome = await recordPaymentEvent(tctx, event)
    if (outcome.orderId && outcome.transition === 'captured') await completePaidOrder(tctx, deps, { orderId: outcome.orderId, paymentId: outcome.paymentId })
    return { duplicate: outcome.duplicate }
  })
}
