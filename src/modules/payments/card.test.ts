import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cardBrand, checkCard, luhnValid } from './card.ts'

const NOW = new Date('2026-11-30T12:00:00Z')
const card = (number: string, expMonth = 12, expYear = 2030, cvc = '123') => ({ number, expMonth, expYear, cvc, holderName: 'Man Lisette' })

type Row = [string, ReturnType<typeof card>, string]
const rows: Row[] = [
  ['the test card that succeeds', card('4242 4242 4242 4242'), 'ok visa 4242'],
  ['typed with dashes', card('4000-0000-0000-0077'), 'ok visa 0077'],
  ['mastercard', card('5555555555554444'), 'ok mastercard 4444'],
  ['mastercard 2-series', card('2223003122003222'), 'ok mastercard 3222'],
  ['amex with a 4-digit CVC', card('378282246310005', 1, 2029, '1234'), 'ok amex 0005'],
  ['amex with a 3-digit CVC', card('378282246310005', 1, 2029, '123'), 'cvc'],
  ['one digit wrong: Luhn fails', card('4242424242424241'), 'number'],
  ['letters', card('4242abcd42424242'), 'number'],
  ['too short', card('42424242424'), 'number'],
  ['empty', card(''), 'number'],
  ['expired last month', card('4242424242424242', 10, 2026), 'expiry'],
  ['valid through the end of the current month', card('4242424242424242', 11, 2026), 'ok visa 4242'],
  ['two-digit year', card('4242424242424242', 1, 27), 'ok visa 4242'],
  ['two-digit year in the past', card('4242424242424242', 1, 25), 'expiry'],
  ['month 13', card('4242424242424242', 13, 2030), 'expiry'],
  ['month 0', card('4242424242424242', 0, 2030), 'expiry'],
  ['CVC with letters', card('4242424242424242', 12, 2030, '12a'), 'cvc'],
  ['no holder name', { ...card('4242424242424242'), holderName: '  ' }, 'holder'],
]

for (const [name, input, expected] of rows) {
  test(`checkCard: ${name}`, () => {
    const r = checkCard(input, NOW)
    assert.equal(r.ok ? `ok ${r.summary.brand} ${r.summary.last4}` : r.reason, expected)
  })
}

test('luhn: every documented test card passes, their neighbours fail', () => {
  for (const n of ['4242424242424242', '4000000000000002', '4000000000009995', '4000000000000077', '4000000000000119']) {
    assert.equal(luhnValid(n), true, n)
    assert.equal(luhnValid(n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10)), false, n)
  }
})

test('brand: unknown prefixes are still accepted as "unknown"', () => {
  assert.equal(cardBrand('6011111111111117'), 'unknown')
})
