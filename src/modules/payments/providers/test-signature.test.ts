import { test } from 'node:test'
import assert from 'node:assert/strict'
import { signTestPayload, testSignatureHeader, verifyTestSignature } from './test-signature.ts'

const SECRET = 'whsec_lakou_test_provider_dev'
const BODY = '{"id":"tevt_1","type":"payment.succeeded"}'
const T = 1_796_000_000
const good = testSignatureHeader(SECRET, BODY, T)

type Row = [string, string | undefined, string | Buffer, number, string]
const rows: Row[] = [
  ['a fresh, correct signature', good, BODY, T + 10, 'ok'],
  ['the raw body as a Buffer', good, Buffer.from(BODY), T, 'ok'],
  ['4 min 59 s old', good, BODY, T + 299, 'ok'],
  ['exactly 5 minutes old', good, BODY, T + 300, 'ok'],
  ['older than 5 minutes', good, BODY, T + 301, 'stale'],
  ['from more than 5 minutes in the future', good, BODY, T - 301, 'stale'],
  ['body changed by one byte', good, BODY.replace('succeeded', 'succeedeD'), T, 'mismatch'],
  ['signed with another secret', testSignatureHeader('another-secret-0123456789', BODY, T), BODY, T, 'mismatch'],
  ['timestamp replaced (replay with a new date)', good.replace(`t=${T}`, `t=${T + 60}`), BODY, T + 60, 'mismatch'],
  ['no header', undefined, BODY, T, 'missing'],
  ['garbage', 'hello', BODY, T, 'malformed'],
  ['no v1', `t=${T}`, BODY, T, 'malformed'],
  ['short v1', `t=${T},v1=abcd`, BODY, T, 'malformed'],
  ['a second v1 (secret rotation) matches', `t=${T},v1=${'0'.repeat(64)},v1=${signTestPayload(SECRET, BODY, T)}`, BODY, T, 'ok'],
]

for (const [name, header, body, now, expected] of rows) {
  test(`test webhook signature: ${name}`, () => {
    const r = verifyTestSignature(SECRET, body, header, now)
    assert.equal(r.ok ? 'ok' : r.reason, expected)
  })
}
