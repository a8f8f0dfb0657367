import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MENTION_DAP, MENTION_IMPORT_VAT_DDP, saleTaxRule } from './sale-tax-rule.ts'
import { MENTION_EXPORT, MENTION_INTRA_EU, type Place } from './vat-treatment.ts'

// Every row of DOMAIN.md §1.4, B2C and B2B: whose rates apply, whether it is import VAT, the invoice mentions, the excise tariff.
const GP: Place = { code: 'GP', vatTerritory: 'FR_DOM' }
const MQ: Place = { code: 'MQ', vatTerritory: 'FR_DOM' }
const RE: Place = { code: 'RE', vatTerritory: 'FR_DOM' }
const FR: Place = { code: 'FR-MAINLAND', vatTerritory: 'FR_METRO' }
const EU: Place = { code: 'EU', vatTerritory: 'EU_OTHER' }
const WORLD: Place = { code: 'WORLD', vatTerritory: 'THIRD_COUNTRY' }

type Row = [string, Place, Place, 'B2C' | 'B2B', string | null, boolean, string[], string]
const rows: Row[] = [
  ['GP → GP consumer', GP, GP, 'B2C', 'GP', false, [], 'gp_local'],
  ['GP → GP business', GP, GP, 'B2B', 'GP', false, [], 'gp_local'],
  ['GP → MQ consumer (single market)', GP, MQ, 'B2C', 'GP', false, [], 'gp_local'],
  ['GP → MQ business', GP, MQ, 'B2B', 'GP', false, [], 'gp_local'],
  ['GP → mainland consumer: export + import VAT paid for them', GP, FR, 'B2C', 'FR-MAINLAND', true, [MENTION_EXPORT, MENTION_IMPORT_VAT_DDP], 'mainland'],
  ['GP → mainland business: export, buyer imports', GP, FR, 'B2B', null, false, [MENTION_EXPORT], 'none'],
  ['GP → Réunion consumer: export + RE import VAT', GP, RE, 'B2C', 'RE', true, [MENTION_EXPORT, MENTION_IMPORT_VAT_DDP], 'gp_local'],
  ['GP → Réunion business', GP, RE, 'B2B', null, false, [MENTION_EXPORT], 'none'],
  ['GP → EU consumer: export, duties at destination', GP, EU, 'B2C', null, false, [MENTION_EXPORT, MENTION_DAP], 'none'],
  ['GP → EU business', GP, EU, 'B2B', null, false, [MENTION_EXPORT], 'none'],
  ['GP → world consumer', GP, WORLD, 'B2C', null, false, [MENTION_EXPORT, MENTION_DAP], 'none'],
  ['GP → world business', GP, WORLD, 'B2B', null, false, [MENTION_EXPORT], 'none'],
  ['FR-HUB → mainland consumer', FR, FR, 'B2C', 'FR-MAINLAND', false, [], 'mainland'],
  ['FR-HUB → mainland business', FR, FR, 'B2B', 'FR-MAINLAND', false, [], 'mainland'],
  ['FR-HUB → EU consumer under the threshold: French VAT', FR, EU, 'B2C', 'FR-MAINLAND', false, [], 'none'],
  ['FR-HUB → EU business with VAT number: exempt', FR, EU, 'B2B', null, false, [MENTION_INTRA_EU], 'none'],
  ['FR-HUB → world consumer: export', FR, WORLD, 'B2C', null, false, [MENTION_EXPORT, MENTION_DAP], 'none'],
  ['FR-HUB → world business', FR, WORLD, 'B2B', null, false, [MENTION_EXPORT], 'none'],
  ['FR-HUB → Guadeloupe consumer: export + GP import VAT', FR, GP, 'B2C', 'GP', true, [MENTION_EXPORT, MENTION_IMPORT_VAT_DDP], 'gp_local'],
]

for (const [name, from, to, customer, rates, importVat, mentions, excise] of rows) {
  test(`sale tax rule: ${name}`, () => {
    const r = saleTaxRule({ shipFrom: from, shipTo: to, customer, buyerVatNumber: customer === 'B2B' ? 'DE123456789' : null, exciseGoods: false, euDistanceSalesYearCents: 0 })
    assert.equal(r.rateTerritory, rates)
    assert.equal(r.importVat, importVat)
    assert.deepEqual(r.mentions, mentions)
    assert.equal(r.exciseScope, excise)
  })
}

test('FR-HUB → EU consumer over the threshold pays the destination state VAT', () => {
  const r = saleTaxRule({ shipFrom: FR, shipTo: { code: 'DE', vatTerritory: 'EU_OTHER' }, customer: 'B2C', exciseGoods: false, euDistanceSalesYearCents: 1_000_001 })
  assert.equal(r.rateTerritory, 'DE')
})
