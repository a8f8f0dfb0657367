import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MENTION_EXPORT, MENTION_INTRA_EU, UnsupportedTaxRouteError, vatTreatment, type Place, type VatTreatmentInput } from './vat-treatment.ts'

// Every row of the scenario matrix of DOMAIN.md §1.4 (ship-from → ship-to, B2C and B2B).
const GP: Place = { code: 'GP', vatTerritory: 'FR_DOM' }
const MQ: Place = { code: 'MQ', vatTerritory: 'FR_DOM' }
const RE: Place = { code: 'RE', vatTerritory: 'FR_DOM' }
const FR: Place = { code: 'FR-MAINLAND', vatTerritory: 'FR_METRO' }
const DE: Place = { code: 'DE', vatTerritory: 'EU_OTHER' }
const US: Place = { code: 'US', vatTerritory: 'THIRD_COUNTRY' }

type Row = [string, Partial<VatTreatmentInput> & { shipFrom: Place; shipTo: Place }, string, string | null]
const rows: Row[] = [
  ['GP → GP, consumer: GP VAT', { shipFrom: GP, shipTo: GP }, 'DOMESTIC:GP', null],
  ['GP → GP, business: GP VAT', { shipFrom: GP, shipTo: GP, customer: 'B2B' }, 'DOMESTIC:GP', null],
  ['GP → MQ: no export between GP and MQ', { shipFrom: GP, shipTo: MQ }, 'DOMESTIC:GP', null],
  ['GP → MQ, business', { shipFrom: GP, shipTo: MQ, customer: 'B2B' }, 'DOMESTIC:GP', null],
  ['GP → mainland, consumer: export', { shipFrom: GP, shipTo: FR }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['GP → mainland, business: export', { shipFrom: GP, shipTo: FR, customer: 'B2B' }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['GP → Réunion: export (RE is an export territory)', { shipFrom: GP, shipTo: RE }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['GP → other EU state: export', { shipFrom: GP, shipTo: DE }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['GP → world: export', { shipFrom: GP, shipTo: US, customer: 'B2B' }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['FR-HUB → mainland, consumer: French VAT', { shipFrom: FR, shipTo: FR }, 'DOMESTIC:FR-MAINLAND', null],
  ['FR-HUB → mainland, business: French VAT', { shipFrom: FR, shipTo: FR, customer: 'B2B', buyerVatNumber: 'FR32123456789' }, 'DOMESTIC:FR-MAINLAND', null],
  ['FR-HUB → EU consumer under 10 000 €/year: French VAT', { shipFrom: FR, shipTo: DE, euDistanceSalesYearCents: 999_999 }, 'EU_DISTANCE_SALE_ORIGIN_VAT:FR-MAINLAND', null],
  ['FR-HUB → EU consumer at exactly 10 000 €: still French VAT', { shipFrom: FR, shipTo: DE, euDistanceSalesYearCents: 1_000_000 }, 'EU_DISTANCE_SALE_ORIGIN_VAT:FR-MAINLAND', null],
  ['FR-HUB → EU consumer over 10 000 €/year: destination VAT (OSS)', { shipFrom: FR, shipTo: DE, euDistanceSalesYearCents: 1_000_001 }, 'EU_DISTANCE_SALE_DESTINATION_VAT:DE', null],
  ['FR-HUB → EU consumer, alcohol: destination VAT whatever the threshold', { shipFrom: FR, shipTo: DE, exciseGoods: true }, 'EU_DISTANCE_SALE_DESTINATION_VAT:DE', null],
  ['FR-HUB → EU business with VAT number: exempt intra-EU supply', { shipFrom: FR, shipTo: DE, customer: 'B2B', buyerVatNumber: 'DE123456789' }, 'INTRA_EU_B2B_EXEMPT', MENTION_INTRA_EU],
  ['FR-HUB → EU business without VAT number: treated as a consumer', { shipFrom: FR, shipTo: DE, customer: 'B2B', buyerVatNumber: null }, 'EU_DISTANCE_SALE_ORIGIN_VAT:FR-MAINLAND', null],
  ['FR-HUB → world: export', { shipFrom: FR, shipTo: US }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['FR-HUB → world, business: export', { shipFrom: FR, shipTo: US, customer: 'B2B' }, 'EXPORT_EXEMPT', MENTION_EXPORT],
  ['FR-HUB → Guadeloupe: export to a DOM', { shipFrom: FR, shipTo: GP }, 'EXPORT_EXEMPT', MENTION_EXPORT],
]

for (const [name, partial, want, mention] of rows) {
  test(`VAT treatment: ${name}`, () => {
    const t = vatTreatment({ customer: 'B2C', exciseGoods: false, euDistanceSalesYearCents: 0, ...partial })
    const got = t.kind === 'DOMESTIC' || t.kind === 'EU_DISTANCE_SALE_ORIGIN_VAT' ? `${t.kind}:${t.rateTerritory}` : t.kind === 'EU_DISTANCE_SALE_DESTINATION_VAT' ? `${t.kind}:${t.destination}` : t.kind
    assert.equal(got, want)
    assert.equal(t.mention, mention)
  })
}

test('goods leaving a place Lakou has no rule for are refused, not guessed', () => {
  assert.throws(() => vatTreatment({ shipFrom: DE, shipTo: FR, customer: 'B2C', exciseGoods: false, euDistanceSalesYearCents: 0 }), UnsupportedTaxRouteError)
})
