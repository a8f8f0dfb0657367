import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pickFefo, type LotStock } from './fefo.ts'

const lot = (lotId: string, bestBefore: string | null, available: number, createdAt = '2026-01-01'): LotStock => ({ lotId, bestBefore, available, createdAt })

const cases: { name: string; lots: LotStock[]; qty: number; until: string; want: ReturnType<typeof pickFefo> }[] = [
  { name: 'earliest expiry first', lots: [lot('late', '2027-06-01', 5), lot('soon', '2027-01-01', 5)], qty: 3, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'soon', quantity: 3 }] } },
  { name: 'spills over to the next lot', lots: [lot('late', '2027-06-01', 5), lot('soon', '2027-01-01', 2)], qty: 4, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'soon', quantity: 2 }, { lotId: 'late', quantity: 2 }] } },
  { name: 'undated lots last', lots: [lot('nodate', null, 9), lot('dated', '2030-01-01', 1)], qty: 2, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'dated', quantity: 1 }, { lotId: 'nodate', quantity: 1 }] } },
  { name: 'older receipt first on equal dates', lots: [lot('b', null, 3, '2026-03-01'), lot('a', null, 3, '2026-02-01')], qty: 1, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'a', quantity: 1 }] } },
  { name: 'expired or expiring before delivery is skipped', lots: [lot('old', '2026-12-01', 10), lot('ok', '2027-02-01', 1)], qty: 1, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'ok', quantity: 1 }] } },
  { name: 'shortfall reports usable units only', lots: [lot('old', '2026-11-01', 10), lot('ok', '2027-02-01', 2)], qty: 3, until: '2026-12-01', want: { ok: false, available: 2 } },
  { name: 'empty lots ignored', lots: [lot('empty', '2027-01-01', 0), lot('full', '2028-01-01', 1)], qty: 1, until: '2026-12-01', want: { ok: true, picks: [{ lotId: 'full', quantity: 1 }] } },
]

for (const c of cases) test(`FEFO: ${c.name}`, () => assert.deepEqual(pickFefo(c.lots, c.qty, c.until), c.want))

test('FEFO refuses a quantity that is not a positive integer', () => {
  for (const q of [0, -1, 1.5, Number.NaN]) assert.throws(() => pickFefo([lot('a', null, 5)], q, '2026-12-01'), RangeError)
})
