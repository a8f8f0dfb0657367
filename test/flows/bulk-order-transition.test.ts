// The bulk lifecycle move the warehouse uses for pick lists: same rules as transitionOrder, all or nothing.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import type { Ctx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { AppError } from '../../src/kernel/errors.ts'
import { placeOrder } from '../../src/flows/place-order.ts'
import { PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { transitionOrders } from '../../src/modules/orders/index.ts'

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

const staff = (): Ctx => ({ ...shopperCtx(database.db), actor: { kind: 'staff', staffId: 'stf_test', email: 'entrepot@lakou.test', roles: ['logistics'] } })
const statusOf = async (id: string) => (await sql<{ status: string }>`SELECT status FROM orders WHERE id = ${id}`.execute(database.db)).rows[0]?.status
const historyOf = async (id: string) =>
  (await sql<{ from_status: string | null; to_status: string; actor: string; note: string | null }>`SELECT from_status, to_status, actor, note FROM order_status_history WHERE order_id = ${id} ORDER BY created_at, id`.execute(database.db)).rows

/** An order placed by bank transfer: it waits for its payment. */
async function unpaidOrder(): Promise<{ orderId: string; number: string }> {
  const ctx = shopperCtx(database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', 1]], shipTo: PARIS, email: 'lucie@example.com' })
  const placed = await placeOrder(ctx, testCheckoutDeps(database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'bank_transfer', ageConfirmed: false, acceptTerms: true })
  if (!placed.ok) throw new Error(JSON.stringify(placed))
  return { orderId: placed.orderId, number: placed.orderNumber }
}

test('paid orders move to picking together, each with its history row naming the staff member; one already in picking is left as it is', async () => {
  const a = await paidOrder(database.db)
  const b = await paidOrder(database.db)
  await transitionOrders(staff(), { orderIds: [b.orderId], to: 'picking', from: ['paid'], note: 'première liste' })
  const before = (await historyOf(b.orderId)).length

  const r = await transitionOrders(staff(), { orderIds: [a.orderId, b.orderId, a.orderId], to: 'picking', from: ['paid'], note: 'liste PK-test' })

  assert.deepEqual(r, { moved: [a.orderId], unchanged: [b.orderId] })
  assert.equal(await statusOf(a.orderId), 'picking')
  const last = (await historyOf(a.orderId)).at(-1)!
  assert.deepEqual(last, { from_status: 'paid', to_status: 'picking', actor: 'staff:entrepot@lakou.test', note: 'liste PK-test' })
  assert.equal((await historyOf(b.orderId)).length, before, 'no second history row for an order that did not move')
})

test('a batch with an unpaid order is refused, naming it, and no order of the batch changes', async () => {
  const paid = await paidOrder(database.db)
  const unpaid = await unpaidOrder()
  const unpaidStatus = await statusOf(unpaid.orderId)
  assert.notEqual(unpaidStatus, 'paid')
  const paidHistory = (await historyOf(paid.orderId)).length

  await assert.rejects(transitionOrders(staff(), { orderIds: [paid.orderId, unpaid.orderId], to: 'picking', from: ['paid'] }), (err: unknown) => {
    assert.ok(err instanceof AppError)
    assert.equal(err.code, 'CONFLICT')
    assert.match(err.message, new RegExp(unpaid.number))
    assert.doesNotMatch(err.message, new RegExp(paid.number))
    return true
  })
  assert.equal(await statusOf(paid.orderId), 'paid')
  assert.equal(await statusOf(unpaid.orderId), unpaidStatus)
  assert.equal((await historyOf(paid.orderId)).length, paidHistory)
})

test('the lifecycle table still decides: a move it forbids is refused even when the caller lists the state', async () => {
  const paid = await paidOrder(database.db)
  await assert.rejects(transitionOrders(staff(), { orderIds: [paid.orderId], to: 'shipped', from: ['paid'] }), /ne peuvent pas passer/)
  assert.equal(await statusOf(paid.orderId), 'paid')
})

test('an unknown order refuses the batch with 404 and the known ones stay as they were', async () => {
  const paid = await paidOrder(database.db)
  await assert.rejects(transitionOrders(staff(), { orderIds: [paid.orderId, 'ord_zzz_unknown'], to: 'picking', from: ['paid'] }), (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND' && err.message.includes('ord_zzz_unknown'))
  assert.equal(await statusOf(paid.orderId), 'paid')
})
