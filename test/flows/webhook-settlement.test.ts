import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { testSignatureHeader } from '../../src/modules/payments/index.ts'
import { getOrderView } from '../../src/modules/orders/index.ts'
import { placeOrder } from '../../src/flows/place-order.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { CARD_PENDING, PARIS, readyCart, shopperCtx } from '../builders/checkout.ts'
import { stockInvariantsHold } from './stock-checks.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(t.database.db)).rows[0]!.n

test('the same payment webhook delivered 5 times at once: one capture, one order change, one invoice, one e-mail', async () => {
  const ctx = shopperCtx(t.database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', 2]], shipTo: PARIS })
  const placed = await placeOrder(ctx, t.app.checkoutDeps, { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_PENDING, ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'awaiting_payment', JSON.stringify(placed))
  const payment = (await sql<{ id: string; provider_ref: string; amount: number }>`SELECT id, provider_ref, amount FROM payments WHERE order_id = ${placed.orderId}`.execute(t.database.db)).rows[0]!
  // the provider's event, signed as it signs them
  const body = JSON.stringify({ id: `tevt_${randomUUID()}`, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000), data: { payment: { id: payment.provider_ref, amount: payment.amount, currency: 'EUR', status: 'succeeded', amount_refunded: 0, decline_code: null, metadata: { lakou_payment_id: payment.id } } } })
  const headers = { 'content-type': 'application/json', 'lakou-test-signature': testSignatureHeader(t.config.testPaymentsWebhookSecret, body, Math.floor(Date.now() / 1000)) }
  const answers = await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'POST', url: '/webhooks/payments/test', payload: body, headers })))
  assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200], answers.map((a) => a.body).join('\n'))
  assert.equal(answers.filter((a) => a.json().duplicate === false).length, 1, 'one delivery did the work, four were duplicates')

  const order = (await getOrderView(ctx, placed.orderId))!
  assert.equal(order.status, 'paid')
  assert.deepEqual(order.history.map((h) => h.to), ['placed', 'awaiting_payment', 'paid'])
  assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM payments WHERE order_id = ${placed.orderId} AND status = 'CAPTURED'`), 1)
  assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM invoices WHERE order_id = ${placed.orderId}`), 1)
  assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM email_outbox WHERE dedupe_key = ${`order-paid:${placed.orderId}`}`), 1)
  assert.equal(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM email_outbox WHERE dedupe_key = ${`order-confirmation:${placed.orderId}`}`), 1)
  assert.ok(await stockInvariantsHold(t.database.db))

  const forged = await t.app.inject({ method: 'POST', url: '/webhooks/payments/test', payload: body.replace('succeeded', 'failed'), headers })
  assert.equal(forged.statusCode, 400, 'a body that does not match its signature is refused')
})
