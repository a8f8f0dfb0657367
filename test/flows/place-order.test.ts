import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Database } from '../../src/kernel/db/client.ts'
import { getCart, priceCart } from '../../src/modules/checkout/index.ts'
import { getOrderView } from '../../src/modules/orders/index.ts'
import { getInvoiceForOrder, listCreditNotes } from '../../src/modules/invoicing/index.ts'
import { registerJobs, runDueJobs } from '../../src/kernel/jobs.ts'
import { orderJobs } from '../../src/flows/jobs.ts'
import { cancelOrderByShopper, REFUND_CANCELLED_ORDER_JOB } from '../../src/flows/cancel-order.ts'
import { placeOrder } from '../../src/flows/place-order.ts'
import { retryOrderPayment } from '../../src/flows/retry-order-payment.ts'
import { releaseExpiredOrders } from '../../src/flows/release-expired-orders.ts'
import { recordTransferAndCompleteOrder } from '../../src/flows/record-bank-transfer.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { stockInvariantsHold } from './stock-checks.ts'
import { BAIE_MAHAULT, CARD_DECLINED, CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'
const FLOWERS = 'JFL-ANT-M7'

test('a guest in mainland France buys rum, coffee and flowers: taxes per shipment, paid, stock allocated, invoice and e-mail', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[RUM, 1], [COFFEE, 2], [FLOWERS, 1]], shipTo: PARIS })
  const quote = await priceCart(ctx, cart)
  assert.deepEqual(quote.problems, [])
  const byWarehouse = Object.fromEntries(quote.lines.map((l) => [l.sku, l.warehouseCode]))
  assert.deepEqual(byWarehouse, { [RUM]: 'FR-HUB', [COFFEE]: 'FR-HUB', [FLOWERS]: 'GP-JARRY' })
  const rates = quote.vatByRate.map((r) => r.rateBp).sort((a, b) => a - b)
  assert.deepEqual(rates, [550, 1000, 2000], 'coffee 5.5 %, flowers 10 % (import VAT), rum 20 %')
  assert.ok(quote.mentions.some((m) => m.includes('262 I')), 'the flowers leave Guadeloupe as an export')
  const rum = quote.lines.find((l) => l.sku === RUM)!
  assert.ok(rum.excise > 0 && rum.css > 0, 'mainland excise and CSS shown for a 50 % rum')
  assert.equal(quote.totals.gross, quote.totals.goods + quote.totals.shipping, 'French consumers pay the TTC list price')

  const noAge = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })
  assert.equal(noAge.ok, false)
  assert.equal(!noAge.ok && noAge.code, 'CHECKOUT_AGE_REQUIRED')

  const key = randomUUID()
  const placed = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: key, paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1990-04-02', acceptTerms: true })
  assert.ok(placed.ok, JSON.stringify(placed))
  assert.equal(placed.status, 'paid')
  const again = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: key, paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1990-04-02', acceptTerms: true })
  assert.ok(again.ok && again.orderId === placed.orderId, 'a resubmitted form finds the same order')

  const order = (await getOrderView(ctx, placed.orderId))!
  assert.equal(order.status, 'paid')
  assert.deepEqual(order.history.map((h) => h.to), ['placed', 'paid'])
  assert.equal(order.totals.gross, quote.totals.gross)
  const allocated = await sql<{ n: number }>`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM stock_reservations WHERE order_id = ${placed.orderId} AND status = 'ALLOCATED'`.execute(database.db)
  assert.equal(allocated.rows[0]!.n, 3, 'rum and coffee allocated; flowers are cut to order')
  const invoice = await getInvoiceForOrder(ctx, placed.orderId)
  assert.ok(invoice && /^F-\d{4}-\d{6}$/.test(invoice.number))
  assert.equal(invoice.totalGross, order.totals.gross)
  const mails = await sql<{ template: string }>`SELECT template FROM email_outbox WHERE dedupe_key LIKE ${`%${placed.orderId}`}`.execute(database.db)
  assert.deepEqual(mails.rows.map((m) => m.template), ['order-confirmation'])
  assert.ok(await stockInvariantsHold(database.db))
  assert.equal((await getCart(ctx, cart.id))!.orderId, placed.orderId)
})

test('a shopper in Guadeloupe pays Guadeloupe VAT (8.5 / 2.1) and local excise, from Jarry', async () => {
  const ctx = shopperCtx(database.db, { market: 'GP' })
  const cart = await readyCart(ctx, { market: 'GP', lines: [[RUM, 1], [COFFEE, 1], [FLOWERS, 1]], shipTo: BAIE_MAHAULT })
  const quote = await priceCart(ctx, cart)
  assert.deepEqual(quote.problems, [])
  assert.ok(quote.lines.every((l) => l.warehouseCode === 'GP-JARRY'))
  assert.deepEqual(quote.vatByRate.map((r) => r.rateBp).sort((a, b) => a - b), [210, 850])
  assert.deepEqual(quote.mentions, [])
  const placed = await placeOrder(ctx, testCheckoutDeps(database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1980-01-01', acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'paid', JSON.stringify(placed))
})

test('a declined card keeps the order and its stock for a retry; an abandoned order is released when its hold lapses', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[COFFEE, 1]], shipTo: PARIS })
  const declined = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_DECLINED, ageConfirmed: false, acceptTerms: true })
  assert.equal(declined.ok, false)
  assert.ok(!declined.ok && declined.code === 'PAYMENT_DECLINED' && declined.orderId)
  const retried = await retryOrderPayment(ctx, deps, { orderId: declined.orderId!, accessToken: declined.accessToken!, attemptKey: randomUUID(), card: CARD_OK })
  assert.ok(retried.ok && retried.status === 'paid', JSON.stringify(retried))

  const cart2 = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[COFFEE, 1]], shipTo: PARIS })
  const abandoned = await placeOrder(ctx, deps, { cartId: cart2.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_DECLINED, ageConfirmed: false, acceptTerms: true })
  assert.ok(!abandoned.ok && abandoned.orderId)
  const held = await sql<{ n: number }>`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM stock_reservations WHERE order_id = ${abandoned.orderId} AND status = 'HELD'`.execute(database.db)
  assert.equal(held.rows[0]!.n, 1)
  const later = shopperCtx(database.db, { now: new Date(Date.now() + 16 * 60_000) })
  assert.ok((await releaseExpiredOrders(later, deps)) >= 1)
  const order = (await getOrderView(ctx, abandoned.orderId!))!
  assert.equal(order.status, 'cancelled')
  const left = await sql<{ n: number }>`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM stock_reservations WHERE order_id = ${abandoned.orderId} AND status = 'HELD'`.execute(database.db)
  assert.equal(left.rows[0]!.n, 0)
  assert.ok(await stockInvariantsHold(database.db))
})

test('a bank-transfer order waits for its money, then the recorded transfer pays it once', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[COFFEE, 1]], shipTo: PARIS })
  const placed = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'bank_transfer', ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'awaiting_payment' && placed.transfer?.reference, JSON.stringify(placed))
  const order = (await getOrderView(ctx, placed.orderId))!
  const wrong = await recordTransferAndCompleteOrder(ctx, deps, { reference: order.number, amount: order.totals.gross - 1, receivedAt: new Date() })
  assert.equal(!wrong.ok && wrong.code, 'PAYMENT_TRANSFER_AMOUNT_MISMATCH')
  const paid = await recordTransferAndCompleteOrder(ctx, deps, { reference: order.number.toLowerCase(), amount: order.totals.gross, receivedAt: new Date() })
  assert.ok(paid.ok && paid.transition === 'captured')
  assert.equal((await getOrderView(ctx, placed.orderId))!.status, 'paid')
  const twice = await recordTransferAndCompleteOrder(ctx, deps, { reference: order.number, amount: order.totals.gross, receivedAt: new Date() })
  assert.ok(!twice.ok || twice.transition === 'none', 'a second recording changes nothing')
  assert.equal((await getOrderView(ctx, placed.orderId))!.history.filter((h) => h.to === 'paid').length, 1)
  assert.ok(await getInvoiceForOrder(ctx, placed.orderId))
  assert.ok(await stockInvariantsHold(database.db))
})

test('a paid order cancelled by the shopper gets a credit note, its stock back and its money refunded once', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  registerJobs(orderJobs(deps))
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[COFFEE, 2]], shipTo: PARIS })
  const placed = await placeOrder(ctx, deps, { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'paid')
  const wrongLink = await cancelOrderByShopper(ctx, deps, { orderId: placed.orderId, accessToken: 'not-the-token' })
  assert.equal(!wrongLink.ok && wrongLink.code, 'NOT_FOUND', 'a guest needs the signed link')
  const cancelled = await cancelOrderByShopper(ctx, deps, { orderId: placed.orderId, accessToken: placed.accessToken })
  assert.ok(cancelled.ok)
  const again = await cancelOrderByShopper(ctx, deps, { orderId: placed.orderId, accessToken: placed.accessToken })
  assert.equal(!again.ok && again.code, 'ORDER_NOT_CANCELLABLE')
  const invoice = (await getInvoiceForOrder(ctx, placed.orderId))!
  const notes = await listCreditNotes(ctx, invoice.id)
  assert.equal(notes.length, 1)
  assert.equal(notes[0]!.totalGross, -invoice.totalGross, 'the credit note cancels the whole invoice')
  await runDueJobs(database.db, { names: [REFUND_CANCELLED_ORDER_JOB] })
  const payment = (await sql<{ status: string; refunded_amount: number }>`SELECT status, refunded_amount FROM payments WHERE order_id = ${placed.orderId} AND status <> 'FAILED'`.execute(database.db)).rows[0]!
  assert.equal(payment.status, 'REFUNDED')
  assert.equal(payment.refunded_amount, invoice.totalGross)
  const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stock_reservations WHERE order_id = ${placed.orderId} AND status <> 'RELEASED'`.execute(database.db)
  assert.equal(held.rows[0]!.n, 0, 'the allocated coffee is back on sale')
  assert.ok(await stockInvariantsHold(database.db))
})
