import Stripe from 'stripe'
import { normalizeCardNumber } from '../card.ts'
import type { ProviderEvent } from '../types.ts'
import { headerValue, ProviderRefusedError, ProviderUnavailableError, WebhookPayloadError, WebhookSignatureError, type PaymentProvider, type ProviderChargeResult } from './provider.ts'

export type StripeProviderOptions = {
  secretKey: string
  webhookSecret: string
  clock: () => Date
  /** a preconfigured client (tests give one with a fake HTTP client; no network) */
  client?: Stripe
}

/** Stripe's tolerance for webhook timestamps, the same five minutes as the test provider. */
const TOLERANCE_SECONDS = 300

/**
 * In test mode (sk_test_…) the documented test numbers map to Stripe's test PaymentMethods,
 * so the demo checkout works against a Stripe test account. In live mode card numbers must
 * never reach our server (PCI DSS SAQ A): the page collects them with Stripe Elements and
 * sends a PaymentMethod id.
 */
const STRIPE_TEST_METHODS: Readonly<Record<string, string>> = {
  '4242424242424242': 'pm_card_visa',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000000000009995': 'pm_card_chargeDeclinedInsufficientFunds',
  '4000000000000119': 'pm_card_chargeDeclinedProcessingError',
}

/** The Stripe adapter: PaymentIntents confirmed server-side with automatic capture, refunds, signed webhooks. */
export function stripeProvider(opts: StripeProviderOptions): PaymentProvider {
  const stripe = opts.client ?? new Stripe(opts.secretKey, { maxNetworkRetries: 2, timeout: 15_000 })
  const testMode = opts.secretKey.startsWith('sk_test_')

  return {
    code: 'stripe',

    async startCardPayment(input) {
      const method = input.card.paymentMethodId ?? (testMode ? STRIPE_TEST_METHODS[normalizeCardNumber(input.card.number)] : undefined)
      if (!method) return { outcome: 'invalid', message: 'Stripe needs a payment method collected by Stripe Elements.' }
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            payment_method: method,
            confirm: true,
            capture_method: 'automatic',
            // no redirect-based methods: the checkout has no return page for them yet
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            receipt_email: input.customerEmail,
            description: `Lakou ${input.orderNumber}`,
            metadata: { lakou_payment_id: input.paymentId, order_id: input.orderId, order_number: input.orderNumber },
            expand: ['payment_method'],
          },
          { idempotencyKey: input.idempotencyKey },
        )
        return intentOutcome(pi)
      } catch (err) {
        if (err instanceof Stripe.errors.StripeCardError) {
          const code = err.decline_code ?? err.code ?? 'card_declined'
          return { outcome: 'declined', providerRef: err.payment_intent?.id ?? null, card: null, declineCode: code, message: err.message }
        }
        throw providerError(err)
      }
    },

    async refund(providerRef, amount, { idempotencyKey }) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: providerRef, amount, expand: ['charge'] }, { idempotencyKey })
        return { refundRef: refund.id, amountRefunded: refund.charge && typeof refund.charge === 'object' ? refund.charge.amount_refunded : null }
      } catch (err) {
        throw providerError(err)
      }
    },

    parseWebhook(rawBody, headers) {
      const signature = headerValue(headers, 'stripe-signature')
      if (!signature) throw new WebhookSignatureError('Stripe-Signature header missing')
      let event: Stripe.Event
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, opts.webhookSecret, TOLERANCE_SECONDS, undefined, opts.clock().getTime())
      } catch (err) {
        if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookSignatureError(err.message.split('\n')[0] ?? 'invalid signature')
        throw new WebhookPayloadError('the body is not a Stripe event')
      }
      return stripeEvent(event)
    },
  }
}

function intentOutcome(pi: Stripe.PaymentIntent): ProviderChargeResult {
  const pm = pi.payment_method && typeof pi.payment_method === 'object' ? pi.payment_method.card : null
  const card = pm ? { brand: pm.brand, last4: pm.last4 } : { brand: 'unknown', last4: '0000' }
  if (pi.status === 'succeeded') return { outcome: 'captured', providerRef: pi.id, card }
  if (pi.status === 'processing') return { outcome: 'pending', providerRef: pi.id, card }
  // requires_action (3-D Secure) needs the shopper on the page with Stripe.js: refused here rather than left hanging
  const declineCode = pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code ?? (pi.status === 'requires_action' ? 'authentication_required' : pi.status)
  return { outcome: 'declined', providerRef: pi.id, card, declineCode, message: pi.last_payment_error?.message ?? `Payment ${pi.status}.` }
}

/** Outages and rate limits are "unknown outcome, retry with the same key"; the rest are refusals. */
function providerError(err: unknown): Error {
  const E = Stripe.errors
  if (err instanceof E.StripeConnectionError || err instanceof E.StripeAPIError || err instanceof E.StripeRateLimitError || err instanceof E.StripeAuthenticationError) {
    return new ProviderUnavailableError(`Stripe: ${err.message}`)
  }
  if (err instanceof E.StripeError) return new ProviderRefusedError(err.code ?? err.type, `Stripe: ${err.message}`)
  return err instanceof Error ? err : new Error(String(err))
}

/** Stripe's events in Lakou's terms: payment_intent.succeeded / payment_failed, charge.refunded; the rest is 'other'. */
export function stripeEvent(event: Stripe.Event): ProviderEvent {
  const base = { provider: 'stripe' as const, eventId: event.id, providerType: event.type, created: new Date(event.created * 1000), payload: event }
  const none = { amount: null, amountRefunded: null, failureCode: null, failureMessage: null }
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed': {
      const pi = event.data.object
      const failed = event.type === 'payment_intent.payment_failed'
      const err = pi.last_payment_error
      return {
        ...base,
        ...none,
        type: failed ? 'payment.failed' : 'payment.succeeded',
        providerRef: pi.id,
        paymentId: pi.metadata?.lakou_payment_id ?? null,
        amount: failed ? null : pi.amount_received,
        failureCode: failed ? (err?.decline_code ?? err?.code ?? 'payment_failed') : null,
        failureMessage: failed ? (err?.message ?? null) : null,
      }
    }
    case 'charge.refunded': {
      const charge = event.data.object
      const pi = charge.payment_intent
      return {
        ...base,
        ...none,
        type: 'payment.refunded',
        providerRef: typeof pi === 'string' ? pi : (pi?.id ?? null),
        paymentId: charge.metadata?.lakou_payment_id ?? null,
        amountRefunded: charge.amount_refunded,
      }
    }
    default:
      return { ...base, ...none, type: 'other', providerRef: null, paymentId: null }
  }
}
