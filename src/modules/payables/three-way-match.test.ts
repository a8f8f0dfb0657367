import { test } from 'node:test'
import assert from 'node:assert/strict'
import { priceInvoice } from './invoice-totals.ts'
import { threeWayMatch, type MatchPoLine } from './three-way-match.ts'

const PO: MatchPoLine[] = [
  { id: 'pol_A', poNumber: 'BC-001001', sku: 'RUM', unitCost: 1500, receivedAccepted: 10, alreadyInvoiced: 0, receiptNumbers: ['RC-001001'] },
  { id: 'pol_B', poNumber: 'BC-001001', sku: 'CAF', unitCost: 800, receivedAccepted: 6, alreadyInvoiced: 4, receiptNumbers: ['RC-001001', 'RC-001002'] },
]
const line = (position: number, po: string | null, quantity: number, unitCost: number) => ({ position, purchaseOrderLineId: po, quantity, unitCost })

const CASES: { name: string; lines: ReturnType<typeof line>[]; tolerance?: number; status: string; problems: number[] }[] = [
  { name: 'received quantities at the ordered price match', lines: [line(1, 'pol_A', 10, 1500), line(2, 'pol_B', 2, 800)], status: 'matched', problems: [0, 0] },
  { name: 'billing less than received is a partial invoice, still matched', lines: [line(1, 'pol_A', 4, 1500)], status: 'matched', problems: [0] },
  { name: 'more than received is a mismatch', lines: [line(1, 'pol_A', 11, 1500)], status: 'mismatch', problems: [1] },
  { name: 'what earlier invoices billed is no longer billable', lines: [line(1, 'pol_B', 3, 800)], status: 'mismatch', problems: [1] },
  { name: 'a price one cent above the order is a mismatch at zero tolerance', lines: [line(1, 'pol_A', 10, 1501)], status: 'mismatch', problems: [1] },
  { name: 'a tolerance accepts a gap within it', lines: [line(1, 'pol_A', 10, 1502)], tolerance: 2, status: 'matched', problems: [0] },
  { name: 'wrong quantity and price: two problems on the line', lines: [line(1, 'pol_A', 12, 1400)], status: 'mismatch', problems: [2] },
  { name: 'two lines on the same PO line share what is billable', lines: [line(1, 'pol_A', 6, 1500), line(2, 'pol_A', 5, 1500)], status: 'mismatch', problems: [0, 1] },
  { name: 'a line outside the purchase order cannot be matched', lines: [line(1, 'pol_A', 1, 1500), line(2, null, 1, 500)], status: 'mismatch', problems: [0, 1] },
]

for (const c of CASES) {
  test(`three-way match: ${c.name}`, () => {
    const r = threeWayMatch(true, c.lines, PO, c.tolerance)
    assert.equal(r.status, c.status)
    assert.deepEqual(r.lines.map((l) => l.problems.length), c.problems, JSON.stringify(r.lines.map((l) => l.problems)))
  })
}

test('three-way match: each line traces to its purchase order and receipts, with the quantities compared', () => {
  const r = threeWayMatch(true, [line(1, 'pol_B', 2, 800)], PO)
  assert.deepEqual(r.lines[0], {
    position: 1, purchaseOrderLineId: 'pol_B', poNumber: 'BC-001001', receiptNumbers: ['RC-001001', 'RC-001002'], invoicedQuantity: 2,
    receivedQuantity: 6, alreadyInvoiced: 4, billableQuantity: 2, invoicedUnitCost: 800, orderedUnitCost: 800, ok: true, problems: [],
  })
})

test('three-way match: an invoice without purchase order is unmatched', () => {
  assert.deepEqual(threeWayMatch(false, [line(1, null, 3, 100)], []), { status: 'unmatched', lines: [] })
})

test('invoice totals: VAT rounded once per line (half away from zero), totals add up', () => {
  const r = priceInvoice([{ quantity: 3, unitCost: 333, vatRateBp: 850 }, { quantity: 1, unitCost: 1000, vatRateBp: 210 }, { quantity: 7, unitCost: 10, vatRateBp: 0 }])
  // 999 × 8.5 % = 84.915 → 85; 1000 × 2.1 % = 21; 0
  assert.deepEqual(r.lines.map((l) => [l.net, l.vat]), [[999, 85], [1000, 21], [70, 0]])
  assert.deepEqual([r.totalNet, r.totalVat, r.totalGross], [2069, 106, 2175])
})
