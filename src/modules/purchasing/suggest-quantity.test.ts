import { test } from 'node:test'
import assert from 'node:assert/strict'
import { suggestQuantity, type SuggestionInput } from './suggest-quantity.ts'

const base: SuggestionInput = { unitsSold: 0, windowWeeks: 8, available: 0, onOrder: 0, coverWeeks: 6, leadWeeks: 2, packSize: 1 }

// name, input changes, expected suggested, expected weekly rate
const CASES: [string, Partial<SuggestionInput>, number, number][] = [
  ['nothing sold, nothing to order', {}, 0, 0],
  ['16 sold in 8 weeks = 2/week × 8 weeks of need', { unitsSold: 16 }, 16, 2],
  ['stock on hand is deducted', { unitsSold: 16, available: 5 }, 11, 2],
  ['units already on order are deducted', { unitsSold: 16, available: 5, onOrder: 4 }, 7, 2],
  ['enough stock: never negative', { unitsSold: 16, available: 40 }, 0, 2],
  ['need rounded up (3 sold → 0.375/week × 8 = 3)', { unitsSold: 3 }, 3, 0.375],
  ['fractional need rounds up (5 sold × 7 weeks / 8 = 4.375 → 5)', { unitsSold: 5, coverWeeks: 5 }, 5, 0.625],
  ['whole packs: 11 missing in packs of 6 → 12', { unitsSold: 16, available: 5, packSize: 6 }, 12, 2],
  ['exact packs stay as they are', { unitsSold: 16, available: 4, packSize: 6 }, 12, 2],
  ['longer lead time orders more', { unitsSold: 16, leadWeeks: 4 }, 20, 2],
  ['zero cover and zero lead: nothing', { unitsSold: 16, coverWeeks: 0, leadWeeks: 0 }, 0, 2],
]

for (const [name, change, suggested, rate] of CASES) {
  test(`suggestion: ${name}`, () => {
    const s = suggestQuantity({ ...base, ...change })
    assert.equal(s.suggested, suggested)
    assert.equal(s.weeklyRate, rate)
    assert.equal(s.suggested % (change.packSize ?? 1), 0)
  })
}

test('suggestion: cover of the current stock in weeks, none when nothing sells', () => {
  assert.equal(suggestQuantity({ ...base, unitsSold: 16, available: 5, onOrder: 1 }).coverNowWeeks, 3)
  assert.equal(suggestQuantity({ ...base, available: 5 }).coverNowWeeks, null)
})

test('suggestion: negative, fractional or zero-window inputs are refused', () => {
  assert.throws(() => suggestQuantity({ ...base, available: -1 }), RangeError)
  assert.throws(() => suggestQuantity({ ...base, unitsSold: 1.5 }), RangeError)
  assert.throws(() => suggestQuantity({ ...base, windowWeeks: 0 }), RangeError)
  assert.throws(() => suggestQuantity({ ...base, packSize: 0 }), RangeError)
})
