import { test } from 'node:test'
import assert from 'node:assert/strict'
import { foodInformationFrom, stockStatusOf, summarizeOffer, unitPriceOf, type OfferVariant } from './offer-rules.ts'

test('stock status: made to order wins, then out / low (≤ 5) / in stock', () => {
  const cases: [number, boolean, string][] = [
    [0, true, 'made_to_order'], [50, true, 'made_to_order'], [0, false, 'out_of_stock'], [-2, false, 'out_of_stock'],
    [1, false, 'low_stock'], [5, false, 'low_stock'], [6, false, 'in_stock'], [900, false, 'in_stock'],
  ]
  for (const [available, mto, expected] of cases) assert.equal(stockStatusOf(available, mto), expected, `${available} ${mto}`)
})

test('unit price per litre and per kilo, none for stems, pods and pieces', () => {
  assert.deepEqual(unitPriceOf(2790, 1000, 'ml'), { amount: { amount: 2790, currency: 'EUR' }, per: 'L' })
  assert.deepEqual(unitPriceOf(450, 50, 'ml'), { amount: { amount: 9000, currency: 'EUR' }, per: 'L' })
  assert.deepEqual(unitPriceOf(2650, 700, 'ml'), { amount: { amount: 3786, currency: 'EUR' }, per: 'L' }) // 37.857… rounded once
  assert.deepEqual(unitPriceOf(1890, 250, 'g'), { amount: { amount: 7560, currency: 'EUR' }, per: 'kg' })
  assert.deepEqual(unitPriceOf(490, 20, 'g'), { amount: { amount: 24500, currency: 'EUR' }, per: 'kg' })
  assert.equal(unitPriceOf(4990, 12, 'stem'), null)
  assert.equal(unitPriceOf(990, 2, 'pod'), null)
  assert.equal(unitPriceOf(4990, 1, 'piece'), null)
})

const v = (o: Partial<OfferVariant>): OfferVariant => ({ price: 1000, position: 0, netQuantity: 1000, unit: 'ml', available: 100, madeToOrder: false, ...o })

test('offer summary: cheapest size, "from" when sizes differ, best stock news among sold sizes', () => {
  const s = summarizeOffer([v({ price: 2790, position: 0 }), v({ price: 450, position: 1, netQuantity: 50, available: 3 })])
  assert.deepEqual(s.price, { amount: 450, currency: 'EUR' })
  assert.equal(s.priceFrom, true)
  assert.deepEqual(s.unitPrice?.amount.amount, 9000)
  assert.equal(s.stockStatus, 'in_stock')
  const same = summarizeOffer([v({ price: 690 }), v({ price: 690, position: 1 })])
  assert.equal(same.priceFrom, false)
  assert.equal(summarizeOffer([v({ available: 0 }), v({ available: 4, position: 1 })]).stockStatus, 'low_stock')
  assert.equal(summarizeOffer([v({ available: 0, madeToOrder: true })]).stockStatus, 'made_to_order')
  // a size not sold in the market does not make the product look available
  assert.equal(summarizeOffer([v({ available: 0 }), v({ price: null, available: 500, position: 1 })]).stockStatus, 'out_of_stock')
  const none = summarizeOffer([v({ price: null, available: 25 })])
  assert.equal(none.price, null)
  assert.equal(none.stockStatus, 'in_stock')
  assert.equal(summarizeOffer([]).stockStatus, 'out_of_stock')
})

test('food information: the three nutrition shapes, the locale, broken data gives null', () => {
  const colombo = { ingredients: { fr: 'Curcuma, graines de MOUTARDE', en: 'Turmeric, MUSTARD seeds' }, allergens: ['mustard'], nutritionDeclaration: { required: false, exemption: 'SPICES_HERBS (Annex V)' } }
  assert.deepEqual(foodInformationFrom(colombo, 'en'), { ingredients: 'Turmeric, MUSTARD seeds', allergens: ['mustard'], nutrition: { required: false, exemption: 'SPICES_HERBS (Annex V)' } })
  const values = { per: '100g', energyKj: 502, energyKcal: 120, fatG: 9, saturatesG: 1, carbohydrateG: 7, sugarsG: 3, proteinG: 1.5, saltG: 2.2 }
  const piment = foodInformationFrom(JSON.stringify({ ingredients: null, allergens: [], nutritionDeclaration: { required: true, values: { ...values, extra: 1 } } }), 'fr')
  assert.deepEqual(piment, { ingredients: null, allergens: [], nutrition: { required: true, values } })
  const box = foodInformationFrom({ ingredients: null, allergens: ['mustard'], nutritionDeclaration: { required: true, perComponent: 'components[].sku' } }, 'fr')
  assert.deepEqual(box?.nutrition, { required: true, perComponent: true })
  assert.equal(foodInformationFrom(null, 'fr'), null)
  assert.equal(foodInformationFrom('not json', 'fr'), null)
  assert.equal(foodInformationFrom({ allergens: [], nutritionDeclaration: { required: true, values: { per: '100g' } } }, 'fr'), null)
})
