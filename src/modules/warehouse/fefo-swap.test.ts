import assert from 'node:assert/strict'
import { test } from 'node:test'
import { planFefoSwaps, type FreeLot, type HeldUnit } from './fefo-swap.ts'

const unit = (id: string, lotId: string, bestBefore: string | null, quantity: number, usableUntil = '2026-12-01'): HeldUnit => ({ reservationId: id, variantId: 'v1', lotId, bestBefore, quantity, usableUntil })
const lot = (lotId: string, bestBefore: string, free: number, variantId = 'v1'): FreeLot => ({ lotId, variantId, bestBefore, createdAt: '2026-01-01T00:00:00Z', free })

test('an allocation moves to the lot that expires first when it has room for all of it', () => {
  const r = planFefoSwaps([unit('r1', 'late', '2027-06-01', 3)], [lot('mid', '2027-01-01', 5), lot('early', '2026-12-20', 3)])
  assert.deepEqual(r, { swaps: [{ reservationId: 'r1', fromLot: 'late', toLot: 'early', quantity: 3 }], blocked: [] })
})

test('free units are shared: the second reservation takes the next lot, or stays', () => {
  const r = planFefoSwaps([unit('r1', 'late', '2027-06-01', 2), unit('r2', 'late', '2027-06-01', 2), unit('r3', 'late', '2027-06-01', 2)], [lot('early', '2026-12-20', 3), lot('mid', '2027-01-01', 2)])
  assert.deepEqual(r.swaps.map((s) => `${s.reservationId}>${s.toLot}`), ['r1>early', 'r2>mid'])
})

test('a lot that would be past by the usable day, or of another variant, or not earlier, is never taken', () => {
  const r = planFefoSwaps([unit('r1', 'b', '2027-01-01', 1, '2026-12-25')], [lot('x', '2026-12-24', 9), lot('y', '2026-12-30', 9, 'v2'), lot('z', '2027-03-01', 9)])
  assert.deepEqual(r, { swaps: [], blocked: [] })
})

test('an expired allocation moves to any good lot, even a later one, or is blocked', () => {
  assert.deepEqual(planFefoSwaps([unit('r1', 'old', '2026-11-01', 1)], [lot('new', '2027-05-01', 1)]).swaps.map((s) => s.toLot), ['new'])
  assert.deepEqual(planFefoSwaps([unit('r1', 'old', '2026-11-01', 2)], [lot('new', '2027-05-01', 1)]), { swaps: [], blocked: ['r1'] })
})
