import { test } from 'node:test'
import assert from 'node:assert/strict'
import { exciseForLine, MissingTariffError, tariffAt, type ExciseTariffRow } from './excise.ts'

// Tariffs of the demo data (DOMAIN.md §2.2; openfisca-france parameters for 2021, customs tariffs 2022).
const TARIFFS: ExciseTariffRow[] = [
  { code: 'DOM_TRADITIONAL_RUM', scope: 'mainland', centsPerHl: 90184, validFrom: '2021-01-01', validTo: null },
  { code: 'DOM_TRADITIONAL_RUM', scope: 'mainland', centsPerHl: 90364, validFrom: '2022-01-01', validTo: null },
  { code: 'SPIRITS_OTHER', scope: 'mainland', centsPerHl: 180267, validFrom: '2021-01-01', validTo: null },
  { code: 'SPIRITS_OTHER', scope: 'mainland', centsPerHl: 180628, validFrom: '2022-01-01', validTo: null },
  { code: 'DOM_TRADITIONAL_RUM', scope: 'gp_local', centsPerHl: 1250, validFrom: '2000-01-01', validTo: null },
  { code: 'SPIRITS_OTHER', scope: 'gp_local', centsPerHl: 3430, validFrom: '2000-01-01', validTo: null },
  { code: 'CSS_STRONG_ALCOHOL', scope: 'css', centsPerHl: 57880, validFrom: '2021-01-01', validTo: null },
]
const rum = (abv: number, litres: number, eligible = true) => ({ exciseCategory: 'DOM_TRADITIONAL_RUM', domRumReducedRateEligible: eligible, abv, pureAlcoholL: (abv / 100) * litres })
const spirit = (abv: number, litres: number) => ({ exciseCategory: 'SPIRITS_OTHER', domRumReducedRateEligible: false, abv, pureAlcoholL: (abv / 100) * litres })

type Row = [string, ReturnType<typeof rum>, number, 'mainland' | 'gp_local' | 'none', string, number, number, string | null]
const rows: Row[] = [
  // DOMAIN.md worked example: 70 cl at 50 % = 0.35 L AP → excise 3.16 €, CSS ≈ 2.03 €
  ['70 cl rum 50 %, mainland 2022 (worked example)', rum(50, 0.7), 1, 'mainland', '2022-06-01', 316, 203, 'DOM_TRADITIONAL_RUM'],
  ['same in 2021 tariffs', rum(50, 0.7), 1, 'mainland', '2021-06-01', 316, 203, 'DOM_TRADITIONAL_RUM'],
  ['six bottles: computed on the line, rounded once', rum(50, 0.7), 6, 'mainland', '2026-01-15', 1898, 1215, 'DOM_TRADITIONAL_RUM'],
  ['1 L white rum 50 %', rum(50, 1), 1, 'mainland', '2026-01-15', 452, 289, 'DOM_TRADITIONAL_RUM'],
  ['rum under 40 %: full spirits tariff', rum(38, 0.7, true), 1, 'mainland', '2026-01-15', 480, 154, 'SPIRITS_OTHER'],
  ['rum not eligible (no GI flag): full tariff', rum(50, 0.7, false), 1, 'mainland', '2026-01-15', 632, 203, 'SPIRITS_OTHER'],
  ['reduced rum rate ends after 31 Dec 2027', rum(50, 0.7), 1, 'mainland', '2028-01-01', 632, 203, 'SPIRITS_OTHER'],
  ['reduced rum rate still on 31 Dec 2027', rum(50, 0.7), 1, 'mainland', '2027-12-31', 316, 203, 'DOM_TRADITIONAL_RUM'],
  ['punch at exactly 18.0 %: excise, no CSS (strict > 18)', spirit(18, 0.7), 1, 'mainland', '2026-01-15', 228, 0, 'SPIRITS_OTHER'],
  ['punch coco 16 %: excise, no CSS', spirit(16, 0.7), 1, 'mainland', '2026-01-15', 202, 0, 'SPIRITS_OTHER'],
  ['liqueur 25 %: excise and CSS', spirit(25, 0.5), 1, 'mainland', '2026-01-15', 226, 72, 'SPIRITS_OTHER'],
  ['Guadeloupe local rum tariff', rum(50, 0.7), 1, 'gp_local', '2026-01-15', 4, 203, 'DOM_TRADITIONAL_RUM'],
  ['Guadeloupe local other spirits', spirit(32, 0.7), 1, 'gp_local', '2026-01-15', 8, 130, 'SPIRITS_OTHER'],
  ['export: no French excise', rum(50, 0.7), 3, 'none', '2026-01-15', 0, 0, null],
]

for (const [name, goods, qty, scope, date, excise, css, code] of rows) {
  test(`excise: ${name}`, () => {
    assert.deepEqual(exciseForLine(goods, qty, scope, TARIFFS, date), { excise, css, tariffCode: code })
  })
}

test('goods without alcohol pay no excise', () => {
  assert.deepEqual(exciseForLine({ exciseCategory: null, domRumReducedRateEligible: false, abv: null, pureAlcoholL: null }, 4, 'mainland', TARIFFS, '2026-01-01'), { excise: 0, css: 0, tariffCode: null })
})

test('the tariff in force is the latest dated row; a missing tariff is an error, not zero', () => {
  assert.equal(tariffAt(TARIFFS, 'DOM_TRADITIONAL_RUM', 'mainland', '2021-12-31'), 90184)
  assert.equal(tariffAt(TARIFFS, 'DOM_TRADITIONAL_RUM', 'mainland', '2022-01-01'), 90364)
  assert.throws(() => tariffAt(TARIFFS, 'DOM_TRADITIONAL_RUM', 'mainland', '2020-06-01'), MissingTariffError)
  const ended: ExciseTariffRow[] = [{ code: 'X', scope: 'css', centsPerHl: 1, validFrom: '2020-01-01', validTo: '2021-01-01' }]
  assert.throws(() => tariffAt(ended, 'X', 'css', '2021-01-01'), MissingTariffError)
})
