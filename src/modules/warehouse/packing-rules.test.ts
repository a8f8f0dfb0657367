import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkPacking, localDay } from './packing-rules.ts'

const base = { bottles: 0, protectivePacking: false, parcelCount: 1, flowers: null, today: '2026-12-01', weekday: 2 }

test('bottles need protective packing and one parcel per six bottles', () => {
  assert.deepEqual(checkPacking({ ...base, bottles: 6, protectivePacking: true }), {})
  const e = checkPacking({ ...base, bottles: 7 })
  assert.match(e.protective!, /emballage de protection/)
  assert.match(e.parcels!, /au moins 2 colis/)
  assert.deepEqual(checkPacking({ ...base, bottles: 7, protectivePacking: true, parcelCount: 2 }), {})
})

test('flowers never leave for a past delivery date, nor off the island after Wednesday', () => {
  assert.match(checkPacking({ ...base, flowers: { deliveryDate: '2026-11-30', zone: 'GP' } }).flowers!, /est passée/)
  assert.deepEqual(checkPacking({ ...base, flowers: { deliveryDate: '2026-12-03', zone: 'FR-MAINLAND' } }), {})
  assert.match(checkPacking({ ...base, weekday: 4, flowers: { deliveryDate: '2026-12-08', zone: 'FR-MAINLAND' } }).flowers!, /jeudi/)
  assert.deepEqual(checkPacking({ ...base, weekday: 4, flowers: { deliveryDate: '2026-12-04', zone: 'GP' } }), {}, 'local delivery any day')
})

test('the local day follows the warehouse time zone', () => {
  const late = new Date('2026-12-02T02:00:00Z')
  assert.deepEqual(localDay(late, 'America/Guadeloupe'), { today: '2026-12-01', weekday: 2 })
  assert.deepEqual(localDay(late, 'Europe/Paris'), { today: '2026-12-02', weekday: 3 })
})
