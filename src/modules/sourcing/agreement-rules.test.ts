import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkAgreementTerms, checkValidFrom, defaultTerms, type AgreementTermsInput, type GoodsKind } from './agreement-rules.ts'
import { isValidSiren } from './siren.ts'
import { PIPELINE, pipelineMove } from './pipeline.ts'
import { weightedTotal } from './scoring.ts'
import { finalStates, reachableFrom } from '../../kernel/state-machine.ts'

const RUM: GoodsKind = { exciseAlcohol: true, perishableFood: false }
const FRESH: GoodsKind = { exciseAlcohol: false, perishableFood: true }
const COFFEE: GoodsKind = { exciseAlcohol: false, perishableFood: false }
const terms = (type: AgreementTermsInput['paymentTermsType'], days: number, extra: Partial<AgreementTermsInput> = {}): AgreementTermsInput =>
  ({ model: 'PURCHASE', paymentTermsType: type, paymentTermsDays: days, commissionBp: null, ...extra })

const cases: [string, AgreementTermsInput, GoodsKind, string[]][] = [
  ['coffee, 60 days net from invoice (the default)', terms('NET_DAYS_FROM_INVOICE', 60), COFFEE, []],
  ['coffee, 61 days net: over L441-10', terms('NET_DAYS_FROM_INVOICE', 61), COFFEE, ['paymentTermsDays']],
  ['coffee, 45 days end of month', terms('DAYS_AFTER_END_OF_DELIVERY_MONTH', 45), COFFEE, []],
  ['coffee, 46 days end of month', terms('DAYS_AFTER_END_OF_DELIVERY_MONTH', 46), COFFEE, ['paymentTermsDays']],
  ['rum, 60 days net: alcohol must count from the end of the delivery month', terms('NET_DAYS_FROM_INVOICE', 60), RUM, ['paymentTermsType']],
  ['rum, 30 days end of month', terms('DAYS_AFTER_END_OF_DELIVERY_MONTH', 30), RUM, []],
  ['rum, 31 days end of month', terms('DAYS_AFTER_END_OF_DELIVERY_MONTH', 31), RUM, ['paymentTermsDays']],
  ['perishable food, 30 days after delivery', terms('DAYS_AFTER_DELIVERY', 30), FRESH, []],
  ['perishable food, 31 days after delivery', terms('DAYS_AFTER_DELIVERY', 31), FRESH, ['paymentTermsDays']],
  ['perishable food, 30 days net from invoice', terms('NET_DAYS_FROM_INVOICE', 30), FRESH, ['paymentTermsType']],
  ['negative days', terms('NET_DAYS_FROM_INVOICE', -1), COFFEE, ['paymentTermsDays']],
  ['consignment without commission', terms('NET_DAYS_FROM_INVOICE', 60, { model: 'CONSIGNMENT' }), COFFEE, ['commissionBp']],
  ['consignment at 28 %', terms('NET_DAYS_FROM_INVOICE', 60, { model: 'CONSIGNMENT', commissionBp: 2800 }), COFFEE, []],
  ['purchase with a commission', terms('NET_DAYS_FROM_INVOICE', 60, { commissionBp: 1000 }), COFFEE, ['commissionBp']],
]
for (const [name, input, goods, fields] of cases) {
  test(`agreement rules: ${name}`, () => {
    const v = checkAgreementTerms(input, goods)
    assert.deepEqual(v.map((x) => x.field), fields)
    for (const x of v) assert.ok(x.message.length > 30, x.message)
  })
}

test('the proposed terms are lawful for each kind of goods, 60 days net by default', () => {
  assert.deepEqual(defaultTerms(COFFEE), { paymentTermsType: 'NET_DAYS_FROM_INVOICE', paymentTermsDays: 60 })
  assert.deepEqual(defaultTerms(RUM), { paymentTermsType: 'DAYS_AFTER_END_OF_DELIVERY_MONTH', paymentTermsDays: 30 })
  for (const g of [COFFEE, RUM, FRESH]) {
    const d = defaultTerms(g)
    assert.deepEqual(checkAgreementTerms({ model: 'PURCHASE', commissionBp: null, ...d }, g), [])
  }
})

test('a new agreement starts after the latest one', () => {
  assert.deepEqual(checkValidFrom('2026-01-01', null), [])
  assert.deepEqual(checkValidFrom('2026-03-02', '2026-03-01'), [])
  assert.equal(checkValidFrom('2026-03-01', '2026-03-01')[0]?.field, 'validFrom')
  assert.match(checkValidFrom('2026-02-01', '2026-03-01')[0]!.message, /2026-03-01/)
})

test('SIREN: 9 digits with a valid Luhn checksum', () => {
  for (const ok of ['732829320', '552100554', '356000000', '443061841']) assert.equal(isValidSiren(ok), true, ok)
  for (const bad of ['732829321', '12345678', '1234567890', 'abcdefghi', '', '552 100 554']) assert.equal(isValidSiren(bad), false, bad)
})

test('pipeline: the allowed moves, ENDED final, everything reachable from APPLICANT', () => {
  assert.equal(pipelineMove('APPLICANT', 'EVALUATING').ok, true)
  assert.equal(pipelineMove('APPLICANT', 'ACTIVE').ok, false)
  assert.equal(pipelineMove('PAUSED', 'ACTIVE').ok, true)
  assert.equal(pipelineMove('ENDED', 'ACTIVE').ok, false)
  assert.deepEqual(finalStates(PIPELINE), ['ENDED'])
  assert.equal(reachableFrom(PIPELINE, 'APPLICANT').size, 6)
})

test('weighted total out of 100 counts unscored criteria as 0', () => {
  const grid = [{ code: 'a', weight: 25, maxScore: 5, score: 5 }, { code: 'b', weight: 75, maxScore: 5, score: null }]
  assert.deepEqual(weightedTotal(grid), { total: 25, complete: false, scored: 1 })
  assert.deepEqual(weightedTotal([{ code: 'a', weight: 25, maxScore: 5, score: 4 }, { code: 'b', weight: 75, maxScore: 10, score: 5 }]), { total: 57.5, complete: true, scored: 2 })
})
