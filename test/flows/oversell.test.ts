import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Database } from '../../src/kernel/db/client.ts'
import { placeOrder, type PlaceOrderResult } from '../../src/flows/place-order.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps, variantIdBySku } from '../builders/checkout.ts'
import { leaveOnlyUnits, stockInvariantsHold } from './stock-checks.ts'

// The reliability requirements of issue 4, on whichever engine the suite runs on.
let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

const RUM = 'ACS-RHV-VO-070'

test('200 concurrent buyers for the last 5 units: exactly 5 orders, everyone else told it is gone, ledger and levels agree', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  const variantId = await variantIdBySku(database.db, RUM)
  await leaveOnlyUnits(database.db, variantId, 'FR-HUB', 5)
  const carts = []
  for (let i = 0; i < 200; i++) carts.push(await readyCart(ctx, { market: 'FR-MAINLAND', lines: [[RUM, 1]], shipTo: PARIS, email: `buyer${i}@example.com` }))
  const results: PlaceOrderResult[] = await Promise.all(
    carts.map((c) => placeOrder(ctx, deps, { cartId: c.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1985-05-05', acceptTerms: true })),
  )
  const won = results.filter((r) => r.ok)
  const lost = results.filter((r) => !r.ok)
  assert.equal(won.length, 5)
  assert.ok(won.every((r) => r.ok && r.status === 'paid'))
  assert.ok(lost.every((r) => !r.ok && r.code === 'CHECKOUT_OUT_OF_STOCK' && /no longer available/.test(r.message)), JSON.stringify(lost.find((r) => !r.ok && r.code !== 'CHECKOUT_OUT_OF_STOCK')))
  const orders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.variant_id = ${variantId}`.execute(database.db)
  assert.equal(orders.rows[0]!.n, 5, 'no order written for the losers')
  const level = await sql<{ on_hand: number; reserved: number; allocated: number }>`SELECT SUM(on_hand)::int on_hand, SUM(reserved)::int reserved, SUM(allocated)::int allocated FROM stock_levels WHERE variant_id = ${variantId} AND warehouse_code = 'FR-HUB'`.execute(database.db)
  assert.deepEqual(level.rows[0], { on_hand: 5, reserved: 0, allocated: 5 })
  assert.ok(await stockInvariantsHold(database.db))
})

test('a single-use promo code redeemed by 50 concurrent checkouts is used once', async () => {
  const ctx = shopperCtx(database.db)
  const deps = testCheckoutDeps(database.db)
  const carts = []
  for (let i = 0; i < 50; i++) carts.push(await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', 1]], shipTo: PARIS, email: `promo${i}@example.com`, promoCode: 'UNIQUE1' }))
  const results = await Promise.all(carts.map((c) => placeOrder(ctx, deps, { cartId: c.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })))
  assert.equal(results.filter((r) => r.ok).length, 1)
  assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'CHECKOUT_PROMO_INVALID'))
  const used = await sql<{ used_count: number }>`SELECT used_count FROM promo_codes WHERE code = 'UNIQUE1'`.execute(database.db)
  assert.equal(used.rows[0]!.used_count, 1)
  const discounted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE promo_code = 'UNIQUE1'`.execute(database.db)
  assert.equal(discounted.rows[0]!.n, 1)
})

test('the database itself refuses a movement that would make available stock negative', async () => {
  const variantId = await variantIdBySku(database.db, 'CHN-CAF-GR-250')
  const lot = await sql<{ lot_id: string; available: number }>`SELECT lot_id, on_hand - reserved - allocated AS available FROM stock_levels WHERE variant_id = ${variantId} ORDER BY lot_id LIMIT 1`.execute(database.db)
  const { lot_id, available } = lot.rows[0]!
  await assert.rejects(
    sql`INSERT INTO stock_movements (lot_id, quantity, reserved_delta, reason, reference) VALUES (${lot_id}, 0, ${available + 1}, 'RESERVE', 'test')`.execute(database.db),
    /stock_levels_available_not_negative/,
  )
  await assert.rejects(sql`UPDATE stock_movements SET quantity = 0 WHERE lot_id = ${lot_id}`.execute(database.db), /append-only/)
})
