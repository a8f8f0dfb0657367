import { z } from 'zod'
import type { Ctx } from '../kernel/ctx.ts'
import { defineJob, enqueueJob, type JobDefinition } from '../kernel/jobs.ts'
import { listPaymentDetails, refundPayment } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'

export const STAFF_REFUND_JOB = 'orders.staff-refund'

/** How long the durable job waits before checking the refund the request tried at once. */
export const STAFF_REFUND_SAFETY_DELAY_MS = 60_000

const RefundOrder = z.object({ orderId: z.string(), paymentId: z.string(), amount: z.number().int().positive(), creditNoteNumber: z.string(), reason: z.string() })
export type RefundOrder = z.infer<typeof RefundOrder>

/** The refund's label at the provider: names its credit note, so a second run can tell it was done. */
const refundLabel = (r: RefundOrder) => `avoir ${r.creditNoteNumber} : ${r.reason}`.slice(0, 500)
const isFor = (r: RefundOrder, reason: string | null) => reason?.startsWith(`avoir ${r.creditNoteNumber} :`) ?? false

/**
 * Queues the provider refund of a credit note in the caller's transaction: it is durable (a
 * crash after commit loses nothing), and runs a minute later as a safety net behind the
 * request's own immediate try (refundCreditNoteNow).
 */
export async function queueStaffRefund(ctx: Ctx, r: RefundOrder): Promise<void> {
  await enqueueJob(ctx.db, { name: STAFF_REFUND_JOB, payload: r, uniqueKey: `staff-refund:${r.creditNoteNumber}`, runAt: new Date(ctx.now.getTime() + STAFF_REFUND_SAFETY_DELAY_MS) })
}

export type RefundOutcome = 'refunded' | 'already' | 'failed'

/**
 * Gives back a credit note's amount on the order's payment, once: a refund already labelled with
 * this credit note (done or in flight) is not asked again. Called right after the commit, and by
 * the job (which retries while the provider is unavailable).
 */
export async function refundCreditNoteNow(ctx: Ctx, deps: Pick<CheckoutDeps, 'providers'>, r: RefundOrder): Promise<RefundOutcome> {
  const payment = (await listPaymentDetails(ctx, r.orderId)).find((p) => p.id === r.paymentId)
  if (!payment) return 'failed'
  if (payment.refunds.some((a) => a.status !== 'FAILED' && isFor(r, a.reason))) return 'already'
  const res = await refundPayment(ctx, deps.providers, { paymentId: r.paymentId, amount: r.amount, reason: refundLabel(r) })
  return res.ok ? 'refunded' : 'failed'
}

/** The durable job behind every staff refund (refund, cancellation). */
export function staffRefundJobs(deps: Pick<CheckoutDeps, 'providers'>): JobDefinition<never>[] {
  return [
    defineJob({
      name: STAFF_REFUND_JOB,
      payload: RefundOrder,
      handler: async (ctx, p) => {
        if ((await refundCreditNoteNow(ctx, deps, p)) === 'failed') throw new Error(`refund of ${p.creditNoteNumber} on ${p.paymentId} failed`)
      },
      maxAttempts: 10,
      backoffSeconds: 60,
    }),
  ] as unknown as JobDefinition<never>[]
}
