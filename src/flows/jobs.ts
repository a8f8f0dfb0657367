import { z } from 'zod'
import { defineJob, type JobDefinition } from '../kernel/jobs.ts'
import { refundPayment, getPaymentsForOrder } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { REFUND_UNFULFILLABLE_JOB } from './complete-paid-order.ts'
import { REFUND_CANCELLED_ORDER_JOB } from './cancel-order.ts'
import { RELEASE_EXPIRED_ORDERS_JOB, releaseExpiredOrders } from './release-expired-orders.ts'

/** How often the expiry sweep runs (a recurring job row, so a crash never loses it). */
export const RELEASE_EXPIRED_EVERY_SECONDS = 30

/** The order flows' durable jobs: the expiry sweep and the refunds queued after commit. */
export function orderJobs(deps: CheckoutDeps): JobDefinition<never>[] {
  const refundCaptured = async (ctx: Parameters<JobDefinition<unknown>['handler']>[0], orderId: string, amount: number | null, reason: string) => {
    const captured = (await getPaymentsForOrder(ctx, orderId)).find((p) => p.status === 'CAPTURED' || p.status === 'PARTIALLY_REFUNDED')
    if (!captured) return // nothing (left) to give back
    const r = await refundPayment(ctx, deps.providers, { paymentId: captured.id, amount: amount ?? captured.amount - captured.refundedAmount, reason })
    if (!r.ok) throw new Error(`refund of ${orderId} refused: ${r.code}`)
  }
  return [
    defineJob({ name: RELEASE_EXPIRED_ORDERS_JOB, payload: z.object({}).passthrough(), handler: async (ctx) => void (await releaseExpiredOrders(ctx, deps)), maxAttempts: 3, backoffSeconds: 5 }),
    defineJob({
      name: REFUND_CANCELLED_ORDER_JOB,
      payload: z.object({ orderId: z.string(), amount: z.number().int().positive() }),
      handler: async (ctx, p) => refundCaptured(ctx, p.orderId, p.amount, 'order cancelled'),
      maxAttempts: 10,
      backoffSeconds: 30,
    }),
    defineJob({
      name: REFUND_UNFULFILLABLE_JOB,
      payload: z.object({ orderId: z.string(), paymentId: z.string() }),
      handler: async (ctx, p) => refundCaptured(ctx, p.orderId, null, 'payment arrived after the order was released'),
      maxAttempts: 10,
      backoffSeconds: 30,
    }),
  ] as unknown as JobDefinition<never>[]
}
