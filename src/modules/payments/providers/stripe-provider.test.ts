import { test } from 'node:test'
import assert from 'node:assert/strict'
import Stripe from 'stripe'
import { testCard } from '../testing.ts'
import { ProviderUnavailableError, WebhookPayloadError, WebhookSignatureError, type ProviderChargeInput } from './provider.ts'
import { stripeProvider } from './stripe-provider.ts'

// The Stripe adapter, entirely offline: signatures built with the SDK's own test helper,
// API calls answered by a fake HTTP client that records what the SDK would have sent.

const SECRET = 'whsec_test_lakou_0123456789abcdef'
const NOW = new Date('2026-11-30T12:00:00Z')
const nowSec = Math.floor(NOW.getTime() / 1000)

type Sent = { method: string; path: string; headers: Record<string, unknown>; body: URLSearchParams }
class FakeResponse extends Stripe.HttpClientResponse {
  constructor(status: number, private readonly body: unknown) {
    super(status, { 'request-id': 'req_fake' })
  }
  override getRawResponse() {
    return this.body
  }
  override toStream(): unknown {
    throw new Error('no streams')
  }
  override toJSON() {
    return Promise.resolve(this.body)
  }
}
class FakeHttp extends Stripe.HttpClient {
  sent: Sent[] = []
  constructor(private readonly answer: (s: Sent) => [number, unknown]) {
    super()
  }
  override getClientName() {
    return 'fake'
  }
  override makeRequest(_host: string, _port: string, path: string, method: string, headers: Record<string, unknown>, requestData: string) {
    const s = { method, path, headers, body: new URLSearchParams(requestData) }
    this.sent.push(s)
    const [status, body] = this.answer(s)
    return Promise.resolve(new FakeResponse(status, body))
  }
}
const provider = (http?: FakeHttp) =>
  stripeProvider({ secretKey: 'sk_test_lakou', webhookSecret: SECRET, clock: () => NOW, client: new Stripe('sk_test_lakou', { ...(http ? { httpClient: http } : {}), maxNetworkRetries: 0 }) })

const intent = (status: string, extra: object = {}) => ({
  id: 'pi_123', object: 'payment_intent', amount: 4580, amount_received: status === 'succeeded' ? 4580 : 0, currency: 'eur', status,
  metadata: { lakou_payment_id: 'pay_1', order_id: 'ord_1', order_number: 'LK-1' }, last_payment_error: null,
  payment_method: { id: 'pm_1', object: 'payment_method', card: { brand: 'visa', last4: '4242' } }, ...extra,
})
const stripeEvent = (type: string, object: object) => JSON.stringify({ id: `evt_${type}`, object: 'event', type, created: nowSec - 5, data: { object } })
const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp ?? nowSec })

test('webhook: a correctly signed payment_intent.succeeded becomes payment.succeeded with our payment id', () => {
  const body = stripeEvent('payment_intent.succeeded', intent('succeeded'))
  const e = provider().parseWebhook(Buffer.from(body), { 'stripe-signature': sign(body) })
  assert.deepEqual({ ...e, payload: undefined }, {
    provider: 'stripe', eventId: 'evt_payment_intent.succeeded', type: 'payment.succeeded', providerType: 'payment_intent.succeeded', providerRef: 'pi_123', paymentId: 'pay_1',
    amount: 4580, amountRefunded: null, failureCode: null, failureMessage: null, created: new Date((nowSec - 5) * 1000), payload: undefined,
  })
})

test('webhook: payment_failed carries the decline code; charge.refunded the running total; others are "other"', () => {
  const p = provider()
  const failedBody = stripeEvent('payment_intent.payment_failed', intent('requires_payment_method', { last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } }))
  const failed = p.parseWebhook(failedBody, { 'stripe-signature': sign(failedBody) })
  assert.deepEqual([failed.type, failed.failureCode, failed.failureMessage], ['payment.failed', 'insufficient_funds', 'Your card has insufficient funds.'])
  const refundBody = stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_123', amount: 4580, amount_refunded: 1000, metadata: {} })
  const refunded = p.parseWebhook(refundBody, { 'stripe-signature': sign(refundBody) })
  assert.deepEqual([refunded.type, refunded.providerRef, refunded.amountRefunded, refunded.paymentId], ['payment.refunded', 'pi_123', 1000, null])
  const otherBody = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' })
  assert.equal(p.parseWebhook(otherBody, { 'stripe-signature': sign(otherBody) }).type, 'other')
})

test('webhook: a tampered body, a wrong secret, an old timestamp or no header are refused', () => {
  const body = stripeEvent('payment_intent.succeeded', intent('succeeded'))
  const p = provider()
  const refused = [
    [body.replace('4580', '1'), { 'stripe-signature': sign(body) }],
    [body, { 'stripe-signature': sign(body, { secret: 'whsec_someone_else' }) }],
    [body, { 'stripe-signature': sign(body, { timestamp: nowSec - 301 }) }],
    [body, {}],
    [body, { 'stripe-signature': 'garbage' }],
  ] as const
  for (const [raw, headers] of refused) assert.throws(() => p.parseWebhook(raw, headers), WebhookSignatureError)
  // a timestamp within the five minutes passes
  assert.equal(p.parseWebhook(body, { 'stripe-signature': sign(body, { timestamp: nowSec - 299 }) }).type, 'payment.succeeded')
})

test('webhook: a signed body that is not JSON is a payload error, not a signature error', () => {
  const body = 'not json'
  assert.throws(() => provider().parseWebhook(body, { 'stripe-signature': sign(body) }), WebhookPayloadError)
})

const charge = (over: Partial<ProviderChargeInput> = {}): ProviderChargeInput => ({
  paymentId: 'pay_1', idempotencyKey: 'pay_1', amount: 4580, currency: 'EUR', card: testCard('4242424242424242'), orderId: 'ord_1', orderNumber: 'LK-1', customerEmail: 'a@example.com', ...over,
})

test('charge: a confirmed PaymentIntent with automatic capture, our id as idempotency key and in metadata', async () => {
  const http = new FakeHttp(() => [200, intent('succeeded')])
  const r = await provider(http).startCardPayment(charge())
  assert.deepEqual(r, { outcome: 'captured', providerRef: 'pi_123', card: { brand: 'visa', last4: '4242' } })
  const [s] = http.sent
  assert.equal(s?.method, 'POST')
  assert.equal(s?.path, '/v1/payment_intents')
  assert.equal(s?.headers['Idempotency-Key'], 'pay_1')
  const b = s!.body
  assert.deepEqual([b.get('amount'), b.get('currency'), b.get('confirm'), b.get('capture_method'), b.get('payment_method'), b.get('metadata[lakou_payment_id]')], ['4580', 'eur', 'true', 'automatic', 'pm_card_visa', 'pay_1'])
  assert.ok(![...b.values()].some((v) => v.includes('4242424242424242')), 'no card number sent')
})

test('charge: processing is pending; a card error is a decline; an outage is "unavailable"; live mode wants Elements', async () => {
  assert.equal((await provider(new FakeHttp(() => [200, intent('processing')])).startCardPayment(charge())).outcome, 'pending')
  const declined = await provider(new FakeHttp(() => [402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: intent('requires_payment_method') } }])).startCardPayment(charge({ card: testCard('4000000000009995') }))
  assert.deepEqual(declined, { outcome: 'declined', providerRef: 'pi_123', card: null, declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' })
  await assert.rejects(provider(new FakeHttp(() => [500, { error: { type: 'api_error', message: 'boom' } }])).startCardPayment(charge()), ProviderUnavailableError)
  const live = stripeProvider({ secretKey: 'sk_live_lakou', webhookSecret: SECRET, clock: () => NOW, client: new Stripe('sk_live_lakou', { httpClient: new FakeHttp(() => [500, {}]) }) })
  assert.equal((await live.startCardPayment(charge())).outcome, 'invalid')
})

test('refund: by PaymentIntent with an idempotency key; the running total comes from the expanded charge', async () => {
  const http = new FakeHttp(() => [200, { id: 're_1', object: 'refund', amount: 1000, charge: { id: 'ch_1', object: 'charge', amount_refunded: 3000 } }])
  assert.deepEqual(await provider(http).refund('pi_123', 1000, { idempotencyKey: 'pat_1' }), { refundRef: 're_1', amountRefunded: 3000 })
  const [s] = http.sent
  assert.equal(s?.path, '/v1/refunds')
  assert.equal(s?.headers['Idempotency-Key'], 'pat_1')
  assert.deepEqual([s!.body.get('payment_intent'), s!.body.get('amount'), s!.body.get('expand[0]')], ['pi_123', '1000', 'charge'])
})
