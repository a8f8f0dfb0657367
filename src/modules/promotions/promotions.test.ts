import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { createPromoCode, evaluatePromo, redeemPromo, releasePromoRedemption, type EvaluatePromoInput } from './index.ts'

let database: Database
let ctx: Ctx
before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test')
})
after(async () => database.close())

const NOW = new Date('2026-03-09T12:00:00Z')
const evaluate = (code: string, over: Partial<EvaluatePromoInput> = {}) =>
  evaluatePromo(ctx, { code, customerKey: 'cus_alice', goodsGross: 5000, shippingGross: 690, market: 'FR-MAINLAND', now: NOW, ...over })
const promoId = async (code: string) => {
  const r = await evaluate(code, { goodsGross: 100_000, customerKey: null })
  assert.ok(r.ok, `${code} applies`)
  return r.promo.id
}
const usedCount = async (id: string) => (await sql<{ n: number }>`select used_count as n from promo_codes where id = ${id}`.execute(database.db)).rows[0]!.n
/** One order placement: its own transaction, as the checkout does. */
const placeOrder = (id: string, orderId: string, customerKey: string) =>
  database.db.transaction().execute((trx) => redeemPromo(systemCtx(trx, 'checkout'), { promoId: id, orderId, customerKey, now: NOW }))

test('the demo codes: 10 % from 30 €, free shipping from 50 €, 5 € off from 40 €, typed in any case', async () => {
  const welcome = await evaluate('  bienvenue10 ')
  assert.ok(welcome.ok)
  assert.deepEqual([welcome.promo.code, welcome.promo.kind, welcome.promo.discountGross, welcome.promo.freeShipping], ['BIENVENUE10', 'PERCENT', 500, false])
  const ship = await evaluate('Livraison', { goodsGross: 6000 })
  assert.ok(ship.ok)
  assert.deepEqual([ship.promo.discountGross, ship.promo.shippingDiscountGross, ship.promo.freeShipping], [0, 690, true])
  const five = await evaluate('MOINS5', { goodsGross: 4000 })
  assert.ok(five.ok)
  assert.equal(five.promo.discountGross, 500)
  assert.equal(five.promo.label.fr, '5 € de remise dès 40 €')
})

test('each reason a code does not apply', async () => {
  const code = async (c: string, over: Partial<EvaluatePromoInput> = {}) => {
    const r = await evaluate(c, over)
    return r.ok ? 'ok' : r.code
  }
  assert.equal(await code('NOPE'), 'PROMO_UNKNOWN')
  assert.equal(await code("'; drop table promo_codes; --"), 'PROMO_UNKNOWN')
  assert.equal(await code('BIENVENUE10', { goodsGross: 2999 }), 'PROMO_MIN_BASKET')
  assert.equal(await code('LIVRAISON', { goodsGross: 4999 }), 'PROMO_MIN_BASKET')
  const later = await createPromoCode(ctx, { code: 'ETE2026', kind: 'PERCENT', value: 2000, startsAt: new Date('2026-06-21T00:00:00Z'), endsAt: new Date('2026-09-01T00:00:00Z') })
  assert.ok(later.ok)
  assert.equal(await code('ETE2026'), 'PROMO_NOT_STARTED')
  assert.equal(await code('ete2026', { now: new Date('2026-07-01T00:00:00Z') }), 'ok')
  assert.equal(await code('ETE2026', { now: new Date('2026-09-01T00:00:00Z') }), 'PROMO_EXPIRED')
  const gpOnly = await createPromoCode(ctx, { code: 'PEYI', kind: 'FIXED', value: 300, startsAt: new Date('2026-01-01T00:00:00Z'), markets: ['GP'] })
  assert.ok(gpOnly.ok)
  assert.equal(await code('PEYI'), 'PROMO_UNKNOWN')
  assert.equal(await code('PEYI', { market: 'GP' }), 'ok')
})

test('a code differing only by case from an existing one is taken', async () => {
  assert.deepEqual(await createPromoCode(ctx, { code: 'bienvenue10', kind: 'FIXED', value: 100, startsAt: NOW }), { ok: false, code: 'PROMO_CODE_TAKEN', params: { code: 'bienvenue10' } })
  await assert.rejects(createPromoCode(ctx, { code: 'HALF', kind: 'PERCENT', value: 20_000, startsAt: NOW }), /basis points/)
})

test('single-use code redeemed by 50 concurrent checkouts: exactly one wins, used once', async () => {
  const id = await promoId('UNIQUE1')
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => placeOrder(id, `ord_race_${i}`, `buyer${i}@example.fr`)))
  const wins = results.filter((r) => r.ok)
  assert.equal(wins.length, 1)
  assert.ok(results.every((r) => r.ok || r.code === 'PROMO_USED_UP'))
  assert.equal(await usedCount(id), 1)
  const rows = await sql<{ n: number }>`select count(*)::int as n from promo_redemptions where promo_id = ${id}`.execute(database.db)
  assert.equal(rows.rows[0]!.n, 1)
  const after = await evaluate('UNIQUE1')
  assert.equal(after.ok ? 'ok' : after.code, 'PROMO_USED_UP')
})

test('the database refuses a used_count above the limit whatever the code does', async () => {
  const id = await sql<{ id: string }>`select id from promo_codes where code = 'UNIQUE1'`.execute(database.db)
  await assert.rejects(sql`update promo_codes set used_count = 2 where id = ${id.rows[0]!.id}`.execute(database.db))
})

test('releasing the order gives the use back, once, even when releases race', async () => {
  const id = (await sql<{ id: string }>`select id from promo_codes where code = 'UNIQUE1'`.execute(database.db)).rows[0]!.id
  const winner = (await sql<{ order_id: string }>`select order_id from promo_redemptions where promo_id = ${id}`.execute(database.db)).rows[0]!.order_id
  const releases = await Promise.all(Array.from({ length: 10 }, () => database.db.transaction().execute((trx) => releasePromoRedemption(systemCtx(trx, 'expiry'), { orderId: winner }))))
  assert.equal(releases.reduce((s, r) => s + r.released, 0), 1)
  assert.equal(await usedCount(id), 0)
  assert.deepEqual(await releasePromoRedemption(ctx, { orderId: winner }), { released: 0 })
  assert.equal(await usedCount(id), 0)
  const again = await evaluate('UNIQUE1')
  assert.ok(again.ok, 'the code can be used again')
  assert.deepEqual(await releasePromoRedemption(ctx, { orderId: 'ord_never_used_a_code' }), { released: 0 })
})

test('per-customer limit under concurrency: one use per shopper, others unaffected', async () => {
  const id = await promoId('BIENVENUE10')
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => placeOrder(id, `ord_alice_${i}`, 'marie@example.fr')))
  assert.equal(results.filter((r) => r.ok).length, 1)
  assert.ok(results.every((r) => r.ok || r.code === 'PROMO_CUSTOMER_LIMIT'))
  assert.equal(await usedCount(id), 1)
  const marie = await evaluate('BIENVENUE10', { customerKey: 'marie@example.fr' })
  assert.equal(marie.ok ? 'ok' : marie.code, 'PROMO_CUSTOMER_LIMIT')
  const shouting = await placeOrder(id, 'ord_alice_caps', '  MARIE@Example.FR ')
  assert.equal(shouting.ok ? 'ok' : shouting.code, 'PROMO_CUSTOMER_LIMIT', 'the same e-mail in capitals is the same shopper')
  assert.equal((await evaluate('BIENVENUE10', { customerKey: 'paul@example.fr' })).ok, true)
  assert.equal((await placeOrder(id, 'ord_paul_1', 'paul@example.fr')).ok, true)
  assert.equal(await usedCount(id), 2)
})

test('redeeming is idempotent per order, and a rolled-back order consumes nothing', async () => {
  const id = await promoId('MOINS5')
  const first = await placeOrder(id, 'ord_twice', 'cus_bob')
  const second = await placeOrder(id, 'ord_twice', 'cus_bob')
  assert.ok(first.ok && second.ok)
  assert.equal(second.alreadyRedeemed, true)
  assert.equal(second.redemptionId, first.redemptionId)
  assert.equal(await usedCount(id), 1)
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      const r = await redeemPromo(systemCtx(trx, 'checkout'), { promoId: id, orderId: 'ord_failed', customerKey: 'cus_bob', now: NOW })
      assert.ok(r.ok)
      throw new Error('payment step failed')
    }),
    /payment step failed/,
  )
  assert.equal(await usedCount(id), 1)
  // released then placed again (a re-tried order): the use is taken again
  await releasePromoRedemption(ctx, { orderId: 'ord_twice' })
  assert.equal(await usedCount(id), 0)
  const retaken = await redeemPromo(ctx, { promoId: id, orderId: 'ord_twice', customerKey: 'cus_bob', now: NOW })
  assert.ok(retaken.ok && !retaken.alreadyRedeemed)
  assert.equal(await usedCount(id), 1)
})

test('redeeming re-checks the validity window under the lock', async () => {
  // ETE2026 (created above) starts on 21 June; an order on 9 March cannot take it
  const row = (await sql<{ id: string }>`select id from promo_codes where code = 'ETE2026'`.execute(database.db)).rows[0]!
  const r = await redeemPromo(ctx, { promoId: row.id, orderId: 'ord_early', customerKey: 'cus_bob', now: NOW })
  assert.equal(r.ok ? 'ok' : r.code, 'PROMO_NOT_STARTED')
  await assert.rejects(redeemPromo(ctx, { promoId: row.id, orderId: 'ord_anon', customerKey: ' ', now: NOW }), /customer key/)
  const unknown = await redeemPromo(ctx, { promoId: 'pro_nope', orderId: 'ord_x', customerKey: 'cus_bob', now: NOW })
  assert.equal(unknown.ok ? 'ok' : unknown.code, 'PROMO_UNKNOWN')
})
