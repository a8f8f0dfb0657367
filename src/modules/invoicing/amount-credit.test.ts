import { test } from 'node:test'
import assert from 'node:assert/strict'
import { leftByRate, splitCreditByRate } from './amount-credit.ts'

// A refund of an amount becomes a credit note split over the VAT rates left on the invoice.

const invoiced = [{ rateBp: 2000, net: 2917, vat: 583 }, { rateBp: 550, net: 3583, vat: 197 }]

test('the parts add up to the amount, each within what is left at its rate, VAT as contained in each share', () => {
  for (const amount of [1, 99, 1234, 3500, 7279]) {
    const parts = splitCreditByRate(amount, invoiced)
    assert.equal(parts.reduce((a, p) => a + p.net + p.vat, 0), -amount, `${amount}`)
    for (const p of parts) {
      const left = invoiced.find((l) => l.rateBp === p.rateBp)!
      assert.ok(-p.net <= left.net && -p.vat <= left.vat && p.net <= 0 && p.vat <= 0, JSON.stringify({ amount, p }))
    }
  }
})

test('crediting everything left gives back exactly the invoice per rate, after earlier notes', () => {
  const first = splitCreditByRate(1234, invoiced)
  const left = leftByRate(invoiced, [first])
  const rest = splitCreditByRate(left.reduce((a, p) => a + p.net + p.vat, 0), left)
  assert.deepEqual(leftByRate(invoiced, [first, rest]).map((p) => [p.net, p.vat]), [[0, 0], [0, 0]])
})

test('more than is left, or nothing, is refused', () => {
  assert.throws(() => splitCreditByRate(7281, invoiced), RangeError)
  assert.throws(() => splitCreditByRate(0, invoiced), RangeError)
})
