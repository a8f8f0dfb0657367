import type Stripe from 'stripe'
import type { Config } from '../../kernel/config.ts'
import type { Db } from '../../kernel/db/client.ts'
import { bankTransferProvider } from './providers/bank-transfer-provider.ts'
import type { BankTransferProvider, PaymentProvider, RefundingProvider } from './providers/provider.ts'
import { stripeProvider } from './providers/stripe-provider.ts'
import { seededRandom } from './providers/test-cards.ts'
import { fetchWebhookSender, type WebhookSender } from './providers/test-provider-webhooks.ts'
import { testProvider, type TestProvider } from './providers/test-provider.ts'
import type { PaymentProviderCode, WebhookProviderCode } from './types.ts'

/** The providers of this process: one for cards (test or Stripe), bank transfer always. */
export type PaymentProviders = Readonly<{
  card: PaymentProvider
  bankTransfer: BankTransferProvider
  /** present when the test provider takes the cards (its jobs settle and deliver) */
  test: TestProvider | null
  stripe: PaymentProvider | null
}>

export type TestProviderSettings = {
  /** where webhooks are POSTed; default `${publicUrl}/webhooks/payments/test` */
  webhookUrl?: string
  /** default: fetch; tests pass one that calls app.inject */
  send?: WebhookSender
  /** extra deliveries of every event; default 1 (every event arrives twice, as at-least-once PSPs do) */
  duplicateDeliveries?: number
  /** deliver events in a seeded random order within `windowSeconds` (default 60); default off */
  shuffle?: { seed: number; windowSeconds?: number } | false
  /** how long a pending test payment (…0077, …0119) waits before it settles; default 5 s */
  settleAfterSeconds?: number
}

export type PaymentProvidersDeps = {
  /** the test provider's remote side lives in this database (its own tables, its own transactions) */
  db: Db
  clock?: () => Date
  test?: TestProviderSettings
  /** a preconfigured Stripe client (offline tests) */
  stripeClient?: Stripe
}

type PaymentsConfig = Pick<Config, 'paymentProvider' | 'publicUrl' | 'testPaymentsWebhookSecret' | 'stripeSecretKey' | 'stripeWebhookSecret'>

/**
 * The test provider by default; Stripe when PAYMENT_PROVIDER=stripe (with both keys, else
 * an error at boot). The test provider is then absent, so its webhook endpoint answers 404:
 * its default secret is public and must not be able to mark anything paid in production.
 */
export function buildPaymentProviders(config: PaymentsConfig, deps: PaymentProvidersDeps): PaymentProviders {
  const clock = deps.clock ?? (() => new Date())
  const bankTransfer = bankTransferProvider()
  if (config.paymentProvider === 'stripe') {
    if (!config.stripeSecretKey || !config.stripeWebhookSecret) {
      throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (see README.md, Configuration).')
    }
    const stripe = stripeProvider({ secretKey: config.stripeSecretKey, webhookSecret: config.stripeWebhookSecret, clock, ...(deps.stripeClient ? { client: deps.stripeClient } : {}) })
    return { card: stripe, bankTransfer, test: null, stripe }
  }
  const t = deps.test ?? {}
  const shuffle = t.shuffle ? { random: seededRandom(t.shuffle.seed), windowSeconds: t.shuffle.windowSeconds ?? 60 } : null
  const test = testProvider({
    db: deps.db,
    secret: config.testPaymentsWebhookSecret,
    webhookUrl: t.webhookUrl ?? `${config.publicUrl}/webhooks/payments/test`,
    send: t.send ?? fetchWebhookSender,
    clock,
    duplicateDeliveries: t.duplicateDeliveries ?? 1,
    shuffle,
    settleAfterSeconds: t.settleAfterSeconds ?? 5,
  })
  return { card: test, bankTransfer, test, stripe: null }
}

/** The provider whose webhooks arrive at /webhooks/payments/:code, or null when it is not enabled. */
export function webhookProvider(providers: PaymentProviders, code: WebhookProviderCode): PaymentProvider | null {
  return code === 'test' ? providers.test : providers.stripe
}

/** The provider that can give back a payment's money, or null when it is not enabled in this process. */
export function refundingProvider(providers: PaymentProviders, code: PaymentProviderCode): RefundingProvider | null {
  return code === 'bank_transfer' ? providers.bankTransfer : webhookProvider(providers, code)
}
