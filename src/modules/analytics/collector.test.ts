import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Db } from '../../kernel/db/client.ts'
import { Beacon } from './beacon.ts'
import { consentCookieValue, readConsent } from './consent.ts'
import { createEventQueue } from './event-queue.ts'
import { eventRows, referrerHostOf } from './event-rows.ts'
import { createRateLimiter } from './rate-limiter.ts'
import type { EventRow } from './tables.ts'
import { bucketOf, percentileOf } from './vitals.ts'
import { dailyVisitorId, deviceOf, isBotAgent, truncateIp } from './visitor.ts'

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const IPAD = 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const ANDROID_TAB = 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

test('consent is kept six months, then asked again; anything else reads as no choice', () => {
  const now = new Date('2026-11-30T12:00:00Z')
  assert.equal(readConsent(consentCookieValue('granted', now), now), 'granted')
  assert.equal(readConsent('denied.2026-06-15', now), 'denied')
  assert.equal(readConsent('granted.2026-05-01', now), null, 'older than 6 months')
  assert.equal(readConsent('granted.2027-05-01', now), null, 'from the future')
  for (const v of [undefined, '', 'yes', 'granted', 'granted.tomorrow']) assert.equal(readConsent(v, now), null)
})

test('the day pseudonym groups one network and browser for a day, never across days, and holds no address', () => {
  const a = dailyVisitorId('salt-monday', '203.0.113.57', IPHONE)
  assert.equal(a, dailyVisitorId('salt-monday', '203.0.113.200', IPHONE), 'same /24 and agent')
  assert.notEqual(a, dailyVisitorId('salt-tuesday', '203.0.113.57', IPHONE), 'the next day is another visitor')
  assert.notEqual(a, dailyVisitorId('salt-monday', '203.0.114.57', IPHONE))
  assert.notEqual(a, dailyVisitorId('salt-monday', '203.0.113.57', DESKTOP))
  assert.ok(!a.includes('203'))
  assert.equal(truncateIp('203.0.113.57'), '203.0.113.0')
  assert.equal(truncateIp('::ffff:203.0.113.57'), '203.0.113.0')
  assert.equal(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348'), '2001:db8:85a3::')
})

test('device classes and bots', () => {
  assert.equal(deviceOf(IPHONE), 'mobile')
  assert.equal(deviceOf(IPAD), 'tablet')
  assert.equal(deviceOf(ANDROID_TAB), 'tablet')
  assert.equal(deviceOf(DESKTOP), 'desktop')
  assert.equal(deviceOf(undefined), 'desktop')
  for (const bot of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 'python-requests/2.31', 'HeadlessChrome/120', undefined, '']) {
    assert.equal(isBotAgent(bot), true, String(bot))
  }
  assert.equal(isBotAgent(IPHONE), false)
  assert.equal(isBotAgent(IPHONE), false, 'remembered answer')
})

test('a beacon becomes rows dated by the server clock, with the referrer host only and internal referrers dropped', () => {
  const beacon = Beacon.parse({ sid: 's_abcdefghijkl', events: [
    { t: 'page_view', path: '/fr/', ref: 'https://l.facebook.com/l.php?u=secret', ago: 1500 },
    { t: 'page_view', path: '/fr/c/rhums', pt: 'category', ref: 'https://lakou.example/fr/' },
    { t: 'search', path: '/fr/search', q: '  Rhum Vieux ', n: 3 },
  ] })
  const now = new Date('2026-11-30T12:00:00Z')
  const rows = eventRows(beacon, { now, visitorId: 'd_x', sessionId: 's_abcdefghijkl', consent: false, device: 'mobile', market: 'GP', locale: 'fr', ownHosts: new Set(['lakou.example']) })
  assert.equal(rows[0]!.occurred_at.toISOString(), '2026-11-30T11:59:58.500Z')
  assert.equal(rows[0]!.referrer_host, 'l.facebook.com')
  assert.equal(rows[0]!.channel, 'social')
  assert.equal(rows[1]!.referrer_host, null)
  assert.equal(rows[1]!.channel, 'direct')
  assert.equal(rows[2]!.query, 'rhum vieux')
  assert.equal(referrerHostOf('javascript:alert(1)', new Set()), null)
  assert.equal(referrerHostOf('not a url', new Set()), null)
  assert.equal(Beacon.safeParse({ events: [] }).success, false, 'an empty beacon')
  assert.equal(Beacon.safeParse({ events: [{ t: 'web_vital', path: '/fr/', metric: 'FID', value: 3 }] }).success, false, 'FID is not a Core Web Vital any more')
})

const row = (i: number): EventRow => ({ type: 'page_view', session_id: `s_${i}` }) as EventRow

test('the queue writes in batches, at most one write at a time, and survives a database that fails', async () => {
  const writes: number[] = []
  let failing = 0
  let concurrent = 0
  let maxConcurrent = 0
  const q = createEventQueue({} as Db, {
    flushMs: 5, batchSize: 50, maxQueued: 300,
    write: async (rows) => {
      concurrent += 1
      maxConcurrent = Math.max(maxConcurrent, concurrent)
      await new Promise((r) => setTimeout(r, 2))
      concurrent -= 1
      if (failing > 0) {
        failing -= 1
        throw new Error('database down')
      }
      writes.push(rows.length)
      return rows.length
    },
  })
  for (let i = 0; i < 120; i++) q.push([row(i)])
  await q.flush()
  assert.deepEqual(writes, [50, 50, 20])
  assert.equal(maxConcurrent, 1)
  failing = 2
  q.push([row(1), row(2)])
  await q.flush()
  assert.equal(q.stats().queued, 2, 'kept for a retry')
  await q.flush()
  await q.flush()
  assert.equal(q.stats().queued, 0)
  assert.equal(writes.at(-1), 2, 'written on the third try')
  failing = 3
  q.push([row(3)])
  for (let i = 0; i < 3; i++) await q.flush()
  assert.equal(q.stats().dropped, 1, 'dropped after three failures, never blocking the shop')
  assert.equal(q.push(Array.from({ length: 301 }, (_, i) => row(i))), false, 'a full queue refuses more')
  await q.close()
  assert.equal(q.push([row(9)]), false, 'closed')
})

test('the rate limit: 120 events a minute per key', () => {
  const limit = createRateLimiter(120)
  const t0 = 1_000_000
  assert.equal(limit.take('a', 100, t0), true)
  assert.equal(limit.take('a', 20, t0 + 10), true)
  assert.equal(limit.take('a', 1, t0 + 20), false)
  assert.equal(limit.take('b', 20, t0 + 20), true)
  assert.equal(limit.take('a', 1, t0 + 60_000), true, 'a new minute')
})

test('p75 of a web-vitals histogram', () => {
  const h = new Map<number, number>()
  for (let v = 100; v <= 4000; v += 10) h.set(bucketOf('LCP', v), (h.get(bucketOf('LCP', v)) ?? 0) + 1)
  const values = Array.from({ length: 391 }, (_, i) => 100 + 10 * i)
  const exact = values[Math.ceil(0.75 * values.length) - 1]!
  assert.ok(Math.abs(percentileOf('LCP', h)! - exact) <= 5)
  assert.equal(percentileOf('CLS', new Map()), null)
  assert.equal(bucketOf('LCP', 10_000_000), bucketOf('LCP', 600_000), 'everything beyond the last bucket counts in it')
  const cls = new Map([[bucketOf('CLS', 0.02), 3], [bucketOf('CLS', 0.3), 1]])
  assert.equal(percentileOf('CLS', cls), 0.0205)
})
