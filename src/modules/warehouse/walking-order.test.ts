import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compareLocations, walkingOrder } from './walking-order.ts'

const line = (location: string | null, sku = 'SKU', lotCode = 'L1') => ({ location, sku, lotCode })

test('the picker walks aisle by aisle, bay by bay (numerically), then level', () => {
  const lines = [line('B-01-1'), line('A-10-1'), line('A-02-3'), line('A-02-1'), line('A-2-2')]
  assert.deepEqual(walkingOrder(lines).map((l) => l.location), ['A-02-1', 'A-2-2', 'A-02-3', 'A-10-1', 'B-01-1'])
})

test('lines without a location come last, ordered by SKU then lot', () => {
  const lines = [line(null, 'ZZZ'), line('C-01-1'), line(null, 'AAA', 'L2'), line(null, 'AAA', 'L1')]
  assert.deepEqual(walkingOrder(lines).map((l) => `${l.location ?? '-'} ${l.sku} ${l.lotCode}`), ['C-01-1 SKU L1', '- AAA L1', '- AAA L2', '- ZZZ L1'])
})

test('a shorter code (aisle only) comes before its bays; the input is not changed', () => {
  assert.ok(compareLocations('A', 'A-01') < 0)
  assert.ok(compareLocations('A-01', null) < 0)
  assert.equal(compareLocations(null, null), 0)
  const input = [line('B'), line('A')]
  walkingOrder(input)
  assert.equal(input[0]!.location, 'B')
})
