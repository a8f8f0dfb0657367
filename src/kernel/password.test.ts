import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './password.ts'

const cases: [string, string, PasswordProblem | null][] = [
  ['eleven chars', 'abcdefghijk', 'TOO_SHORT'],
  ['twelve chars', 'abcdefghijkl', null],
  ['a passphrase with spaces and accents', 'rhum vieux été 2026', null],
  ['emoji count as one character each', '🌺🌺🌺🌺🌺🌺🌺🌺🌺🌺🌺', 'TOO_SHORT'],
  ['257 chars', 'ab3'.repeat(85) + 'xy', 'TOO_LONG'],
  ['one character repeated', 'aaaaaaaaaaaaaaa', 'TOO_SIMPLE'],
  ['three distinct characters', 'abcabcabcabcabc', 'TOO_SIMPLE'],
  ['contains the e-mail name', 'LEA.MARTIN-2026!', 'CONTAINS_EMAIL'],
]

for (const [name, password, want] of cases) {
  test(`password policy: ${name}`, () => {
    assert.equal(passwordProblem(password, 'lea.martin@example.com'), want)
  })
}

test('passwords are stored as argon2id hashes with a salt, and verified', async () => {
  const a = await hashPassword('correct horse battery')
  const b = await hashPassword('correct horse battery')
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  assert.notEqual(a, b, 'salted: two hashes of one password differ')
  assert.equal(await verifyPassword(a, 'correct horse battery'), true)
  assert.equal(await verifyPassword(a, 'correct horse batterY'), false)
  assert.equal(await verifyPassword('not a hash', 'x'), false)
})
