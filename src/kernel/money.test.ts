import { test } from 'node:test'
import assert from 'node:assert/strict'
import { divRound, centsFromDecimal, basisPointsFromPercent, vatIncluded, unitPrice, formatMoney, decimalString, money, addMoney } from './money.ts'

test('divRound rounds half away from zero', () => {
  const rows: [number, number, number][] = [
    [5, 2, 3], [-5, 2, -3], [4, 2, 2], [7, 3, 2], [8, 3, 3], [-8, 3, -3], [1, 200, 0], [100, 200, 1], [0, 7, 0],
  ]
  for (const [n, d, want] of rows) assert.equal(divRound(n, d), want, `${n}/${d}`)
  assert.throws(() => divRound(1.5, 2), RangeError)
  assert.throws(() => divRound(1, 0), RangeError)
})

test('decimal euros become cents without float drift', () => {
  assert.equal(centsFromDecimal(27.9), 2790)
  assert.equal(centsFromDecimal(0.29), 29)
  assert.equal(centsFromDecimal(119), 11900)
  assert.throws(() => centsFromDecimal(1.005))
  assert.equal(basisPointsFromPercent(8.5), 850)
  assert.equal(basisPointsFromPercent(2.1), 210)
  assert.equal(basisPointsFromPercent(5.5), 550)
})

test('VAT included in a TTC price, per rate', () => {
  // 27.90 € TTC at 20 %: net 23.25, VAT 4.65
  assert.equal(vatIncluded(2790, 2000), 465)
  // 18.50 € TTC at 8.5 %: VAT 1.4493… → 1.45
  assert.equal(vatIncluded(1850, 850), 145)
  // 18.90 € at 5.5 %: 0.9853… → 0.99
  assert.equal(vatIncluded(1890, 550), 99)
})

test('unit price per litre and per kilo', () => {
  assert.equal(unitPrice(2650, 700, 1000), 3786) // 26.50 € / 70 cl = 37.857 €/L
  assert.equal(unitPrice(1890, 250, 1000), 7560) // 18.90 € / 250 g = 75.60 €/kg
  assert.throws(() => unitPrice(100, 0, 1000))
})

test('formatting follows the locale, decimals for feeds', () => {
  assert.equal(formatMoney(money(2790), 'fr-FR').replace(/\s/g, ' '), '27,90 €')
  assert.equal(formatMoney(money(2790), 'en-GB'), '€27.90')
  assert.equal(decimalString(money(2790)), '27.90')
  assert.equal(decimalString(money(5)), '0.05')
  assert.equal(addMoney(money(1), money(2)).amount, 3)
  assert.throws(() => money(1.5))
})

test('allocate splits exactly, proportionally, largest remainder first', async () => {
  const { allocate } = await import('./money.ts')
  assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33])
  assert.deepEqual(allocate(590, [2325, 1791]), [333, 257]) // shipping 5.90 € over two rates, by net value
  assert.deepEqual(allocate(-100, [1, 3]), [-25, -75])
  assert.deepEqual(allocate(0, [5, 7]), [0, 0])
  assert.deepEqual(allocate(7, [0, 1]), [0, 7])
  for (const [amount, weights] of [[4990, [2650, 690, 590, 990, 250]], [1, [1, 1]], [12345, [3, 7, 11]]] as const) {
    assert.equal(allocate(amount, weights).reduce((a, b) => a + b, 0), amount)
  }
  assert.throws(() => allocate(100, [0, 0]))
  assert.throws(() => allocate(100, [-1, 2]))
})
