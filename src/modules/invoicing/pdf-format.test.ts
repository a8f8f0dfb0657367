import { test } from 'node:test'
import assert from 'node:assert/strict'
import { calendarDateIn, documentNumber } from './numbering.ts'
import { addressLines, printCalendarDate, printIban, printInstantDate, printMoney, printRate, printSiren, sameAddress } from './pdf-format.ts'

const NB = '\u00a0'

test('amounts: French and English usage, negative for credit notes', () => {
  const cases: [number, 'fr' | 'en', string][] = [
    [527000, 'fr', `5${NB}270,00${NB}€`],
    [123456, 'fr', `1${NB}234,56${NB}€`],
    [-590, 'fr', `-5,90${NB}€`],
    [123456, 'en', '€1,234.56'],
    [4000, 'fr', `40,00${NB}€`],
  ]
  for (const [cents, locale, out] of cases) assert.equal(printMoney(cents, locale), out)
})

test('rates from basis points', () => {
  const cases: [number, 'fr' | 'en', string][] = [[2000, 'fr', `20${NB}%`], [550, 'fr', `5,5${NB}%`], [850, 'fr', `8,5${NB}%`], [210, 'fr', `2,1${NB}%`], [0, 'fr', `0${NB}%`], [550, 'en', '5.5%']]
  for (const [bp, locale, out] of cases) assert.equal(printRate(bp, locale), out)
})

test('dates: calendar dates where the seller is (Guadeloupe is UTC-4)', () => {
  // 2 a.m. UTC on 1 January is still 31 December in Baie-Mahault: the invoice belongs to the old year.
  const newYearUtc = new Date('2027-01-01T02:00:00Z')
  assert.equal(calendarDateIn(newYearUtc, 'America/Guadeloupe'), '2026-12-31')
  assert.equal(printInstantDate(newYearUtc, 'America/Guadeloupe', 'fr'), '31/12/2026')
  assert.equal(printInstantDate(newYearUtc, 'America/Guadeloupe', 'en'), '31 December 2026')
  assert.equal(printCalendarDate('2026-04-11', 'fr'), '11/04/2026')
  assert.equal(printCalendarDate('2026-04-11', 'en'), '11 April 2026')
})

test('numbers and identifiers', () => {
  assert.equal(documentNumber('F', 2026, 1), 'F-2026-000001')
  assert.equal(documentNumber('A', 2026, 123456), 'A-2026-123456')
  assert.throws(() => documentNumber('F', 2026, 0), RangeError)
  assert.equal(printSiren('999710007'), '999 710 007')
  assert.equal(printIban('FR7699999000010000001234537'), 'FR76 9999 9000 0100 0000 1234 537')
})

test('addresses: French order with the country name; comparison ignores case and spaces', () => {
  const a = { line1: '5 rue Schœlcher', line2: null, postalCode: '97110', city: 'Pointe-à-Pitre', country: 'GP' }
  assert.deepEqual(addressLines(a, 'fr'), ['5 rue Schœlcher', '97110 Pointe-à-Pitre', 'Guadeloupe'])
  assert.equal(sameAddress(a, { ...a, city: ' POINTE-À-PITRE ' }), true)
  assert.equal(sameAddress(a, { ...a, line2: 'Bât. B' }), false)
  // customers store overseas departments as France + postal code: the department is named
  assert.deepEqual(addressLines({ ...a, country: 'FR' }, 'fr').at(-1), 'Guadeloupe')
  assert.deepEqual(addressLines({ ...a, country: 'FR', postalCode: '97200', city: 'Fort-de-France' }, 'en').at(-1), 'Martinique')
  assert.deepEqual(addressLines({ ...a, country: 'FR', postalCode: '97133', city: 'Gustavia' }, 'fr').at(-1), 'France')
  assert.deepEqual(addressLines({ ...a, country: 'FR', postalCode: '75017', city: 'Paris' }, 'fr').at(-1), 'France')
})
