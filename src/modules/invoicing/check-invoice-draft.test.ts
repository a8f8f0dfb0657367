import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkInvoiceDraft, vatMatchesRate, type DraftProblemCode } from './check-invoice-draft.ts'
import type { InvoiceDraft } from './invoice-draft.ts'
import { b2bDraft, exportDraft, guadeloupeDraft, mainlandDraft } from './test-drafts.ts'

test('the reference drafts are fit to be issued', () => {
  for (const d of [mainlandDraft(), guadeloupeDraft(), exportDraft(), b2bDraft()]) assert.deepEqual(checkInvoiceDraft(d), [], d.orderNumber)
})

test('mainland draft: shipping 5.90 € split over 20 % and 5.5 %, totals exact', () => {
  const d = mainlandDraft()
  assert.deepEqual(d.shipping!.parts, [{ rateBp: 2000, net: 193, vat: 39 }, { rateBp: 550, net: 339, vat: 19 }])
  assert.equal(d.totalGross, 2790 + 2 * 1890 + 590)
})

const mutate = (d: InvoiceDraft, f: (d: InvoiceDraft) => void): InvoiceDraft => {
  const copy = structuredClone(d)
  f(copy)
  return copy
}

const refusals: { name: string; draft: InvoiceDraft; code: DraftProblemCode; says: RegExp }[] = [
  { name: 'total TTC one cent off', draft: mutate(mainlandDraft(), (d) => (d.totalGross += 1)), code: 'INVOICING_TOTALS_MISMATCH', says: /totalGross/ },
  { name: 'total HT one cent off, TTC adjusted', draft: mutate(mainlandDraft(), (d) => { d.totalNet += 1; d.totalGross += 1 }), code: 'INVOICING_TOTALS_MISMATCH', says: /totalNet/ },
  { name: 'line gross ≠ net + VAT', draft: mutate(mainlandDraft(), (d) => (d.lines[0]!.gross += 1)), code: 'INVOICING_TOTALS_MISMATCH', says: /line 1 .*gross/ },
  { name: 'line VAT not its rate', draft: mutate(mainlandDraft(), (d) => { d.lines[1]!.vatRateBp = 2000 }), code: 'INVOICING_TOTALS_MISMATCH', says: /line 2 .*VAT 197 is not 20 %/ },
  { name: 'unit price far from the line net', draft: mutate(mainlandDraft(), (d) => (d.lines[1]!.unitNet += 5)), code: 'INVOICING_TOTALS_MISMATCH', says: /2 × / },
  { name: 'excise larger than the net', draft: mutate(mainlandDraft(), (d) => (d.lines[0]!.excise = 5000)), code: 'INVOICING_TOTALS_MISMATCH', says: /excise/ },
  { name: 'shipping parts do not add up', draft: mutate(mainlandDraft(), (d) => (d.shipping!.parts[0]!.net += 1)), code: 'INVOICING_TOTALS_MISMATCH', says: /shipping: parts/ },
  { name: 'per-rate summary one cent off, totals unchanged', draft: mutate(mainlandDraft(), (d) => { d.vatByRate[0]!.vat += 1; d.vatByRate[1]!.vat -= 1 }), code: 'INVOICING_TOTALS_MISMATCH', says: /vatByRate 20 %/ },
  { name: 'a rate missing from the summary', draft: mutate(mainlandDraft(), (d) => d.vatByRate.pop()), code: 'INVOICING_TOTALS_MISMATCH', says: /5.5 % is missing/ },
  { name: 'a summary rate without any line', draft: mutate(guadeloupeDraft(), (d) => d.vatByRate.push({ rateBp: 2000, net: 0, vat: 0 })), code: 'INVOICING_TOTALS_MISMATCH', says: /20 % has no line/ },
  { name: 'exempt VAT that is not zero', draft: mutate(exportDraft(), (d) => { d.lines[0]!.vat = 1; d.lines[0]!.gross += 1 }), code: 'INVOICING_TOTALS_MISMATCH', says: /VAT 1 is not 0 %/ },
  { name: 'exempt sale without its legal mention', draft: mutate(exportDraft(), (d) => (d.mentions = [])), code: 'INVOICING_MENTION_MISSING', says: /exempt/ },
  { name: 'paid without a payment date', draft: mutate(mainlandDraft(), (d) => (d.payment.paidAt = null)), code: 'INVOICING_MENTION_MISSING', says: /paidAt/ },
  { name: 'business buyer without SIREN nor VAT number', draft: mutate(b2bDraft(), (d) => { d.buyer.siren = null; d.buyer.vatNumber = null }), code: 'INVOICING_BUYER_ID_MISSING', says: /SIREN/ },
]

for (const r of refusals) {
  test(`refused: ${r.name}`, () => {
    const problems = checkInvoiceDraft(r.draft)
    assert.ok(problems.length > 0, 'at least one problem')
    assert.ok(problems.some((p) => p.code === r.code && r.says.test(p.message)), JSON.stringify(problems))
  })
}

test('VAT of a line: the rate applied to the net, rounded once; exempt means exactly 0', () => {
  const cases: [net: number, rateBp: number, vat: number, ok: boolean][] = [
    [2325, 2000, 465, true], // 27.90 TTC at 20 %
    [193, 2000, 39, true], // VAT from a TTC price: 38.6 → 39 (0.4 cent away)
    [1791, 550, 99, true], // 98.5 → 99 (half away from zero)
    [1791, 550, 100, false],
    [1705, 850, 145, true], // GP 8.5 %
    [578, 210, 12, true], // GP 2.1 %
    [2325, 0, 0, true],
    [2325, 0, 1, false],
  ]
  for (const [net, rate, vat, ok] of cases) assert.equal(vatMatchesRate(net, rate, vat), ok, `${net} at ${rate} → ${vat}`)
})
