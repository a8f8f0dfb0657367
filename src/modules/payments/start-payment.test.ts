import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { buildPaymentProviders, getPaymentsForOrder, recordBankTransfer, recordPaymentEvent, startPayment, type PaymentProviders, type StartPaymentInput } from './index.ts'
import { ProviderUnavailableError } from './providers/provider.ts'
import { paymentsDb } from './tables.ts'
import { runPaymentJobs, TEST_PAYMENTS_CONFIG, testCard } from './testing.ts'

// startPayment with the built-in test provider: each test card, idempotency, bank transfer.
// Webhooks are "delivered" straight to recordPaymentEvent (the HTTP path: test/http/payment-webhooks.test.ts).

let database: Database
let providers: PaymentProviders
let ctx: Ctx
let n = 0
before(async () => {
  database = await testDatabase({ seed: false })
  ctx = systemCtx(database.db, 'test')
  providers = buildPaymentProviders(TEST_PAYMENTS_CONFIG, {
    db: database.db,
    test: {
      duplicateDeliveries: 0,
      send: async ({ body, headers }) => {
        const event = providers.card.parseWebhook(body, headers)
        await database.db.transaction().execute((trx) => recordPaymentEvent({ ...ctx, now: new Date(), db: trx }, event))
        return { status: 200 }
      },
    },
  })
})
after(async () => database.close())

const order = (over: Partial<StartPaymentInput> = {}): StartPaymentInput => {
  n++
  return { orderId: `ord_test_${n}`, orderNumber: `LK-2026-${String(n).padStart(5, '0')}`, amount: 4580, currency: 'EUR', method: 'card', card: testCard('4242 4242 4242 4242'), customerEmail: 'man.lisette@example.com', idempotencyKey: `key-${n}`, ...over }
}
const payment = (id: string) => paymentsDb(database.db).selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const remoteCharges = async () => Number((await sql<{ c: number }>`select count(*)::int as c from test_provider_payments`.execute(database.db)).rows[0]!.c)

test('4242 4242 4242 4242: captured at once; only brand and last4 are kept; the provider reports it by webhook too', async () => {
  const input = order()
  const r = await startPayment(ctx, providers, input)
  assert.ok(r.ok && r.status === 'CAPTURED', JSON.stringify(r))
  const p = await payment(r.paymentId)
  assert.equal(p.status, 'CAPTURED')
  assert.equal(p.card_brand, 'visa')
  assert.equal(p.card_last4, '4242')
  assert.ok(p.captured_at)
  assert.ok(p.provider_ref?.startsWith('tp_'))
  const everything = JSON.stringify(await sql`select * from payments, payment_attempts, test_provider_payments`.execute(database.db))
  assert.doesNotMatch(everything, /4242424242424242|4242 4242 4242 4242/, 'the card number is never stored')
  await runPaymentJobs(database.db, providers)
  const events = await paymentsDb(database.db).selectFrom('payment_events').selectAll().where('payment_id', '=', r.paymentId).execute()
  assert.deepEqual(events.map((e) => [e.type, e.outcome]), [['payment.succeeded', 'ignored:already_applied']])
})

test('declined cards: card_declined and insufficient_funds, with a message in the shopper’s language', async () => {
  const declined = await startPayment(ctx, providers, order({ card: testCard('4000 0000 0000 0002') }))
  assert.ok(!declined.ok)
  assert.equal(declined.code, 'PAYMENT_DECLINED')
  assert.equal(declined.declineCode, 'card_declined')
  assert.match(declined.message, /banque a refusé/)
  assert.equal((await payment(declined.paymentId!)).status, 'FAILED')
  const poor = await startPayment({ ...ctx, locale: 'en' }, providers, order({ card: testCard('4000000000009995') }))
  assert.ok(!poor.ok)
  assert.equal(poor.declineCode, 'insufficient_funds')
  assert.match(poor.message, /insufficient funds/)
  assert.equal((await payment(poor.paymentId!)).failure_code, 'insufficient_funds')
})

test('4000 0000 0000 0077 stays pending, then settles as captured by webhook', async () => {
  const r = await startPayment(ctx, providers, order({ card: testCard('4000000000000077') }))
  assert.ok(r.ok && r.status === 'PENDING')
  assert.equal((await payment(r.paymentId)).status, 'PENDING')
  await runPaymentJobs(database.db, providers)
  const p = await payment(r.paymentId)
  assert.equal(p.status, 'CAPTURED')
  // a retry of the checkout with the same key now tells the settled truth
  const again = await startPayment(ctx, providers, { ...order(), orderId: p.order_id, orderNumber: p.order_number, idempotencyKey: p.idempotency_key, card: testCard('4000000000000077') })
  assert.deepEqual(again, { ok: true, paymentId: r.paymentId, status: 'CAPTURED' })
})

test('4000 0000 0000 0119 stays pending, then settles as failed (processing_error)', async () => {
  const r = await startPayment(ctx, providers, order({ card: testCard('4000000000000119') }))
  assert.ok(r.ok && r.status === 'PENDING')
  await runPaymentJobs(database.db, providers)
  const p = await payment(r.paymentId)
  assert.equal(p.status, 'FAILED')
  assert.equal(p.failure_code, 'processing_error')
})

test('a bad number, an expired card or a bad CVC: PAYMENT_CARD_INVALID, nothing recorded, nothing charged', async () => {
  const before = await remoteCharges()
  for (const card of [testCard('4242 4242 4242 4241'), testCard('4242424242424242', { expMonth: 1, expYear: 2020 }), testCard('4242424242424242', { cvc: '12' })]) {
    const input = order({ card })
    const r = await startPayment(ctx, providers, input)
    assert.ok(!r.ok)
    assert.equal(r.code, 'PAYMENT_CARD_INVALID')
    assert.equal(r.paymentId, null)
    assert.deepEqual(await getPaymentsForOrder(ctx, input.orderId), [])
  }
  assert.equal(await remoteCharges(), before)
})

test('any other valid card number succeeds', async () => {
  const r = await startPayment(ctx, providers, order({ card: testCard('5555 5555 5555 4444') }))
  assert.ok(r.ok && r.status === 'CAPTURED')
  assert.equal((await payment(r.paymentId)).card_brand, 'mastercard')
})

test('idempotent: the same key, sequentially or 5 times at once, is one payment and one charge', async () => {
  const input = order()
  const first = await startPayment(ctx, providers, input)
  const again = await startPayment(ctx, providers, input)
  assert.deepEqual(again, first)
  const before = await remoteCharges()
  const burst = order()
  const results = await Promise.all(Array.from({ length: 5 }, () => startPayment(ctx, providers, burst)))
  assert.equal(new Set(results.map((r) => r.paymentId)).size, 1)
  assert.ok(results.every((r) => r.ok && r.status === 'CAPTURED'))
  assert.equal(await remoteCharges(), before + 1, 'one charge at the provider')
  assert.equal((await getPaymentsForOrder(ctx, burst.orderId)).length, 1)
})

test('a key reused for another order is refused; an order already paid cannot be charged again', async () => {
  const input = order()
  await startPayment(ctx, providers, input)
  await assert.rejects(startPayment(ctx, providers, { ...input, orderId: 'ord_other' }), (e: AppError) => e.code === 'CONFLICT')
  await assert.rejects(startPayment(ctx, providers, { ...input, idempotencyKey: 'another-key' }), (e: AppError) => e.code === 'PAYMENT_ORDER_ALREADY_PAID')
})

test('provider unreachable: PAYMENT_PROVIDER_UNAVAILABLE; a retry with the same key charges once', async () => {
  const down = { ...providers.test!, startCardPayment: async () => Promise.reject(new ProviderUnavailableError('connection reset')) }
  const input = order()
  const r = await startPayment(ctx, { ...providers, card: down, test: down }, input)
  assert.ok(!r.ok)
  assert.equal(r.code, 'PAYMENT_PROVIDER_UNAVAILABLE')
  assert.equal((await payment(r.paymentId!)).status, 'PENDING')
  const retry = await startPayment(ctx, providers, input)
  assert.deepEqual(retry, { ok: true, paymentId: r.paymentId, status: 'CAPTURED' })
  const attempts = await paymentsDb(database.db).selectFrom('payment_attempts').select(['status', 'error_code']).where('payment_id', '=', r.paymentId!).orderBy('status').execute()
  assert.deepEqual(attempts, [{ status: 'FAILED', error_code: 'provider_unavailable' }, { status: 'SUCCEEDED', error_code: null }])
})

test('bank transfer: awaiting with the operator’s details; released by a transfer of the exact amount', async () => {
  const input = order({ method: 'bank_transfer', card: undefined, amount: 12990 })
  const r = await startPayment(ctx, providers, input)
  assert.ok(r.ok && r.status === 'AWAITING_TRANSFER')
  assert.equal(r.transfer?.reference, input.orderNumber)
  assert.match(r.transfer!.iban, /^FR76/)
  assert.equal(r.transfer!.beneficiary, 'Lakou SAS (démo)')
  assert.deepEqual(await startPayment(ctx, providers, input), r, 'idempotent')
  const tx = (over: object) => database.db.transaction().execute((trx) => recordBankTransfer({ ...ctx, db: trx }, { reference: input.orderNumber, amount: 12990, receivedAt: new Date(), ...over }))
  assert.deepEqual(await tx({ reference: 'LK-1999-00001' }), { ok: false, code: 'PAYMENT_TRANSFER_UNKNOWN_REFERENCE', reference: 'LK-1999-00001' })
  assert.deepEqual(await tx({ amount: 12900 }), { ok: false, code: 'PAYMENT_TRANSFER_AMOUNT_MISMATCH', paymentId: r.paymentId, expected: 12990, received: 12900 })
  // banks reformat the free text: case and spaces do not matter
  const paid = await tx({ reference: ` ${input.orderNumber.toLowerCase()} ` })
  assert.deepEqual(paid, { ok: true, duplicate: false, paymentId: r.paymentId, orderId: input.orderId, transition: 'captured' })
  assert.deepEqual(await tx({}), { ok: true, duplicate: true, paymentId: r.paymentId, orderId: input.orderId, transition: 'none', ignored: 'duplicate' })
  const [summary] = await getPaymentsForOrder(ctx, input.orderId)
  assert.equal(summary?.status, 'CAPTURED')
  assert.equal(summary?.transfer, null)
})
