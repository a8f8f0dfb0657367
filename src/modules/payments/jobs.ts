import { z } from 'zod'
import { defineJob, type JobDefinition } from '../../kernel/jobs.ts'
import type { PaymentProviders } from './build-payment-providers.ts'
import { DELIVER_TEST_WEBHOOK, REFUND_STRAY_CAPTURE, SETTLE_TEST_PAYMENT } from './job-names.ts'
import { refundStrayCapture } from './refund-stray-capture.ts'

export { DELIVER_TEST_WEBHOOK, REFUND_STRAY_CAPTURE, SETTLE_TEST_PAYMENT }

/**
 * The durable jobs of the payments module. They need this process's providers (the test
 * provider's webhook URL, secret and HTTP sender; Stripe's client), hence a factory:
 * `registerJobs(paymentJobs(providers))` with the same providers the routes use.
 */
export function paymentJobs(providers: PaymentProviders): JobDefinition<never>[] {
  const testProvider = () => {
    if (!providers.test) throw new Error('the test payment provider is not enabled in this process')
    return providers.test
  }
  const jobs = [
    defineJob({
      name: DELIVER_TEST_WEBHOOK,
      // url and body ride along since this version; older jobs carry the id only
      payload: z.object({ deliveryId: z.string(), url: z.string().optional(), body: z.string().optional() }),
      handler: async (_ctx, { deliveryId, url, body }) => testProvider().deliver(deliveryId, url !== undefined && body !== undefined ? { url, body } : undefined),
      // a PSP keeps trying for hours: 10 attempts, 10 s doubling, capped at one hour by the queue
      maxAttempts: 10,
      backoffSeconds: 10,
    }),
    defineJob({
      name: SETTLE_TEST_PAYMENT,
      payload: z.object({ providerRef: z.string() }),
      handler: async (_ctx, { providerRef }) => testProvider().settle(providerRef),
      maxAttempts: 5,
      backoffSeconds: 5,
    }),
    defineJob({
      name: REFUND_STRAY_CAPTURE,
      payload: z.object({ paymentId: z.string() }),
      handler: async (ctx, { paymentId }) => refundStrayCapture(ctx, providers, paymentId),
      maxAttempts: 8,
      backoffSeconds: 30,
    }),
  ]
  return jobs as unknown as JobDefinition<never>[]
}
