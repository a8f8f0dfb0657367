import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { buildPaymentProviders, recordPaymentEvent, refundPayment, startPayment, type PaymentProviders, type ProviderEvent, type StartPaymentInput } from './index.ts'
import { paymentsDb } from './tables.ts'
import { runPaymentJobs, TEST_PAYMENTS_CONFIG, testCard } from './testing.ts'

// Webhook events as providers send them: at least once, concurrently, out of order.

let database: Database
let ctx: Ctx
let n = 0
before(async () => {
  database = await testDatabase({ seed: false })
  ctx = systemCtx(database.db, 'test')
})
after(async () => database.close())

/** Providers whose webhooks go straight to recordPaymentEvent, each in its own transaction. */
function providersWith(test: { duplicateDeliveries?: number; shuffle?: { seed: number } } = {}): PaymentProviders {
  const p: PaymentProviders = buildPaymentProviders(TEST_PAYMENTS_CONFIG, {
    db: database.db,
    test: { duplicateDeliveries: test.duplicateDeliveries ?? 0, ...(test.shuffle ? { shuffle: test.shuffle } : {}), send: async ({ body, headers }) => {
      await record(p.card.parseWebhook(body, headers))
      return { status: 200 }
    } },
  })
  return p
}
const record = (event: ProviderEvent) => database.db.transaction().execute((trx) => recordPaymentEvent({ ...ctx, now: new Date(), db: trx }, event))
const order = (over: Partial<StartPaymentInput> = {}): StartPaymentInput => {
  n++
  return { orderId: `ord_evt_${n}`, orderNumber: `LK-2026-1${String(n).padStart(4, '0')}`, amount: 10000, currency: 'EUR', method: 'card', card: testCard('4000000000000077'), customerEmail: 'a@example.com', idempotencyKey: `evt-key-${n}`, ...over }
}
const payment = (id: string) => paymentsDb(database.db).selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const event = (p: { id: string; provider_ref: string | null }, over: Partial<ProviderEvent> = {}): ProviderEvent => ({
  provider: 'test', eventId: `tevt_${Math.random().toString(36).slice(2)}`, type: 'payment.succeeded', providerType: 'payment.succeeded', providerRef: p.provider_ref, paymentId: p.id,
  amount: 10000, amountRefunded: null, failureCode: null, failureMessage: null, created: new Date(), payload: {}, ...over,
})
const pendingPayment = async (providers: PaymentProviders, over: Partial<StartPaymentInput> = {}) => {
  const r = await startPayment(ctx, providers, order(over))
  assert.ok(r.ok && r.status === 'PENDING')
  return payment(r.paymentId)
}

test('the same event delivered 5 times at once: one capture, four duplicates, one event row', async () => {
  const p = await pendingPayment(providersWith())
  const e = event(p)
  const results = await Promise.all(Array.from({ length: 5 }, () => record(e)))
  assert.equal(results.filter((r) => r.transition === 'captured').length, 1)
  assert.equal(results.filter((r) => r.duplicate).length, 4)
  assert.ok(results.every((r) => r.paymentId === p.id && r.orderId === p.order_id))
  assert.equal((await payment(p.id)).status, 'CAPTURED')
  const rows = await paymentsDb(database.db).selectFrom('payment_events').select('outcome').where('event_id', '=', e.eventId).execute()
  assert.deepEqual(rows, [{ outcome: 'captured' }])
})

test('two different success events for one payment, 5 deliveries at once: exactly one capture', async () => {
  const p = await pendingPayment(providersWith())
  const [a, b] = [event(p), event(p)]
  const results = await Promise.all([a, b, a, b, a].map((e) => record(e)))
  assert.equal(results.filter((r) => r.transition === 'captured').length, 1)
  assert.equal(results.filter((r) => r.duplicate).length, 3)
  assert.equal(results.filter((r) => !r.duplicate && r.transition === 'none').length, 1)
})

test('a success and a failure racing for one pending payment: exactly one of them wins', async () => {
  const p = await pendingPayment(providersWith())
  const results = await Promise.all([event(p), event(p, { type: 'payment.failed', providerType: 'payment.failed', failureCode: 'processing_error' }), event(p)].map((e) => record(e)))
  const moved = results.filter((r) => r.transition !== 'none')
  assert.equal(moved.length, 1)
  assert.equal((await payment(p.id)).status, moved[0]!.transition === 'captured' ? 'CAPTURED' : 'FAILED')
})

test('out of order: a failure event after the capture is recorded and ignored', async () => {
  const p = await pendingPayment(providersWith())
  assert.equal((await record(event(p))).transition, 'captured')
  const late = await record(event(p, { type: 'payment.failed', providerType: 'payment.failed', failureCode: 'card_declined', created: new Date(Date.now() - 60_000) }))
  assert.deepEqual(late, { duplicate: false, paymentId: p.id, orderId: p.order_id, transition: 'none', ignored: 'out_of_order' })
  const after = await payment(p.id)
  assert.equal(after.status, 'CAPTURED')
  assert.equal(after.failure_code, null)
  const outcomes = await paymentsDb(database.db).selectFrom('payment_events').select('outcome').where('payment_id', '=', p.id).orderBy('received_at').execute()
  assert.deepEqual(outcomes.map((o) => o.outcome), ['captured', 'ignored:out_of_order'])
})

test('an event for a payment Lakou does not know is kept and changes nothing', async () => {
  const r = await record(event({ id: 'pay_unknown', provider_ref: 'tp_unknown' }))
  assert.deepEqual(r, { duplicate: false, paymentId: null, orderId: null, transition: 'none', ignored: 'unknown_payment' })
})

test('the database refuses a second captured payment for one order', async () => {
  const providers = providersWith()
  const first = await startPayment(ctx, providers, order({ card: testCard('4242424242424242') }))
  assert.ok(first.ok)
  const p = await payment(first.paymentId)
  const second = await paymentsDb(database.db)
    .insertInto('payments')
    .values({ id: 'pay_second', order_id: p.order_id, order_number: p.order_number, provider: 'test', method: 'card', amount: 10000, currency: 'EUR', provider_ref: 'tp_second', idempotency_key: 'second' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await assert.rejects(
    paymentsDb(database.db).updateTable('payments').set({ status: 'CAPTURED', captured_at: new Date() }).where('id', '=', second.id).execute(),
    /payments_one_capture_per_order/,
  )
})

test('two pending cards for one order both succeed at the provider: the order is paid once, the other is refunded', async () => {
  const providers = providersWith()
  const a = await pendingPayment(providers)
  await pendingPayment(providers, { orderId: a.order_id })
  await runPaymentJobs(database.db, providers) // settles both, delivers both webhooks, then runs the stray refund
  const rows = await paymentsDb(database.db).selectFrom('payments').selectAll().where('order_id', '=', a.order_id).orderBy('id').execute()
  assert.deepEqual(rows.map((r) => r.status).sort(), ['CAPTURED', 'REFUNDED'])
  const stray = rows.find((r) => r.status === 'REFUNDED')!
  assert.equal(stray.refunded_amount, 10000)
  const remote = await paymentsDb(database.db).selectFrom('test_provider_payments').select('amount_refunded').where('id', '=', stray.provider_ref!).executeTakeFirstOrThrow()
  assert.equal(remote.amount_refunded, 10000, 'the money went back at the provider')
})

test('refunds: partial then full; never more than paid, even with 5 concurrent requests', async () => {
  const providers = providersWith()
  const r = await startPayment(ctx, providers, order({ card: testCard('4242424242424242') }))
  assert.ok(r.ok)
  const part = await refundPayment(ctx, providers, { paymentId: r.paymentId, amount: 2500, reason: 'broken bottle' })
  assert.ok(part.ok && part.status === 'PARTIALLY_REFUNDED' && part.refundedAmount === 2500)
  const burst = await Promise.all(Array.from({ length: 5 }, () => refundPayment(ctx, providers, { paymentId: r.paymentId, amount: 3000, reason: 'goodwill' })))
  assert.equal(burst.filter((b) => b.ok).length, 2, '7500 left: two refunds of 3000 fit, the third does not')
  const refused = burst.find((b) => !b.ok)
  assert.equal(refused?.ok === false && refused.code, 'PAYMENT_REFUND_NOT_ALLOWED')
  const rest = await refundPayment(ctx, providers, { paymentId: r.paymentId, amount: 1500, reason: 'rest' })
  assert.ok(rest.ok && rest.status === 'REFUNDED' && rest.refundedAmount === 10000)
  const none = await refundPayment(ctx, providers, { paymentId: r.paymentId, amount: 1, reason: 'again' })
  assert.deepEqual(none, { ok: false, code: 'PAYMENT_REFUND_NOT_ALLOWED', message: 'Nothing left to refund on this payment.', refundable: 0 })
  await runPaymentJobs(database.db, providers) // the provider's refund webhooks change nothing more
  const p = await payment(r.paymentId)
  assert.equal(p.status, 'REFUNDED')
  assert.equal(p.refunded_amount, 10000)
})

test('a pending payment is not refundable', async () => {
  const p = await pendingPayment(providersWith())
  const r = await refundPayment(ctx, providersWith(), { paymentId: p.id, amount: 100, reason: 'x' })
  assert.equal(r.ok, false)
})

test('every event twice and in a shuffled order: the end state is the same', async () => {
  for (const seed of [1, 2, 3, 4]) {
    const providers = providersWith({ duplicateDeliveries: 1, shuffle: { seed } })
    const paid = await startPayment(ctx, providers, order({ card: testCard('4242424242424242') }))
    const pending = await pendingPayment(providers)
    const failing = await pendingPayment(providers, { card: testCard('4000000000000119') })
    assert.ok(paid.ok)
    await refundPayment(ctx, providers, { paymentId: paid.paymentId, amount: 1000, reason: 'a' })
    await refundPayment(ctx, providers, { paymentId: paid.paymentId, amount: 2000, reason: 'b' })
    await runPaymentJobs(database.db, providers)
    const [a, b, c] = await Promise.all([payment(paid.paymentId), payment(pending.id), payment(failing.id)])
    assert.deepEqual([a.status, a.refunded_amount, b.status, c.status], ['PARTIALLY_REFUNDED', 3000, 'CAPTURED', 'FAILED'], `seed ${seed}`)
    const deliveries = await paymentsDb(database.db).selectFrom('test_provider_webhooks').select(['attempts', 'delivered_at']).where('payment_ref', 'in', [a.provider_ref!, b.provider_ref!, c.provider_ref!]).execute()
    assert.ok(deliveries.every((d) => d.attempts === 2 && d.delivered_at), 'each event delivered twice')
  }
})
