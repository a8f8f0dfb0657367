import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compactBankCode, groupIban, isValidBic, isValidIban, maskIban, ProducerBankInput } from './bank-details.ts'

test('IBANs are checked by ISO 13616: country length and mod-97; spaces and case do not matter', () => {
  for (const typed of ['FR76 3000 6000 0112 3456 7890 189', 'fr7630006000011234567890189', 'DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32']) {
    assert.equal(isValidIban(compactBankCode(typed)), true, typed)
  }
  assert.equal(isValidIban('FR7630006000011234567890188'), false, 'one digit off breaks the checksum')
  assert.equal(isValidIban('FR763000600001123456789018'), false, 'a French IBAN has 27 characters')
  assert.equal(isValidIban('XX7630006000011234567890189'), false, 'unknown country')
  assert.equal(isValidIban(''), false)
})

test('BICs have 8 or 11 characters with letters where the bank and country go', () => {
  assert.equal(isValidBic('BNPAFRPP'), true)
  assert.equal(isValidBic(compactBankCode('agri frpp 882')), true)
  assert.equal(isValidBic('BNPAFRP'), false)
  assert.equal(isValidBic('1NPAFRPPXXX'), false)
})

test('an IBAN shows only its last four characters in lists, and in groups of four in the form', () => {
  assert.equal(maskIban('FR7630006000011234567890189'), '•••• 0189')
  assert.equal(groupIban('FR7630006000011234567890189'), 'FR76 3000 6000 0112 3456 7890 189')
})

test('the form stores normalised codes, accepts three blanks, and names each missing or wrong field', () => {
  const ok = ProducerBankInput.parse({ producerId: 'prf_1', iban: ' fr76 3000 6000 0112 3456 7890 189 ', bic: 'bnpa frpp', holder: ' SARL Exemple ' })
  assert.deepEqual(ok, { producerId: 'prf_1', iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', holder: 'SARL Exemple' })
  assert.equal(ProducerBankInput.safeParse({ producerId: 'prf_1', iban: '', bic: '', holder: '' }).success, true)
  const partial = ProducerBankInput.safeParse({ producerId: 'prf_1', iban: 'FR7630006000011234567890189', bic: '', holder: '' })
  assert.deepEqual(partial.error?.issues.map((i) => i.path.join('.')).sort(), ['bic', 'holder'])
  const wrong = ProducerBankInput.safeParse({ producerId: 'prf_1', iban: 'FR7630006000011234567890188', bic: 'BNPAFRP', holder: 'X' })
  assert.deepEqual(wrong.error?.issues.map((i) => i.path.join('.')).sort(), ['bic', 'iban'])
})
