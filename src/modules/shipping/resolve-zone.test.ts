import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolveZone } from './resolve-zone.ts'

// [what, country, postal code, expected zone or failure code]
const rows: [string, string, string | null, string][] = [
  ['Pointe-à-Pitre', 'FR', '97110', 'GP'],
  ['Baie-Mahault with a space typed in the code', 'FR', '97 122', 'GP'],
  ['Marie-Galante (Grand-Bourg) is Guadeloupe', 'FR', '97112', 'GP'],
  ['Fort-de-France', 'FR', '97200', 'MQ'],
  ['Saint-Denis de La Réunion', 'FR', '97400', 'RE'],
  ['Paris', 'FR', '75011', 'FR-MAINLAND'],
  ['Ajaccio, Corsica, is mainland for shipping', 'FR', '20000', 'FR-MAINLAND'],
  ['Bastia, Corsica', 'FR', '20200', 'FR-MAINLAND'],
  ['Monaco through a French address', 'FR', '98000', 'FR-MAINLAND'],
  ['Monaco as a country', 'MC', '98000', 'FR-MAINLAND'],
  ['Saint-Barthélemy (97133, a 971 code) left Guadeloupe in 2007: export, WORLD', 'FR', '97133', 'WORLD'],
  ['Saint-Martin (97150): WORLD, not GP', 'FR', '97150', 'WORLD'],
  ['Saint-Martin typed with country GP: still WORLD', 'GP', '97150', 'WORLD'],
  ['Guyane (no VAT): WORLD', 'FR', '97300', 'WORLD'],
  ['Mayotte (no VAT): WORLD', 'FR', '97600', 'WORLD'],
  ['Nouméa: WORLD', 'FR', '98800', 'WORLD'],
  ['country code GP without postal code', 'GP', null, 'GP'],
  ['country code gp in lower case', 'gp', '97100', 'GP'],
  ['country code MQ', 'MQ', '97220', 'MQ'],
  ['country code RE', 'RE', '97410', 'RE'],
  ['country code BL (Saint-Barthélemy)', 'BL', '97133', 'WORLD'],
  ['country code MF (Saint-Martin)', 'MF', '97150', 'WORLD'],
  ['Berlin', 'DE', '10115', 'EU'],
  ['Brussels', 'BE', '1000', 'EU'],
  ['Athens (GR, not EL)', 'GR', '10558', 'EU'],
  ['Madrid', 'ES', '28001', 'EU'],
  ['Las Palmas, Canary Islands: outside EU VAT', 'ES', '35001', 'WORLD'],
  ['Santa Cruz de Tenerife', 'ES', '38001', 'WORLD'],
  ['Ceuta', 'ES', '51001', 'WORLD'],
  ['Mariehamn, Åland', 'FI', '22100', 'WORLD'],
  ['Helsinki', 'FI', '00100', 'EU'],
  ['Heligoland', 'DE', '27498', 'WORLD'],
  ['Livigno', 'IT', '23041', 'WORLD'],
  ['Rome', 'IT', '00184', 'EU'],
  ['an EU address without postal code', 'IE', null, 'EU'],
  ['Switzerland', 'CH', '1201', 'WORLD'],
  ['United Kingdom after Brexit', 'GB', 'SW1A 1AA', 'WORLD'],
  ['United States', 'US', '10001', 'WORLD'],
  ['Canada', 'CA', 'H2X 1Y4', 'WORLD'],
  ['French address without postal code', 'FR', null, 'SHIPPING_ADDRESS_INVALID'],
  ['French postal code of 4 digits', 'FR', '7501', 'SHIPPING_ADDRESS_INVALID'],
  ['French postal code with letters', 'FR', '75O11', 'SHIPPING_ADDRESS_INVALID'],
  ['French postal code 00xxx does not exist', 'FR', '00100', 'SHIPPING_ADDRESS_INVALID'],
  ['country GP with a Martinique postal code', 'GP', '97200', 'SHIPPING_ADDRESS_INVALID'],
  ['Monaco with a Paris postal code', 'MC', '75001', 'SHIPPING_ADDRESS_INVALID'],
  ['unknown country code', 'XX', '12345', 'SHIPPING_ADDRESS_INVALID'],
  ['"EU" is not a country', 'EU', null, 'SHIPPING_ADDRESS_INVALID'],
  ['a country name instead of a code', 'France', '75001', 'SHIPPING_ADDRESS_INVALID'],
  ['empty country', '', '75001', 'SHIPPING_ADDRESS_INVALID'],
  ['Antarctica: no carrier', 'AQ', null, 'SHIPPING_COUNTRY_UNSUPPORTED'],
]

for (const [what, country, postalCode, want] of rows) {
  test(`zone: ${what} → ${want}`, () => {
    const r = resolveZone({ country, postalCode })
    assert.equal(r.ok ? r.zone : r.code, want)
  })
}

test('the resolved address is normalised: upper-case country, postal code without spaces', () => {
  assert.deepEqual(resolveZone({ country: ' fr ', postalCode: '97 122' }), { ok: true, zone: 'GP', country: 'FR', postalCode: '97122' })
  assert.deepEqual(resolveZone({ country: 'FR', postalCode: '7501' }), { ok: false, code: 'SHIPPING_ADDRESS_INVALID', params: { field: 'postalCode', value: '7501' } })
  assert.deepEqual(resolveZone({ country: 'Frankreich' }), { ok: false, code: 'SHIPPING_ADDRESS_INVALID', params: { field: 'country', value: 'Frankreich' } })
})
