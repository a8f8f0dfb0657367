import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import Stripe from 'stripe'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { registerErrorHandling } from '../../src/http/plugins/error-handler.ts'
import { registerRequestCtx } from '../../src/http/plugins/request-ctx.ts'
import { registerPaymentWebhookRoutes } from '../../src/http/store/payment-webhooks.routes.ts'
import { buildPaymentProviders, recordPaymentEvent, startPayment, testSignatureHeader, type PaymentProviders, type WebhookSender } from '../../src/modules/payments/index.ts'
import { runPaymentJobs, testCard } from '../../src/modules/payments/testing.ts'

// POST /webhooks/payments/:provider as providers call it: signed raw bodies, redeliveries, retries.

let t: TestApp
let providers: PaymentProviders
let n = 0
const HOUR = 3_600_000

const injectInto = (app: { inject: TestApp['app']['inject'] }): WebhookSender => async ({ url, body, headers }) => {
  const res = await app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers })
  return { status: res.statusCode }
}
const providersSendingTo = (send: WebhookSender) => buildPaymentProviders(t.config, { db: t.database.db, test: { duplicateDeliveries: 0, send } })

before(async () => {
  t = await testApp({ seed: false })
  providers = providersSendingTo(injectInto(t.app))
})
after(async () => t.close())

const ctx = () => systemCtx(t.database.db, 'test')
const pendingPayment = async (p = providers) => {
  n++
  const r = await startPayment(ctx(), p, { orderId: `ord_wh_${n}`, orderNumber: `LK-WH-${n}`, amount: 3590, currency: 'EUR', method: 'card', card: testCard('4000000000000077'), customerEmail: 'a@example.com', idempotencyKey: `wh-${n}` })
  assert.ok(r.ok && r.status === 'PENDING')
  return r.paymentId
}
const status = async (id: string) => (await sql<{ status: string }>`select status from payments where id = ${id}`.execute(t.database.db)).rows[0]?.status
const eventCount = async () => Number((await sql<{ c: number }>`select count(*)::int as c from payment_events`.execute(t.database.db)).rows[0]!.c)
const post = (provider: string, body: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/webhooks/payments/${provider}`, payload: body, headers: { 'content-type': 'application/json', ...headers } })

/** A signed test-provider event for a payment, as the provider would send it. */
const succeededEvent = async (paymentId: string) => {
  const ref = (await sql<{ provider_ref: string }>`select provider_ref from payments where id = ${paymentId}`.execute(t.database.db)).rows[0]!.provider_ref
  const body = JSON.stringify({ id: `tevt_manual_${paymentId}`, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { payment: { id: ref, amount: 3590, currency: 'EUR', status: 'succeeded', amount_refunded: 0, decline_code: null, metadata: { lakou_payment_id: paymentId } } } })
  return body
}
const sign = (body: string, timestamp = Math.floor(Date.now() / 1000), secret = t.config.testPaymentsWebhookSecret) => ({ 'lakou-test-signature': testSignatureHeader(secret, body, timestamp) })

test('a pending card settles later: the provider’s signed webhook reaches the endpoint and captures the payment', async () => {
  const id = await pendingPayment()
  await runPaymentJobs(t.database.db, providers)
  assert.equal(await status(id), 'CAPTURED')
  const delivery = (await sql<{ last_status: number; delivered_at: Date | null }>`select w.last_status, w.delivered_at from test_provider_webhooks w join payments p on p.provider_ref = w.payment_ref where p.id = ${id}`.execute(t.database.db)).rows
  assert.equal(delivery.length, 1)
  assert.equal(delivery[0]!.last_status, 200)
  assert.ok(delivery[0]!.delivered_at)
})

test('bad signatures: 400 PAYMENT_WEBHOOK_SIGNATURE_INVALID, nothing recorded, the payment unchanged', async () => {
  const id = await pendingPayment()
  const body = await succeededEvent(id)
  const before = await eventCount()
  const cases: [string, string, Record<string, string>][] = [
    ['no header', body, {}],
    ['wrong secret', body, sign(body, undefined, 'someone-else-secret-123')],
    ['tampered body', body.replace('3590', '1'), sign(body)],
    ['older than 5 minutes', body, sign(body, Math.floor(Date.now() / 1000) - 301)],
    ['garbage header', body, { 'lakou-test-signature': 't=abc,v1=zz' }],
  ]
  for (const [name, raw, headers] of cases) {
    const res = await post('test', raw, headers)
    assert.equal(res.statusCode, 400, name)
    assert.equal(res.json().error.code, 'PAYMENT_WEBHOOK_SIGNATURE_INVALID', name)
  }
  assert.equal(await eventCount(), before)
  assert.equal(await status(id), 'PENDING')
})

test('the same webhook delivered 5 times at once: every answer 200, one capture, one event row', async () => {
  const id = await pendingPayment()
  const body = await succeededEvent(id)
  const before = await eventCount()
  const answers = await Promise.all(Array.from({ length: 5 }, () => post('test', body, sign(body))))
  assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200])
  assert.deepEqual(answers.map((a) => a.json().duplicate).sort(), [false, true, true, true, true])
  assert.equal(await status(id), 'CAPTURED')
  assert.equal(await eventCount(), before + 1)
})

test('a signed body that is not an event is 400 VALIDATION_FAILED; unknown and disabled providers are refused', async () => {
  assert.equal((await post('test', '{"hello":1}', sign('{"hello":1}'))).json().error.code, 'VALIDATION_FAILED')
  assert.equal((await post('paypal', '{}', {})).statusCode, 400)
  const stripe = await post('stripe', '{}', { 'stripe-signature': 't=1,v1=00' })
  assert.equal(stripe.statusCode, 404, 'Stripe is not enabled in this process')
})

test('delivery is retried with backoff after a 500 and after a network error, then succeeds', async () => {
  await runPaymentJobs(t.database.db, providers) // settle what earlier tests left pending
  // an endpoint whose first settlement fails, as during a database restart
  const flaky = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>()
  flaky.setValidatorCompiler(validatorCompiler)
  flaky.setSerializerCompiler(serializerCompiler)
  registerRequestCtx(flaky, t.database)
  registerErrorHandling(flaky, undefined)
  let calls = 0
  await registerPaymentWebhookRoutes(flaky, providers, async (c, e) => {
    calls++
    if (calls === 1) throw new Error('database restarting')
    const r = await c.db.transaction().execute((trx) => recordPaymentEvent({ ...c, db: trx }, e))
    return { duplicate: r.duplicate }
  })
  await flaky.ready()
  let networkDown = false
  const send: WebhookSender = async (req) => {
    if (networkDown) throw new Error('ECONNREFUSED')
    return injectInto(flaky)(req)
  }
  const viaFlaky = providersSendingTo(send)
  const id = await pendingPayment(viaFlaky)
  const delivery = async () => (await sql<{ attempts: number; last_status: number | null; last_error: string | null }>`select w.attempts, w.last_status, w.last_error from test_provider_webhooks w join payments p on p.provider_ref = w.payment_ref where p.id = ${id}`.execute(t.database.db)).rows[0]

  const t0 = Date.now()
  await runPaymentJobs(t.database.db, viaFlaky, new Date(t0 + HOUR)) // settles, first delivery → 500
  assert.equal(await status(id), 'PENDING')
  assert.deepEqual(await delivery(), { attempts: 1, last_status: 500, last_error: 'HTTP 500' })
  networkDown = true
  await runPaymentJobs(t.database.db, viaFlaky, new Date(t0 + 2 * HOUR)) // second attempt: no connection
  assert.deepEqual(await delivery(), { attempts: 2, last_status: 500, last_error: 'ECONNREFUSED' })
  networkDown = false
  await runPaymentJobs(t.database.db, viaFlaky, new Date(t0 + 3 * HOUR)) // third attempt: delivered
  assert.equal(await status(id), 'CAPTURED')
  assert.deepEqual(await delivery(), { attempts: 3, last_status: 200, last_error: null })
  const job = (await sql<{ attempts: number; done: boolean }>`select attempts, done_at is not null as done from jobs where name = 'payments.deliver-test-webhook' order by id desc limit 1`.execute(t.database.db)).rows[0]
  assert.deepEqual(job, { attempts: 3, done: true })
  await flaky.close()
})

test('Stripe enabled: its signed events are accepted offline, bad ones refused, the test endpoint is closed', async () => {
  const secret = 'whsec_lakou_stripe_test_secret'
  const s = await testApp({ seed: false, env: { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_lakou', STRIPE_WEBHOOK_SECRET: secret } })
  try {
    const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: 'pi_unknown', object: 'payment_intent', amount: 100, amount_received: 100, metadata: {} } } })
    const headers = (payload: string, sec = secret) => ({ 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: sec }) })
    const ok = await s.app.inject({ method: 'POST', url: '/webhooks/payments/stripe', payload: body, headers: headers(body) })
    assert.equal(ok.statusCode, 200)
    const recorded = (await sql<{ outcome: string }>`select outcome from payment_events where event_id = 'evt_1'`.execute(s.database.db)).rows
    assert.deepEqual(recorded, [{ outcome: 'unknown_payment' }])
    const bad = await s.app.inject({ method: 'POST', url: '/webhooks/payments/stripe', payload: body, headers: headers(body, 'whsec_wrong') })
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.json().error.code, 'PAYMENT_WEBHOOK_SIGNATURE_INVALID')
    const test = await s.app.inject({ method: 'POST', url: '/webhooks/payments/test', payload: '{}', headers: { 'content-type': 'application/json' } })
    assert.equal(test.statusCode, 404)
  } finally {
    await s.close()
  }
})
