// Shapes other modules and flows see (checkout, orders, the webhook route).

export type PaymentProviderCode = 'test' | 'stripe' | 'bank_transfer'
/** Providers that send signed webhooks to POST /webhooks/payments/:provider. */
export type WebhookProviderCode = 'test' | 'stripe'
export type PaymentMethod = 'card' | 'bank_transfer'
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'FAILED' | 'CANCELLED' | 'REFUNDED' | 'PARTIALLY_REFUNDED'

/** Card details as typed by the shopper; only brand and last4 are ever stored. */
export type CardInput = {
  number: string
  expMonth: number
  expYear: number
  cvc: string
  holderName: string
  /** Stripe only: a PaymentMethod id collected by Stripe Elements (raw numbers never reach Stripe in live mode) */
  paymentMethodId?: string | undefined
}

export type CardSummary = { brand: string; last4: string }

/** Where and how the shopper pays by bank transfer (operator's account, reference = order number). */
export type TransferDetails = { iban: string; bic: string; beneficiary: string; reference: string }

/**
 * A webhook event translated from the provider's format. `type` is what Lakou acts on;
 * anything else is recorded and ignored ('other').
 */
export type ProviderEvent = {
  provider: WebhookProviderCode
  /** the provider's event id: a redelivered event has the same one */
  eventId: string
  type: 'payment.succeeded' | 'payment.failed' | 'payment.refunded' | 'other'
  /** the provider's own event type (payment_intent.succeeded, charge.refunded…) */
  providerType: string
  /** the provider's payment id (tp_…, pi_…) */
  providerRef: string | null
  /** our payment id, from the metadata given when the payment was created (finds it before provider_ref is stored) */
  paymentId: string | null
  /** succeeded: amount captured, in cents */
  amount: number | null
  /** refunded: total refunded so far on the provider's side (cumulative, so order does not matter) */
  amountRefunded: number | null
  failureCode: string | null
  failureMessage: string | null
  created: Date
  payload: unknown
}

/** What recording an event (or a bank transfer) did; the settle flow completes the order on 'captured'. */
export type PaymentTransition = 'captured' | 'failed' | 'refunded' | 'none'

export type PaymentEventOutcome = {
  duplicate: boolean
  paymentId: string | null
  orderId: string | null
  transition: PaymentTransition
  /** why nothing changed: out_of_order, unknown_payment, stray_capture, amount_mismatch, not_relevant */
  ignored?: string
}

/** A payment as the order page and the back office show it. */
export type PaymentSummary = {
  id: string
  orderId: string
  orderNumber: string
  provider: PaymentProviderCode
  method: PaymentMethod
  amount: number
  currency: 'EUR'
  status: PaymentStatus
  refundedAmount: number
  card: CardSummary | null
  failureCode: string | null
  capturedAt: Date | null
  createdAt: Date
  transfer: TransferDetails | null
}
