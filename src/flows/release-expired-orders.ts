import type { Ctx } from '../kernel/ctx.ts'
import { releaseReservations } from '../modules/inventory/index.ts'
import { getOrderView, listExpiredUnpaidOrders, transitionOrder } from '../modules/orders/index.ts'
import { getPaymentsForOrder } from '../modules/payments/index.ts'
import { releasePromoRedemption } from '../modules/promotions/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { completePaidOrder } from './complete-paid-order.ts'
import { queueOrderCancelled } from './order-emails.ts'

export const RELEASE_EXPIRED_ORDERS_JOB = 'orders.release-expired'

/**
 * The expiry sweep (a recurring durable job): unpaid orders whose hold has lapsed are
 * cancelled and give back their stock and promotion use. An order whose payment was in
 * fact captured (the process died between the provider's answer and the order update) is
 * completed instead, so no paid order ever loses its stock. Returns the orders released.
 */
export async function releaseExpiredOrders(ctx: Ctx, deps: CheckoutDeps, opts: { limit?: number } = {}): Promise<number> {
  const ids = await listExpiredUnpaidOrders(ctx, { limit: opts.limit ?? 100 })
  let released = 0
  for (const orderId of ids) {
    const captured = (await getPaymentsForOrder(ctx, orderId)).find((p) => p.status === 'CAPTURED')
    await ctx.db.transaction().execute(async (trx) => {
      const tctx: Ctx = { ...ctx, db: trx }
      if (captured) {
        await completePaidOrder(tctx, deps, { orderId, paymentId: captured.id })
        return
      }
      const t = await transitionOrder(tctx, { orderId, to: 'cancelled', from: ['placed', 'awaiting_payment'], note: 'unpaid: stock hold expired', set: { cancelled_at: tctx.now, reservation_expires_at: null } })
      if (!t.changed) return
      await releaseReservations(tctx, { orderId, note: 'hold expired' })
      await releasePromoRedemption(tctx, { orderId })
      await queueOrderCancelled(tctx, deps, (await getOrderView(tctx, orderId))!, 'expired', null)
      released++
    })
  }
  return released
}
