import { test } from 'node:test'
import assert from 'node:assert/strict'
import { normalizeAddress, overseasDepartmentOf } from './address-rules.ts'
import type { AddressInput } from './types.ts'

const base: AddressInput = { name: 'Léa Martin', line1: '12 rue des Flamboyants', postalCode: '97122', city: 'Baie-Mahault', country: 'GP' }

// [name, change to the base address, expected country+postal code or the problems]
const cases: [string, Partial<AddressInput>, string | string[]][] = [
  ['Guadeloupe picked: stored as France with its postal code', {}, 'FR 97122'],
  ['France picked with a 971 postal code: France', { country: 'fr' }, 'FR 97122'],
  ['mainland France', { country: 'FR', postalCode: '75011', city: 'Paris' }, 'FR 75011'],
  ['Corsica is mainland France', { country: 'FR', postalCode: '20000', city: 'Ajaccio' }, 'FR 20000'],
  ['Martinique', { country: 'MQ', postalCode: '97200' }, 'FR 97200'],
  ['La Réunion', { country: 'RE', postalCode: '97400' }, 'FR 97400'],
  ['Guadeloupe with a Paris postal code', { postalCode: '75011' }, ['postalCode:POSTAL_CODE_TERRITORY_MISMATCH']],
  ['Martinique picked with a Guadeloupe postal code', { country: 'MQ' }, ['postalCode:POSTAL_CODE_TERRITORY_MISMATCH']],
  ['Saint-Barthélemy is not Guadeloupe', { postalCode: '97133' }, ['postalCode:POSTAL_CODE_TERRITORY_MISMATCH']],
  ['Saint-Barthélemy is not France either', { country: 'FR', postalCode: '97133' }, ['postalCode:POSTAL_CODE_TERRITORY_MISMATCH']],
  ['Saint-Barthélemy under its own code', { country: 'BL', postalCode: '97133' }, 'BL 97133'],
  ['New Caledonia is not France for shipping and VAT', { country: 'FR', postalCode: '98800' }, ['postalCode:POSTAL_CODE_TERRITORY_MISMATCH']],
  ['French postal codes have five digits', { country: 'FR', postalCode: '7501' }, ['postalCode:POSTAL_CODE_INVALID']],
  ['Germany, any reasonable postal code', { country: 'de', postalCode: '10115', city: 'Berlin' }, 'DE 10115'],
  ['United Kingdom postcode, upper-cased', { country: 'GB', postalCode: 'sw1a  1aa', city: 'London' }, 'GB SW1A 1AA'],
  ['unknown country', { country: 'XX' }, ['country:COUNTRY_UNKNOWN']],
  ['postal code with symbols', { country: 'US', postalCode: '<script>' }, ['postalCode:POSTAL_CODE_INVALID']],
  ['missing fields, all reported', { name: ' ', line1: '', city: '', postalCode: '' }, ['name:REQUIRED', 'line1:REQUIRED', 'city:REQUIRED', 'postalCode:REQUIRED']],
  ['too long a street', { line1: 'x'.repeat(121) }, ['line1:TOO_LONG']],
  ['phone with letters', { phone: '0690 ab 12 34' }, ['phone:PHONE_INVALID']],
]

for (const [name, change, want] of cases) {
  test(`address: ${name}`, () => {
    const r = normalizeAddress({ ...base, ...change })
    if (typeof want === 'string') {
      assert.ok(r.ok, JSON.stringify(r))
      assert.equal(`${r.address.country} ${r.address.postalCode}`, want)
    } else {
      assert.ok(!r.ok)
      assert.deepEqual(r.problems.map((p) => `${p.field}:${p.code}`), want)
    }
  })
}

test('address: spaces collapsed, empty second line and phone become null, phone keeps digits and +', () => {
  const r = normalizeAddress({ ...base, name: '  Léa   Martin ', line2: '  ', phone: '+590 (690) 12.34-56' })
  assert.ok(r.ok)
  assert.deepEqual(r.address, { name: 'Léa Martin', line1: '12 rue des Flamboyants', line2: null, postalCode: '97122', city: 'Baie-Mahault', country: 'FR', phone: '+590690123456' })
  const noPhone = normalizeAddress({ ...base, phone: '' })
  assert.ok(noPhone.ok && noPhone.address.phone === null)
})

test('address: the overseas department of a stored address', () => {
  assert.equal(overseasDepartmentOf('FR', '97122'), 'GP')
  assert.equal(overseasDepartmentOf('FR', '97400'), 'RE')
  assert.equal(overseasDepartmentOf('FR', '97133'), null)
  assert.equal(overseasDepartmentOf('FR', '75011'), null)
  assert.equal(overseasDepartmentOf('BL', '97133'), null)
})
