import { test } from 'node:test'
import assert from 'node:assert/strict'
import { computeBasketTax, UnknownTaxCategoryError, type TaxCategoryRates } from './basket-tax.ts'

const MAINLAND: TaxCategoryRates = { ALCOHOL: 2000, FOOD_REDUCED: 550, CONFECTIONERY: 2000, HORTICULTURE: 1000, FLORAL_COMPOSITION: 2000, STANDARD: 2000 }
const GP: TaxCategoryRates = { ALCOHOL: 850, FOOD_REDUCED: 210, CONFECTIONERY: 850, HORTICULTURE: 210, FLORAL_COMPOSITION: 850, STANDARD: 850 }

test('mainland consumer: the shown TTC price is paid, VAT is the part it contains, per rate', () => {
  const r = computeBasketTax({
    lines: [
      { key: 'rum', unitGross: 2790, quantity: 1, taxCategory: 'ALCOHOL' },
      { key: 'coffee', unitGross: 1890, quantity: 2, taxCategory: 'FOOD_REDUCED' },
    ],
    listRates: MAINLAND,
    saleRates: MAINLAND,
  })
  assert.equal(r.gross, 2790 + 3780)
  assert.deepEqual(r.lines.map((l) => [l.key, l.net, l.vat]), [['rum', 2325, 465], ['coffee', 3583, 197]])
  assert.deepEqual(r.byRate, [{ rateBp: 2000, net: 2325, vat: 465 }, { rateBp: 550, net: 3583, vat: 197 }])
  assert.equal(r.net + r.vat, r.gross)
})

test('Guadeloupe consumer: GP prices at 8.5 % and 2.1 %', () => {
  const r = computeBasketTax({ lines: [{ key: 'rum', unitGross: 1850, quantity: 1, taxCategory: 'ALCOHOL' }, { key: 'jam', unitGross: 590, quantity: 1, taxCategory: 'FOOD_REDUCED' }], listRates: GP, saleRates: GP })
  assert.deepEqual(r.byRate, [{ rateBp: 850, net: 1705, vat: 145 }, { rateBp: 210, net: 578, vat: 12 }])
  assert.equal(r.gross, 2440)
})

test('mixed basket: shipping VAT split pro rata of the goods net value per rate', () => {
  const r = computeBasketTax({
    lines: [
      { key: 'rum', unitGross: 2790, quantity: 1, taxCategory: 'ALCOHOL' }, // net 23.25
      { key: 'coffee', unitGross: 1890, quantity: 1, taxCategory: 'FOOD_REDUCED' }, // net 17.91
    ],
    shippingGross: 590,
    listRates: MAINLAND,
    saleRates: MAINLAND,
  })
  // 5.90 split 2325 : 1791 → 3.33 at 20 %, 2.57 at 5.5 %
  assert.equal(r.shipping!.gross, 590)
  assert.deepEqual(r.shipping!.parts, [{ rateBp: 2000, net: 277, vat: 56 }, { rateBp: 550, net: 244, vat: 13 }])
  assert.equal(r.gross, 2790 + 1890 + 590)
})

test('composite gift box: each component at its own rate, split by standalone value', () => {
  // Coffret découverte 49.90 €: rum 26.50 (20 %), jam 6.90, colombo 5.90, vanilla 9.90 (5.5 %), packaging 2.50 (20 %)
  const r = computeBasketTax({
    lines: [{
      key: 'box', unitGross: 4990, quantity: 1, taxCategory: 'COMPOSITE',
      components: [
        { taxCategory: 'ALCOHOL', weight: 2650 }, { taxCategory: 'FOOD_REDUCED', weight: 690 }, { taxCategory: 'FOOD_REDUCED', weight: 590 },
        { taxCategory: 'FOOD_REDUCED', weight: 990 }, { taxCategory: 'STANDARD', weight: 250 },
      ],
    }],
    listRates: { ...MAINLAND, COMPOSITE: 0 },
    saleRates: { ...MAINLAND, COMPOSITE: 0 },
  })
  const line = r.lines[0]!
  assert.equal(line.gross, 4990)
  assert.equal(line.parts.length, 2, 'two rates: 20 % and 5.5 %')
  const at20 = line.parts.find((p) => p.rateBp === 2000)!
  const at55 = line.parts.find((p) => p.rateBp === 550)!
  assert.equal(at20.net + at20.vat + at55.net + at55.vat, 4990)
  assert.ok(at20.net + at20.vat > at55.net + at55.vat, 'the rum is the larger share')
})

test('export from Guadeloupe: no VAT, the net price of the list is charged, shipping too', () => {
  const r = computeBasketTax({ lines: [{ key: 'rum', unitGross: 2790, quantity: 2, taxCategory: 'ALCOHOL' }], shippingGross: 1200, listRates: MAINLAND, saleRates: null })
  assert.equal(r.vat, 0)
  assert.equal(r.lines[0]!.net, 4650)
  assert.equal(r.shipping!.net, 1000)
  assert.deepEqual(r.byRate, [{ rateBp: 0, net: 5650, vat: 0 }])
})

test('bad input is refused, not guessed', () => {
  assert.throws(() => computeBasketTax({ lines: [{ key: 'x', unitGross: 100, quantity: 0, taxCategory: 'ALCOHOL' }], listRates: MAINLAND, saleRates: MAINLAND }), RangeError)
  assert.throws(() => computeBasketTax({ lines: [{ key: 'x', unitGross: 100, quantity: 1, taxCategory: 'NOPE' }], listRates: MAINLAND, saleRates: MAINLAND }), UnknownTaxCategoryError)
})
