import type { Db } from '../../kernel/db/client.ts'
import { registerJobs, runDueJobs } from '../../kernel/jobs.ts'
import type { PaymentProviders } from './build-payment-providers.ts'
import { DELIVER_TEST_WEBHOOK, REFUND_STRAY_CAPTURE, SETTLE_TEST_PAYMENT } from './job-names.ts'
import { paymentJobs } from './jobs.ts'
import type { CardInput } from './types.ts'

// Helpers for tests of the payments module and of the flows that use it (no production use).

/** The payment settings of a test configuration (the test provider with its default dev secret). */
export const TEST_PAYMENTS_CONFIG = Object.freeze({
  paymentProvider: 'test' as const,
  publicUrl: 'http://lakou.test',
  testPaymentsWebhookSecret: 'whsec_lakou_test_provider_dev',
  stripeSecretKey: undefined,
  stripeWebhookSecret: undefined,
})

/** A card as a shopper types it, valid until 2040 unless overridden. */
export function testCard(number: string, over: Partial<CardInput> = {}): CardInput {
  return { number, expMonth: 12, expYear: 2040, cvc: '123', holderName: 'Man Lisette', ...over }
}

/**
 * Runs the payments jobs due at `now` (default: an hour from now, past any settle delay or
 * shuffle window) until none is left, with these providers; returns how many ran.
 */
export async function runPaymentJobs(db: Db, providers: PaymentProviders, now = new Date(Date.now() + 3_600_000)): Promise<number> {
  registerJobs(paymentJobs(providers))
  let total = 0
  for (;;) {
    const ran = await runDueJobs(db, { now, names: [DELIVER_TEST_WEBHOOK, SETTLE_TEST_PAYMENT, REFUND_STRAY_CAPTURE] })
    if (ran === 0) return total
    total += ran
  }
}
