import { test } from 'node:test'
import assert from 'node:assert/strict'
import { packedUnitWeightG } from './class-rules.ts'
import { packParcels, priceParcels, type PackItem } from './parcels.ts'

// A 70 cl rum bottle weighs about 1 250 g; packed with its 150 g cell, 1 400 g.
const bottles = (quantity: number, unitWeightG = 1400): PackItem => ({ unitWeightG, quantity, limitGroup: 'BOTTLE', maxUnitsPerParcel: 6 })
const coffee = (quantity: number): PackItem => ({ unitWeightG: 280, quantity, limitGroup: null, maxUnitsPerParcel: null })

const packRows: [string, PackItem[], number, number[]][] = [
  ['one bottle: one parcel', [bottles(1)], 30000, [1400]],
  ['six bottles fill one carton', [bottles(6)], 30000, [8400]],
  ['seven bottles: a second parcel (six cells per carton)', [bottles(7)], 30000, [8400, 1400]],
  ['thirteen bottles: three parcels', [bottles(13)], 30000, [8400, 8400, 1400]],
  ['coffee fills the bottle cartons up to the weight limit, it does not count as a bottle', [bottles(7), coffee(4)], 30000, [9520, 1400]],
  ['weight decides without a unit limit: 120 coffee bags in 30 kg parcels', [coffee(120)], 30000, [29960, 3640]],
  ['a lower maximum weight splits sooner', [bottles(6)], 5000, [4200, 4200]],
]

for (const [what, items, max, weights] of packRows) {
  test(`parcels: ${what}`, () => {
    const r = packParcels(items, max)
    assert.ok(r.ok)
    assert.deepEqual(r.parcels.map((p) => p.weightG), weights)
    assert.equal(r.parcels.reduce((s, p) => s + p.units, 0), items.reduce((s, i) => s + i.quantity, 0))
  })
}

test('parcels: a unit heavier than any parcel is refused with its weight', () => {
  assert.deepEqual(packParcels([coffee(1), { unitWeightG: 31000, quantity: 1, limitGroup: null, maxUnitsPerParcel: null }], 30000), { ok: false, unitWeightG: 31000, maxParcelWeightG: 30000 })
})

const brackets = [
  { maxWeightG: 500, priceGross: 695 },
  { maxWeightG: 2000, priceGross: 995 },
  { maxWeightG: 5000, priceGross: 1495 },
]
const priceRows: [string, number[], number | null, number, number | null][] = [
  ['a light parcel: first bracket', [300], null, 2000, 695],
  ['exactly the bracket limit stays in it', [500], null, 2000, 695],
  ['one gram over moves up', [501], null, 2000, 995],
  ['several parcels: each priced, summed', [4800, 1400], null, 2000, 1495 + 995],
  ['free above the threshold (goods ≥ threshold)', [4800, 1400], 14000, 14000, 0],
  ['just under the threshold pays', [4800], 14000, 13999, 1495],
  ['heavier than the last bracket: the rate cannot carry it', [5001], null, 2000, null],
]
for (const [what, weights, freeAbove, goods, want] of priceRows) {
  test(`rate price: ${what}`, () => {
    assert.equal(priceParcels(weights.map((weightG) => ({ weightG, units: 1 })), brackets, freeAbove, goods), want)
  })
}

test('protective packing: 150 g per bottle, 60 g per glass jar, nothing for a bag', () => {
  assert.equal(packedUnitWeightG('BOTTLE', 1250, true), 1400)
  assert.equal(packedUnitWeightG('AMBIENT', 300, true), 360)
  assert.equal(packedUnitWeightG('AMBIENT', 280, false), 280)
  assert.throws(() => packedUnitWeightG('FROZEN', 100, false), /no rule/)
})
