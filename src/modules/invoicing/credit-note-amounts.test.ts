import { test } from 'node:test'
import assert from 'node:assert/strict'
import { computeCreditAmounts, type AlreadyCredited, type CreditRequest } from './credit-note-amounts.ts'
import { b2bDraft, draftLine, mainlandDraft, withTotals } from './test-drafts.ts'

const nothing = (lines: number): AlreadyCredited => ({ quantities: Array(lines).fill(0), shipping: false })

test('full credit: every amount of the invoice, negative, rate by rate, shipping included', () => {
  const inv = mainlandDraft()
  const r = computeCreditAmounts(inv, nothing(2), { lines: 'all', shipping: undefined })
  assert.ok(r.ok)
  assert.equal(r.totalGross, -inv.totalGross)
  assert.equal(r.totalNet, -inv.totalNet)
  assert.deepEqual(r.vatByRate, inv.vatByRate.map((p) => ({ rateBp: p.rateBp, net: -p.net, vat: -p.vat })))
  assert.equal(r.shipping?.gross, -590)
  assert.equal(r.lines[0]!.excise, -452, 'the excise of the rum comes back too')
  assert.equal(r.cancelsInvoice, true)
})

test('partial quantities: cumulative shares give back each line exactly, whatever the steps', () => {
  // 3 units at 12.01 € TTC: net 30.02 € and VAT 6.01 € do not divide by 3
  const inv = withTotals({ ...b2bDraft(), lines: [draftLine({ sku: 'X', description: 'x', unitGross: 1201, quantity: 3, listBp: 2000 })] })
  const line = inv.lines[0]!
  assert.deepEqual([line.net % 3, line.vat % 3], [2, 1])
  for (const steps of [[1, 1, 1], [2, 1], [1, 2], [3]]) {
    const before: AlreadyCredited = nothing(1)
    let net = 0
    let vat = 0
    for (const q of steps) {
      const r = computeCreditAmounts(inv, before, { lines: [{ sku: 'X', quantity: q }], shipping: undefined })
      assert.ok(r.ok, JSON.stringify(r))
      net += r.lines[0]!.net
      vat += r.lines[0]!.vat
      before.quantities[0]! += q
    }
    assert.deepEqual([net, vat], [-line.net, -line.vat], `steps ${steps}`)
  }
})

test('a share is proportional: 1 of 6 rums is a sixth of the line', () => {
  const inv = b2bDraft()
  const r = computeCreditAmounts(inv, nothing(1), { lines: [{ sku: inv.lines[0]!.sku, quantity: 1 }], shipping: undefined })
  assert.ok(r.ok)
  const l = inv.lines[0]!
  assert.equal(r.lines[0]!.net, -Math.round(l.net / 6))
  assert.equal(r.lines[0]!.excise, -452)
  assert.equal(r.cancelsInvoice, false)
})

const refusals: { name: string; before: AlreadyCredited; request: CreditRequest; code: string }[] = [
  { name: 'more units than invoiced', before: nothing(2), request: { lines: [{ sku: 'CHN-CAF-GR-250', quantity: 3 }], shipping: undefined }, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE' },
  { name: 'more units than left after an earlier note', before: { quantities: [0, 2], shipping: false }, request: { lines: [{ sku: 'CHN-CAF-GR-250', quantity: 1 }], shipping: undefined }, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE' },
  { name: 'the same product twice in one request, over the invoice', before: nothing(2), request: { lines: [{ sku: 'ACS-RHB50-100', quantity: 1 }, { sku: 'ACS-RHB50-100', quantity: 1 }], shipping: undefined }, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE' },
  { name: 'shipping credited twice', before: { quantities: [0, 0], shipping: true }, request: { lines: [], shipping: true }, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE' },
  { name: 'a product not on the invoice', before: nothing(2), request: { lines: [{ sku: 'NOPE', quantity: 1 }], shipping: undefined }, code: 'INVOICING_CREDIT_UNKNOWN_LINE' },
  { name: 'everything already credited', before: { quantities: [1, 2], shipping: true }, request: { lines: 'all', shipping: undefined }, code: 'INVOICING_CREDIT_EMPTY' },
  { name: 'nothing asked', before: nothing(2), request: { lines: [], shipping: false }, code: 'INVOICING_CREDIT_EMPTY' },
]

for (const r of refusals) {
  test(`refused: ${r.name}`, () => {
    const out = computeCreditAmounts(mainlandDraft(), r.before, r.request)
    assert.equal(out.ok, false)
    if (!out.ok) assert.equal(out.code, r.code)
  })
}

test('"all" with shipping asked explicitly: shipping already credited or never charged is skipped, not refused', () => {
  const credited = computeCreditAmounts(mainlandDraft(), { quantities: [0, 0], shipping: true }, { lines: 'all', shipping: true })
  assert.ok(credited.ok && credited.shipping === null && credited.cancelsInvoice)
  const free = computeCreditAmounts(mainlandDraft({ shipping: null }), nothing(2), { lines: 'all', shipping: true })
  assert.ok(free.ok && free.shipping === null && free.cancelsInvoice)
  const onlyShipping = computeCreditAmounts(mainlandDraft({ shipping: null }), nothing(2), { lines: [], shipping: true })
  assert.deepEqual(onlyShipping, { ok: false, code: 'INVOICING_CREDIT_EMPTY' })
})

test('shipping alone, then the rest: the second note cancels the invoice', () => {
  const inv = mainlandDraft()
  const first = computeCreditAmounts(inv, nothing(2), { lines: [], shipping: true })
  assert.ok(first.ok)
  assert.deepEqual([first.lines.length, first.totalGross, first.cancelsInvoice], [0, -590, false])
  const second = computeCreditAmounts(inv, { quantities: [0, 0], shipping: true }, { lines: 'all', shipping: undefined })
  assert.ok(second.ok)
  assert.equal(second.shipping, null, 'shipping already credited is skipped by a full credit')
  assert.equal(first.totalGross + second.totalGross, -inv.totalGross)
  assert.equal(second.cancelsInvoice, true)
})
