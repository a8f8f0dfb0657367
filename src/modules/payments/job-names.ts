// Names of the durable jobs of the payments module (definitions in jobs.ts).

/** POSTs one test-provider webhook to the shop; retried with backoff on non-2xx or network error. */
export const DELIVER_TEST_WEBHOOK = 'payments.deliver-test-webhook'
/** Settles a pending test-provider payment (cards …0077 and …0119) and emits its webhook. */
export const SETTLE_TEST_PAYMENT = 'payments.settle-test-payment'
/** Gives back money captured for a payment that cannot be its order's payment (the order is paid once). */
export const REFUND_STRAY_CAPTURE = 'payments.refund-stray-capture'
