import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { divRound } from '../../kernel/money.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { enqueueJob, registerJobs, runDueJobs } from '../../kernel/jobs.ts'
import { computeBreakdown } from './breakdown.ts'
import { computeFunnel } from './funnel.ts'
import { computeKpis } from './kpis.ts'
import { analyticsJobs, ANALYTICS_ROLLUP_JOB } from './jobs.ts'
import { insertEvents } from './insert-events.ts'
import { rollUpEvents } from './rollup.ts'
import type { EventRow } from './tables.ts'
import { addToCart, order, prodView, pv, search, session, step, vital } from './test-stream.ts'

let database: Database
before(async () => {
  database = await testDatabase({ seed: false })
})
after(async () => database?.close())

const ctx = () => systemCtx(database.db, 'test')
const at = (day: string, minute: number) => new Date(Date.parse(`${day}T08:00:00Z`) + minute * 60_000)
const D1 = '2026-03-02' // a Monday
const D2 = '2026-03-03'

/** Day 2: 40 sessions of six kinds; day 1: 20 bounces. Every KPI below follows from these counts. */
function stream(): { rows: EventRow[]; orderValues: number[] } {
  const rows: EventRow[] = []
  const orderValues: number[] = []
  for (let i = 0; i < 20; i++) rows.push(...session(at(D1, i), { channel: 'seo', referrer_host: 'www.google.fr' }, [pv('home', '/fr/')]))
  // a consented visitor first came from social media on day 1, and buys on day 2 through an ad
  rows.push(...session(at(D1, 50), { visitor_id: 'v_returning', consent: true, channel: 'social', referrer_host: 'l.facebook.com' }, [pv('home', '/fr/')]))
  for (let i = 0; i < 10; i++) rows.push(...session(at(D2, i), { channel: 'seo', device: 'mobile' }, [pv('home', '/fr/')]))
  for (let i = 0; i < 10; i++) rows.push(...session(at(D2, 20 + i), { device: 'desktop', market: 'GP' }, [pv('category'), pv('product'), prodView('category')]))
  for (let i = 0; i < 6; i++) rows.push(...session(at(D2, 40 + i), { channel: 'email' }, [pv('search'), search(i < 4 ? 0 : 5)]))
  for (let i = 0; i < 4; i++) rows.push(...session(at(D2, 50 + i), { channel: 'email', device: 'mobile' }, [pv('search'), search(8), pv('product'), prodView('search')]))
  for (let i = 0; i < 6; i++) {
    const cents = 2790 + 1013 * i
    orderValues.push(cents)
    const who = i === 0 ? { visitor_id: 'v_returning', consent: true } : {}
    rows.push(...session(at(D2, 60 + i), { channel: 'sea', utm_medium: 'cpc', ...who }, [pv('product'), prodView(null), addToCart, pv('cart'), step('cart'), pv('checkout_address'), step('address'), pv('confirmation'), order(`ord_${String(i).padStart(26, '0')}`, cents)]))
  }
  for (let i = 0; i < 4; i++) rows.push(...session(at(D2, 70 + i), { channel: 'sea', device: 'tablet' }, [pv('product'), prodView(null), addToCart, pv('cart'), step('cart')]))
  // 100 LCP samples 1000, 1010 … 1990 ms: p75 is 1740 ms; INP 40 × k ms, k = 1…20: p75 is 600 ms
  rows.push(...session(at(D2, 80), {}, Array.from({ length: 100 }, (_, k) => vital('LCP', 1000 + 10 * k))))
  rows.push(...session(at(D2, 81), { device: 'mobile' }, Array.from({ length: 20 }, (_, k) => vital('INP', 40 * (k + 1)))))
  // the web-vital-only "sessions" above carry no page view: they are not sessions
  return { rows, orderValues }
}

test('the roll-up of a generated stream gives the KPIs it was built with, in batches, twice, concurrently', async () => {
  const { rows, orderValues } = stream()
  // sessions cut across two inserts and three roll-ups (one run concurrent with another)
  const half = Math.floor(rows.length / 2)
  await insertEvents(database.db, rows.slice(0, half))
  await rollUpEvents(ctx(), { lagSeconds: 0, batchSize: 37 })
  await insertEvents(database.db, rows.slice(half))
  const [a, b] = await Promise.all([rollUpEvents(ctx(), { lagSeconds: 0, batchSize: 50 }), rollUpEvents(ctx(), { lagSeconds: 0, batchSize: 50 })])
  assert.equal(a.events + b.events, rows.length - half, 'each event rolled up once')
  const again = await rollUpEvents(ctx(), { lagSeconds: 0 })
  assert.equal(again.events, 0)

  const report = await computeKpis(ctx(), { from: D2, to: D2 })
  assert.equal(report.rows.length, 1)
  const k = report.total.current
  assert.equal(k.sessions, 40)
  assert.equal(k.bounceRate, 16 / 40, '10 one-page visits + 6 that searched and left')
  assert.equal(k.clickThroughRate, 14 / 20, '20 listing pages, 14 product views from them')
  assert.equal(k.addToCartRate, 10 / 40)
  assert.equal(k.conversionRate, 6 / 40)
  assert.equal(k.cartAbandonmentRate, 4 / 10)
  assert.equal(k.orders, 6)
  const revenue = orderValues.reduce((x, y) => x + y, 0)
  assert.equal(k.revenueCents, revenue)
  assert.equal(k.averageOrderValueCents, divRound(revenue, 6))
  assert.equal(k.searchExitRate, 6 / 10)
  assert.equal(k.zeroResultRate, 4 / 10)
  // shop-wide p75 from the growing buckets: within 1.25 % of the exact value
  assert.ok(Math.abs(k.lcpP75! - 1740) <= 0.0125 * 1740, `LCP p75 ${k.lcpP75}`)
  assert.ok(Math.abs(k.inpP75! - 600) <= 0.0125 * 600, `INP p75 ${k.inpP75}`)
  assert.equal(k.clsP75, null, 'no CLS sample')
  assert.equal(k.repeatPurchaseRate, null, 'no paid order in this database: nothing to divide')
  // the previous period is day 1: 21 sessions, all bounces
  assert.equal(report.total.previous.sessions, 21)
  assert.equal(report.total.previous.bounceRate, 1)
  assert.equal(report.rows[0]!.previous.sessions, 21)
})

test('KPIs by channel, first touch, device and market, by week', async () => {
  const byChannel = await computeKpis(ctx(), { from: D2, to: D2, by: 'channel' })
  const sessionsOf = (r: typeof byChannel, key: string) => r.rows.find((x) => x.key === key)?.current.sessions ?? 0
  assert.equal(sessionsOf(byChannel, 'sea'), 10)
  assert.equal(sessionsOf(byChannel, 'email'), 10)
  assert.equal(sessionsOf(byChannel, 'seo'), 10)
  assert.equal(sessionsOf(byChannel, 'direct'), 10)
  assert.equal(byChannel.rows.find((x) => x.key === 'sea')!.current.conversionRate, 6 / 10)
  assert.equal(byChannel.rows.find((x) => x.key === 'sea')!.current.lcpP75, null, 'vitals are not split by channel')
  assert.equal(byChannel.total.current.sessions, 40)
  const firstTouch = await computeKpis(ctx(), { from: D2, to: D2, by: 'first_channel' })
  assert.equal(sessionsOf(firstTouch, 'sea'), 9, 'the returning visitor came first from social media')
  assert.equal(sessionsOf(firstTouch, 'social'), 1)
  assert.equal(firstTouch.rows.find((x) => x.key === 'social')!.current.revenueCents, 2790)
  const byDevice = await computeKpis(ctx(), { from: D2, to: D2, by: 'device' })
  assert.equal(sessionsOf(byDevice, 'mobile'), 14)
  assert.equal(sessionsOf(byDevice, 'tablet'), 4)
  assert.equal(sessionsOf(byDevice, 'desktop'), 22)
  assert.ok(Math.abs(byDevice.rows.find((x) => x.key === 'desktop')!.current.lcpP75! - 1740) <= 5)
  const byMarket = await computeKpis(ctx(), { from: D2, to: D2, by: 'market' })
  assert.equal(sessionsOf(byMarket, 'GP'), 10)
  const week = await computeKpis(ctx(), { from: D2, to: '2026-03-08', grain: 'week' })
  assert.equal(week.from, D1, 'a week starts on Monday')
  assert.equal(week.rows.length, 1)
  assert.equal(week.rows[0]!.current.sessions, 61)
  assert.equal(week.rows[0]!.previous.sessions, 0)
})

test('breakdowns, the funnel and the previous range add up to the same sessions', async () => {
  const byDevice = await computeBreakdown(ctx(), { from: D2, to: D2, by: 'device' })
  assert.deepEqual(byDevice.map((r) => [r.key, r.current.sessions]), [['desktop', 22], ['mobile', 14], ['tablet', 4]], 'most sessions first')
  assert.equal(byDevice.reduce((n, r) => n + r.previous.sessions, 0), 21, 'day 1 is the range just before')
  assert.equal(byDevice.find((r) => r.key === 'tablet')!.kpis.addToCartRate, 1, 'the 4 tablet sessions all added to cart')
  const byChannel = await computeBreakdown(ctx(), { from: D2, to: D2, by: 'channel' })
  assert.equal(byChannel.find((r) => r.key === 'sea')!.current.orderSessions, 6)
  const firstTouch = await computeBreakdown(ctx(), { from: D2, to: D2, by: 'first_channel' })
  assert.equal(firstTouch.find((r) => r.key === 'social')!.current.sessions, 1)

  // 24 sessions saw a product (10 from a category, 4 from a search, 10 from an ad), 10 added to cart, all 10 began the checkout, 6 ordered
  assert.deepEqual(await computeFunnel(ctx(), { from: D2, to: D2 }), { sessions: 40, productViews: 24, carts: 10, checkouts: 10, orders: 6 })
  assert.deepEqual(await computeFunnel(ctx(), { from: D1, to: D1 }), { sessions: 21, productViews: 0, carts: 0, checkouts: 0, orders: 0 })

  const report = await computeKpis(ctx(), { from: D2, to: D2, vitals: false })
  assert.equal(report.previousFrom, D1)
  assert.equal(report.previousRows[0]!.current.sessions, 21)
  assert.equal(report.total.current.lcpP75, null, 'vitals not asked for')
  const months = await computeKpis(ctx(), { from: '2026-03-15', to: '2026-04-10', grain: 'month' })
  assert.deepEqual(months.rows.map((r) => r.period), ['2026-03-01', '2026-04-01'])
  assert.deepEqual(months.previousRows.map((r) => r.period), ['2026-01-01', '2026-02-01'], 'as many whole months just before')
  assert.equal(months.total.current.sessions, 61)
  await assert.rejects(computeBreakdown(ctx(), { from: D2, to: D1, by: 'device' }), /début/)
  await assert.rejects(computeFunnel(ctx(), { from: D2, to: D1 }), /début/)
})

test('bad KPI queries are refused with a clear message', async () => {
  await assert.rejects(computeKpis(ctx(), { from: D2, to: D1 }), /début/)
  await assert.rejects(computeKpis(ctx(), { from: '2026-02-30x', to: D2 }))
  await assert.rejects(computeKpis(ctx(), { from: D1, to: D2, by: 'browser' as never }))
})

test('the roll-up leaves young events for the next run (an earlier INSERT may not be committed yet)', async () => {
  const rows = session(at(D2, 200), {}, [pv('home', '/fr/')])
  await insertEvents(database.db, rows)
  assert.equal((await rollUpEvents(ctx(), { lagSeconds: 60 })).events, 0)
  assert.equal((await rollUpEvents(ctx(), { lagSeconds: 0 })).events, 1)
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM analytics_sessions`.execute(database.db)
  assert.equal(n.rows[0]!.n, 21 + 40 + 1, 'the two vitals-only session ids make no session')
})

test('the recurring job rolls up, then deletes what the CNIL exemption does not let us keep', async () => {
  registerJobs(analyticsJobs)
  const old = session(at(D1, 300), {}, [pv('home', '/fr/')])
  await insertEvents(database.db, old)
  await sql`UPDATE events SET inserted_at = now() - interval '26 months' WHERE session_id = ${old[0]!.session_id}`.execute(database.db)
  await sql`INSERT INTO analytics_salts (day, salt) VALUES ('2026-01-01', 'old'), (CURRENT_DATE, 'today') ON CONFLICT DO NOTHING`.execute(database.db)
  await sql`INSERT INTO analytics_visitors (visitor_id, first_seen_at, first_channel) VALUES ('v_gone', now() - interval '14 months', 'seo')`.execute(database.db)
  await enqueueJob(database.db, { name: ANALYTICS_ROLLUP_JOB })
  assert.equal(await runDueJobs(database.db, { names: [ANALYTICS_ROLLUP_JOB] }), 1)
  const count = async (q: ReturnType<typeof sql>) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${q}`.execute(database.db)).rows[0]!.n
  assert.equal(await count(sql`events WHERE session_id = ${old[0]!.session_id}`), 0, 'raw events older than 25 months, once rolled up')
  assert.equal(await count(sql`analytics_sessions WHERE session_id = ${old[0]!.session_id}`), 1, 'its session (day 1) is still within 25 months')
  assert.equal(await count(sql`analytics_salts WHERE day < CURRENT_DATE`), 0, 'past salts: yesterday\'s pseudonyms can never be recomputed')
  assert.equal(await count(sql`analytics_salts WHERE day = CURRENT_DATE`), 1)
  assert.equal(await count(sql`analytics_visitors WHERE visitor_id = 'v_gone'`), 0, 'first touch forgotten after 13 months')
  assert.ok(await count(sql`events`) > 0, 'recent events stay')
})
