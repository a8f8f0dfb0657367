import type { CardInput, CardSummary, PaymentProviderCode, ProviderEvent, TransferDetails, WebhookProviderCode } from '../types.ts'

/** What Lakou asks a card provider to charge; `idempotencyKey` makes a retried call return the first charge. */
export type ProviderChargeInput = {
  paymentId: string
  idempotencyKey: string
  amount: number
  currency: 'EUR'
  card: CardInput
  orderId: string
  orderNumber: string
  customerEmail: string
}

export type ProviderChargeResult =
  | { outcome: 'captured' | 'pending'; providerRef: string; card: CardSummary }
  | { outcome: 'declined'; providerRef: string | null; card: CardSummary | null; declineCode: string; message: string }
  | { outcome: 'invalid'; message: string }

/** `amountRefunded`: the provider's running total after this refund, when it tells it. */
export type ProviderRefundResult = { refundRef: string; amountRefunded: number | null }

export type WebhookHeaders = Record<string, string | string[] | undefined>

/** A card provider behind one interface (test provider, Stripe). */
export type PaymentProvider = {
  code: WebhookProviderCode
  startCardPayment(input: ProviderChargeInput): Promise<ProviderChargeResult>
  refund(providerRef: string, amount: number, opts: { idempotencyKey: string }): Promise<ProviderRefundResult>
  /** Verifies the signature then translates; throws WebhookSignatureError (bad, missing or stale) or WebhookPayloadError. */
  parseWebhook(rawBody: Buffer | string, headers: WebhookHeaders): ProviderEvent
}

/** Bank transfer: no remote party; the operator's account receives the money and staff record it. */
export type BankTransferProvider = {
  code: 'bank_transfer'
  transferDetails(reference: string): TransferDetails
  refund(providerRef: string, amount: number, opts: { idempotencyKey: string }): Promise<ProviderRefundResult>
}

export type RefundingProvider = Pick<PaymentProvider, 'refund'> & { code: PaymentProviderCode }

/** The provider could not be reached or answered with a server error: the outcome of the call is unknown. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError'
}

/** The provider refused the operation itself (e.g. refunding more than was captured). */
export class ProviderRefusedError extends Error {
  override readonly name = 'ProviderRefusedError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** A webhook whose signature is missing, wrong or outside the time tolerance: reject, record nothing. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError'
}

/** A correctly signed webhook whose body is not what the provider documents. */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError'
}

/** First value of a header (Node lowercases names). */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}
