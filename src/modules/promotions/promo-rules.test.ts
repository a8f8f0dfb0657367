import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkPromo, normalizePromoCode, promoAmounts, promoCustomerKey, type PromoFacts } from './promo-rules.ts'

const NOW = new Date('2026-03-09T12:00:00Z')
const base: PromoFacts = {
  kind: 'PERCENT', value: 1000, minGoodsGross: 3000, startsAt: new Date('2026-01-01T00:00:00Z'), endsAt: null,
  usageLimit: null, usedCount: 0, perCustomerLimit: null, customerUses: 0, markets: [], active: true,
}
const basket = { goodsGross: 5000, shippingGross: 690, market: 'FR-MAINLAND', now: NOW }

// [what, facts changed, basket changed, expected code or amounts]
const rows: [string, Partial<PromoFacts>, Partial<typeof basket>, string | [number, number, boolean]][] = [
  ['10 % of 50.00 €', {}, {}, [500, 0, false]],
  ['10 % of 33.35 € rounds half away from zero (3.335 → 3.34)', {}, { goodsGross: 3335 }, [334, 0, false]],
  ['15 % of 41.23 € = 6.1845 → 6.18', { value: 1500, minGoodsGross: 0 }, { goodsGross: 4123 }, [618, 0, false]],
  ['100 % takes the goods, never more', { value: 10000 }, {}, [5000, 0, false]],
  ['5 € off', { kind: 'FIXED', value: 500 }, {}, [500, 0, false]],
  ['a fixed amount larger than the goods is capped at the goods', { kind: 'FIXED', value: 8000, minGoodsGross: 0 }, {}, [5000, 0, false]],
  ['free shipping takes off the delivery, not the goods', { kind: 'FREE_SHIPPING', value: 0 }, {}, [0, 690, true]],
  ['exactly the minimum basket applies', {}, { goodsGross: 3000 }, [300, 0, false]],
  ['one cent under the minimum', {}, { goodsGross: 2999 }, 'PROMO_MIN_BASKET'],
  ['inactive code looks unknown', { active: false }, {}, 'PROMO_UNKNOWN'],
  ['code for another market looks unknown', { markets: ['GP'] }, {}, 'PROMO_UNKNOWN'],
  ['code for this market applies', { markets: ['GP', 'FR-MAINLAND'] }, {}, [500, 0, false]],
  ['before its start', { startsAt: new Date('2026-03-10T00:00:00Z') }, {}, 'PROMO_NOT_STARTED'],
  ['at its start instant it applies', { startsAt: NOW }, {}, [500, 0, false]],
  ['at its end instant it has ended', { endsAt: NOW }, {}, 'PROMO_EXPIRED'],
  ['one second before its end it applies', { endsAt: new Date(NOW.getTime() + 1000) }, {}, [500, 0, false]],
  ['every use taken', { usageLimit: 1, usedCount: 1 }, {}, 'PROMO_USED_UP'],
  ['one use left', { usageLimit: 2, usedCount: 1 }, {}, [500, 0, false]],
  ['the shopper used it already', { perCustomerLimit: 1, customerUses: 1 }, {}, 'PROMO_CUSTOMER_LIMIT'],
  ['used up is said before the missing amount', { usageLimit: 1, usedCount: 1 }, { goodsGross: 100 }, 'PROMO_USED_UP'],
  ['ended is said before used up', { endsAt: new Date('2026-02-01T00:00:00Z'), usageLimit: 1, usedCount: 1 }, {}, 'PROMO_EXPIRED'],
]
for (const [what, facts, b, want] of rows) {
  test(`promo: ${what}`, () => {
    const r = checkPromo({ ...base, ...facts }, { ...basket, ...b })
    assert.deepEqual(r.ok ? [r.discountGross, r.shippingDiscountGross, r.freeShipping] : r.code, want)
  })
}

test('the minimum basket failure says how much is missing', () => {
  assert.deepEqual(checkPromo(base, { ...basket, goodsGross: 1800 }), { ok: false, code: 'PROMO_MIN_BASKET', params: { minGoodsGross: 3000, missingGross: 1200 } })
})

test('amounts on an empty basket are zero', () => {
  assert.deepEqual(promoAmounts('PERCENT', 1000, 0, 0), { discountGross: 0, shippingDiscountGross: 0, freeShipping: false })
  assert.deepEqual(promoAmounts('FIXED', 500, 0, 0), { discountGross: 0, shippingDiscountGross: 0, freeShipping: false })
})

test('customer key: the account first, else the e-mail lower-cased; codes trimmed, junk refused', () => {
  assert.equal(promoCustomerKey({ customerId: 'cus_1', email: 'A@B.fr' }), 'cus_1')
  assert.equal(promoCustomerKey({ email: '  Marie.Dupont@Example.FR ' }), 'marie.dupont@example.fr')
  assert.equal(promoCustomerKey({ email: '' }), null)
  assert.equal(normalizePromoCode('  bienvenue10 '), 'bienvenue10')
  assert.equal(normalizePromoCode("x' or 1=1"), null)
  assert.equal(normalizePromoCode('A'.repeat(41)), null)
})
