import { test } from 'node:test'
import assert from 'node:assert/strict'
import { throttleVerdict, type ThrottleVerdict } from './throttle.ts'

const now = new Date('2026-03-01T10:00:00Z')
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000)

const cases: { name: string; email: [number, number | null]; ip: [number, number | null]; want: ThrottleVerdict }[] = [
  { name: 'first attempt', email: [1, 0], ip: [1, 0], want: { allowed: true } },
  { name: 'fifth check of an e-mail is still allowed', email: [5, 10], ip: [5, 10], want: { allowed: true } },
  { name: 'sixth check of an e-mail waits until the oldest leaves the window', email: [6, 10], ip: [6, 10], want: { allowed: false, scope: 'email', retryAfterSeconds: 300 } },
  { name: 'oldest attempt just made: a full window', email: [6, 0], ip: [6, 0], want: { allowed: false, scope: 'email', retryAfterSeconds: 900 } },
  { name: 'never less than one second', email: [9, 15], ip: [9, 15], want: { allowed: false, scope: 'email', retryAfterSeconds: 1 } },
  { name: 'twentieth check from one address is allowed', email: [1, 0], ip: [20, 14], want: { allowed: true } },
  { name: 'twenty-first from one address is refused, whatever the e-mail', email: [1, 0], ip: [21, 14], want: { allowed: false, scope: 'ip', retryAfterSeconds: 60 } },
  { name: 'the e-mail limit is reported first', email: [6, 1], ip: [21, 14], want: { allowed: false, scope: 'email', retryAfterSeconds: 840 } },
]

for (const c of cases) {
  test(`throttle: ${c.name}`, () => {
    const w = ([count, min]: [number, number | null]) => ({ count, oldest: min === null ? null : ago(min) })
    assert.deepEqual(throttleVerdict({ email: w(c.email), ip: w(c.ip), now }), c.want)
  })
}
