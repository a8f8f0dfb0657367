import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { dayIn } from '../../src/kernel/dates.ts'
import { computeKpis, rollUpEvents } from '../../src/modules/analytics/index.ts'
import { shopTimeZone } from '../../src/modules/invoicing/index.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'

const MOBILE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t?.close())

type Ev = Record<string, unknown>
const beacon = (events: Ev[], sid = 's_collectortest0001') => ({ sid, events })
const post = (payload: unknown, opts: { ua?: string; ip?: string; cookie?: string; type?: string } = {}) =>
  t.app.inject({
    method: 'POST', url: '/api/events', remoteAddress: opts.ip ?? '203.0.113.57',
    headers: { 'user-agent': opts.ua ?? MOBILE, 'content-type': opts.type ?? 'application/json', ...(opts.cookie ? { cookie: opts.cookie } : {}) },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })
const rows = async (where = sql`true`) => {
  await t.app.eventQueue.flush()
  return (await sql<Record<string, unknown>>`SELECT * FROM events WHERE ${where} ORDER BY id`.execute(t.database.db)).rows
}

test('a page view is accepted at once and stored without the address, with the referrer host and the campaign', async () => {
  const res = await post(beacon([{ t: 'page_view', path: '/fr/p/rhum-blanc', pt: 'product', ref: 'https://www.google.fr/search?q=rhum+agricole+secret', utm: { source: 'newsletter', medium: 'email', campaign: 'noel' } }]))
  assert.equal(res.statusCode, 202)
  const [row] = await rows(sql`session_id = 's_collectortest0001'`)
  assert.ok(row)
  assert.equal(row.referrer_host, 'www.google.fr', 'host only: the search terms are not kept')
  assert.equal(row.utm_campaign, 'noel')
  assert.equal(row.channel, 'email', 'our own campaign link wins over the referrer')
  assert.equal(row.device, 'mobile')
  assert.equal(row.consent, false)
  assert.match(String(row.visitor_id), /^d_/, 'without consent: the day pseudonym')
  assert.equal(row.market, 'FR-MAINLAND')
  assert.ok(!JSON.stringify(row).includes('203.0.113'), 'the IP address is stored nowhere')
})

test('sendBeacon text/plain bodies are read; one day the same visitor, another agent another visitor', async () => {
  const a = await post(JSON.stringify(beacon([{ t: 'page_view', path: '/fr/' }], 's_plaintext00000001')), { type: 'text/plain;charset=UTF-8', ip: '198.51.100.7' })
  assert.equal(a.statusCode, 202)
  await post(beacon([{ t: 'page_view', path: '/fr/c/rhums', pt: 'category' }], 's_plaintext00000001'), { ip: '198.51.100.99' })
  await post(beacon([{ t: 'page_view', path: '/fr/' }], 's_plaintext00000002'), { ip: '198.51.100.7', ua: DESKTOP })
  const r = await rows(sql`session_id LIKE 's_plaintext%'`)
  assert.equal(r.length, 3)
  assert.equal(r[0]!.visitor_id, r[1]!.visitor_id, 'same /24 network and agent: one visitor for the day')
  assert.notEqual(r[0]!.visitor_id, r[2]!.visitor_id)
  assert.equal(r[2]!.device, 'desktop')
})

test('bad beacons are refused whole: unknown type, too many events, too large, not JSON', async () => {
  const before = (await rows()).length
  const unknown = await post(beacon([{ t: 'page_view', path: '/fr/' }, { t: 'mouse_move', path: '/fr/' }]))
  assert.equal(unknown.statusCode, 400)
  assert.equal(unknown.json().error.code, 'VALIDATION_FAILED')
  const many = await post(beacon(Array.from({ length: 21 }, () => ({ t: 'page_view', path: '/fr/' }))))
  assert.equal(many.statusCode, 400)
  const big = await post(beacon([{ t: 'page_view', path: '/fr/', ref: `https://example.org/${'x'.repeat(9000)}` }]))
  assert.equal(big.statusCode, 413)
  assert.equal((await post('{"events": [', { type: 'text/plain' })).statusCode, 400)
  assert.equal((await post(beacon([{ t: 'search', path: '/fr/search', q: 'rhum', n: -1 }]))).statusCode, 400)
  assert.equal((await post(beacon([{ t: 'page_view', path: 'javascript:alert(1)' }]))).statusCode, 400)
  assert.equal((await rows()).length, before, 'nothing stored')
})

test('bots and headless browsers are answered but not counted', async () => {
  const before = (await rows()).length
  for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36', 'curl/8.4.0', '']) {
    const res = await post(beacon([{ t: 'page_view', path: '/fr/' }]), { ua })
    assert.equal(res.statusCode, 202)
  }
  assert.equal((await rows()).length, before)
})

test('more than 120 events a minute from one visitor: 429, the others still counted', async () => {
  const ip = '192.0.2.10'
  const twenty = beacon(Array.from({ length: 20 }, () => ({ t: 'page_view', path: '/fr/' })), 's_ratelimited00001')
  for (let i = 0; i < 6; i++) assert.equal((await post(twenty, { ip })).statusCode, 202)
  const over = await post(beacon([{ t: 'page_view', path: '/fr/' }], 's_ratelimited00001'), { ip })
  assert.equal(over.statusCode, 429)
  assert.equal(over.json().error.code, 'RATE_LIMITED')
  assert.equal((await post(beacon([{ t: 'page_view', path: '/fr/' }], 's_ratelimited00002'), { ip: '192.0.2.11' })).statusCode, 202, 'another visitor is not limited')
  assert.equal((await rows(sql`session_id = 's_ratelimited00001'`)).length, 120)
})

test('an order counts once with its real total, whatever the browser says; unknown orders are dropped', async () => {
  const placed = await paidOrder(t.database.db, { email: 'analytics@example.com' })
  const total = (await sql<{ total_gross: number }>`SELECT total_gross FROM orders WHERE id = ${placed.orderId}`.execute(t.database.db)).rows[0]!.total_gross
  const ev = { t: 'order', path: `/fr/commande/${placed.orderId}/confirmation`, pt: 'confirmation', order: placed.orderId, value: 1 }
  assert.equal((await post(beacon([ev], 's_ordersession00001'))).statusCode, 202)
  assert.equal((await post(beacon([ev], 's_ordersession00001'))).statusCode, 202, 'the confirmation page shown again')
  await post(beacon([{ ...ev, order: 'ord_00000000000000000000000000' }], 's_ordersession00001'))
  const r = await rows(sql`type = 'order'`)
  assert.equal(r.length, 1)
  assert.equal(Number(r[0]!.value_cents), Number(total))
})

test('collected events roll up into the KPIs of the day', async () => {
  const sid = 's_kpisession000001'
  await post(beacon([
    { t: 'page_view', path: '/fr/search', pt: 'search', ref: 'https://duckduckgo.com/' },
    { t: 'search', path: '/fr/search', pt: 'search', q: 'Zzyzx', n: 0 },
    { t: 'web_vital', path: '/fr/search', pt: 'search', metric: 'LCP', value: 1234 },
  ], sid), { ip: '192.0.2.50', ua: DESKTOP })
  await t.app.eventQueue.flush()
  const ctx = systemCtx(t.database.db, 'test')
  await rollUpEvents(ctx, { lagSeconds: 0 })
  const s = (await sql<Record<string, unknown>>`SELECT * FROM analytics_sessions WHERE session_id = ${sid}`.execute(t.database.db)).rows[0]
  assert.ok(s)
  assert.equal(s.channel, 'seo')
  assert.equal(s.zero_result_searches, 1)
  assert.equal(s.search_exit, true)
  const today = dayIn(new Date(), await shopTimeZone(ctx)) // the roll-up keeps the shop's days
  const k = await computeKpis(ctx, { from: today, to: today, by: 'channel' })
  const seo = k.rows.find((r) => r.key === 'seo')!.current
  assert.equal(seo.sessions, 1)
  assert.equal(seo.zeroResultRate, 1)
  assert.ok(k.total.current.sessions >= 5)
  const order = k.rows.flatMap((r) => (r.current.orders ? [r.current] : []))
  assert.equal(order.length, 1, 'the order of the test above, in one channel')
  assert.equal(order[0]!.orders, 1)
  const byDevice = await computeKpis(ctx, { from: today, to: today, by: 'device' })
  assert.ok(Math.abs(byDevice.rows.find((r) => r.key === 'desktop')!.current.lcpP75! - 1234) <= 5)
  const q = await computeKpis(ctx, { from: today, to: today })
  assert.equal(q.total.current.repeatPurchaseRate, 0, 'one buyer with one paid order')
})
