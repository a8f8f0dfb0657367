// Public API of the payments module: providers behind one interface (test, Stripe, bank
// transfer), starting and refunding payments, and settling them from webhooks and transfers.
export type * from './types.ts'
export type { PaymentProvider, BankTransferProvider, ProviderChargeInput, ProviderChargeResult, ProviderRefundResult, WebhookHeaders } from './providers/provider.ts'

/** Builds this process's providers from the config: test (default) or Stripe for cards, bank transfer always. */
export { buildPaymentProviders, webhookProvider, type PaymentProviders, type PaymentProvidersDeps, type TestProviderSettings } from './build-payment-providers.ts'
/** Thrown by parseWebhook: a bad, missing or stale signature (answer 400, record nothing), or a signed but malformed body. */
export { WebhookSignatureError, WebhookPayloadError, ProviderUnavailableError, ProviderRefusedError } from './providers/provider.ts'
/** Starts paying an order (outside any transaction); idempotent on the caller's key, never charges twice. */
export { startPayment, type StartPaymentInput, type StartPaymentResult } from './start-payment.ts'
/** Records a provider's webhook event in the caller's transaction and moves the payment forward only. */
export { recordPaymentEvent } from './record-payment-event.ts'
/** Records a bank transfer received on the operator's account (reference = order number, exact amount). */
export { recordBankTransfer, type RecordBankTransferInput, type RecordBankTransferResult } from './record-bank-transfer.ts'
/** Refunds part or all of a captured payment through its provider (outside any transaction). */
export { refundPayment, type RefundPaymentInput, type RefundPaymentResult } from './refund-payment.ts'
/** The payments of an order, oldest first, failed attempts included. */
export { getPaymentsForOrder } from './get-payments-for-order.ts'
/** The module's durable jobs (test webhooks delivery and settlement, stray capture refunds) for registerJobs. */
export { paymentJobs, DELIVER_TEST_WEBHOOK, SETTLE_TEST_PAYMENT, REFUND_STRAY_CAPTURE } from './jobs.ts'
/** The operator's bank account shown for transfers (demo data). */
export { OPERATOR_BANK_ACCOUNT } from './providers/bank-transfer-provider.ts'
/** The test provider's card numbers and what each does. */
export { TEST_CARDS } from './providers/test-cards.ts'
/** Signs a body the way the test provider does (tests, local tooling). */
export { testSignatureHeader, TEST_SIGNATURE_HEADER } from './providers/test-signature.ts'
/** The test provider's HTTP sender type (inject one that calls app.inject in tests). */
export type { WebhookSender } from './providers/test-provider-webhooks.ts'
/** The payments of an order with provider references, what is still refundable and every refund (order desk). */
export { listPaymentDetails, type PaymentDetail, type RefundAttempt } from './payment-details.ts'
