// `npm run bench:dashboards -- [--events 10000000] [--orders 200000] [--days 365] [--runs 100]`
//
// The back-office dashboards at scale, on real PostgreSQL: --events raw events (8 per session) are
// generated set-based (INSERT … SELECT FROM generate_series), --orders of those sessions end with an
// order, then the analytics module's own roll-up (rollUpEvents) builds sessions and daily tables.
// Then each dashboard's data (the same loadBoard the pages call) and its charts (ECharts SSR) are
// timed --runs times: p50/p95 per dashboard. Target: p95 < 300 ms. The `orders` table gets the same
// --orders paid orders (one per ordering session, buyers ordering again now and then), since the
// repeat-purchase rate reads it.
// Database: a fresh `lakou_bench_dashboards` on DATABASE_URL's server, or a throwaway server from
// scripts/ci/start-postgres.sh (stopped at the end). Results: stdout and bench-results/dashboards-<date>.json.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadBoard, type Period } from '../src/http/admin/dashboards.routes.ts'
import { PROJECT_ROOT } from '../src/kernel/config.ts'
import { systemCtx } from '../src/kernel/ctx.ts'
import type { Database } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { rollUpEvents } from '../src/modules/analytics/index.ts'
import { forgetRenderedCharts, renderChartSvg } from '../src/web/charts/render-chart.ts'
import type { BoardId } from '../src/web/admin/dashboard-pages.tsx'
import { benchDatabase } from './lib/bench-database.ts'

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '10000000' }, orders: { type: 'string', default: '200000' }, days: { type: 'string', default: '365' }, runs: { type: 'string', default: '100' }, 'reuse-data': { type: 'boolean', default: false } } })
const EVENTS = Math.max(8000, Number(args.events))
const SESSIONS = Math.floor(EVENTS / 8)
const ORDERS = Math.min(SESSIONS, Number(args.orders))
const DAYS = Math.max(60, Number(args.days))
const RUNS = Math.max(5, Number(args.runs))
const TARGET_P95 = 300
const END = new Date().toISOString().slice(0, 10)
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`

/**
 * 8 events per session, sessions spread evenly over DAYS (ids in day order, so each roll-up batch
 * touches few days): landing page, LCP, product view from a listing, a search (9 % without result),
 * a product or search page, then add to cart / checkout / order for some sessions (web vitals otherwise).
 */
async function generateEvents(database: Database): Promise<void> {
  const orderPerMille = Math.round((ORDERS / SESSIONS) * 1000)
  const cartPerMille = Math.min(1000, orderPerMille + 140)
  const checkoutPerMille = Math.min(1000, orderPerMille + 60)
  const chunk = 250_000
  for (let from = 1; from <= SESSIONS; from += chunk) {
    const to = Math.min(SESSIONS, from + chunk - 1)
    await sql`
      INSERT INTO events (occurred_at, received_at, type, visitor_id, session_id, consent, device, market, locale, path, page_type, from_page_type,
                          channel, product_id, query, result_count, order_id, value_cents, step, metric, metric_value)
      SELECT ts, ts, t.type, 'v_b' || (s % ${Math.max(1, Math.floor(SESSIONS / 3))}), 's_b' || s, r % 10 < 6,
             (ARRAY['mobile','desktop','tablet'])[1 + (r / 10000) % 3], CASE WHEN (r / 100000) % 4 = 0 THEN 'GP' ELSE 'FR-MAINLAND' END, 'fr', '/fr/x',
             t.page_type, t.from_pt, CASE WHEN k = 0 THEN (ARRAY['seo','direct','social','sea','email','paid_social','referral','influencer','affiliate','display'])[1 + (r / 1000) % 10] ELSE 'direct' END,
             CASE WHEN t.type IN ('product_view', 'add_to_cart') THEN 'SKU-' || (r % 500) END,
             CASE WHEN t.type = 'search' THEN 'rhum' END, CASE WHEN t.type = 'search' THEN CASE WHEN (r / 17) % 100 < 9 THEN 0 ELSE 12 END END,
             CASE WHEN t.type = 'order' THEN 'ord_bench_' || s END, CASE WHEN t.type = 'order' THEN 2500 + (r / 37) % 12000 END,
             CASE WHEN t.type = 'checkout_step' THEN 'cart' END, t.metric,
             CASE t.metric WHEN 'LCP' THEN 1200 + (r / 13) % 3000 WHEN 'INP' THEN 80 + (r / 23) % 300 WHEN 'CLS' THEN ((r / 31) % 300) / 1000.0 END
        FROM generate_series(${from}::bigint, ${to}::bigint) s
       CROSS JOIN LATERAL (SELECT abs(hashint8(s)) AS r) h
       CROSS JOIN LATERAL (SELECT ${END}::date - ${DAYS - 1}::int + ((s - 1) * ${DAYS} / ${SESSIONS})::int AS day) d
       CROSS JOIN generate_series(0, 7) k
       CROSS JOIN LATERAL (SELECT d.day + make_interval(secs => (r / 7) % 80000 + k * 30) AS ts) w
       CROSS JOIN LATERAL (SELECT * FROM (VALUES
         (0, 'page_view', 'category', NULL, NULL),
         (1, 'web_vital', NULL, NULL, 'LCP'),
         (2, 'product_view', 'product', 'category', NULL),
         (3, 'search', 'search', NULL, NULL),
         (4, 'page_view', CASE WHEN (r / 19) % 10 = 0 THEN 'search' ELSE 'product' END, NULL, NULL),
         (5, CASE WHEN r % 1000 < ${cartPerMille} THEN 'add_to_cart' ELSE 'web_vital' END, NULL, NULL, CASE WHEN r % 1000 < ${cartPerMille} THEN NULL ELSE 'INP' END),
         (6, CASE WHEN r % 1000 < ${checkoutPerMille} THEN 'checkout_step' ELSE 'web_vital' END, NULL, NULL, CASE WHEN r % 1000 < ${checkoutPerMille} THEN NULL ELSE 'CLS' END),
         (7, CASE WHEN r % 1000 < ${orderPerMille} THEN 'order' ELSE 'page_view' END, CASE WHEN r % 1000 < ${orderPerMille} THEN 'confirmation' ELSE 'home' END, NULL, NULL)
       ) v(kk, type, page_type, from_pt, metric) WHERE kk = k) t`.execute(database.db)
    process.stdout.write(`\r  events: ${(to * 8).toLocaleString('en')} / ${(SESSIONS * 8).toLocaleString('en')}`)
  }
  process.stdout.write('\n')
}

/** The paid orders of the generated sessions (same ids, days and amounts), for the repeat-purchase rate. */
async function generateOrders(database: Database): Promise<number> {
  await sql`
    INSERT INTO territories (code, name_fr, name_en, vat_territory, eu_vat_territory, eu_customs_territory, is_market)
    VALUES ('GP', 'Guadeloupe', 'Guadeloupe', 'FR_DOM', false, false, true), ('FR-MAINLAND', 'France', 'France', 'FR_METRO', true, true, true)
    ON CONFLICT (code) DO NOTHING`.execute(database.db)
  const r = await sql`
    INSERT INTO orders (id, number, status, email, locale, market, zone, ship_to, bill_to, shipping_method_code, shipping_method_name,
                        promise_from, promise_to, goods_gross, shipping_gross, total_net, total_vat, total_gross, tax_summary,
                        payment_method, idempotency_key, placed_at, paid_at)
    SELECT e.order_id, 'B' || e.id, 'delivered', 'buyer' || (abs(hashtext(e.session_id)) % ${Math.max(1, Math.floor(ORDERS * 0.8))}) || '@bench.example',
           'fr', e.market, e.market, '{}', '{}', 'colissimo', 'Colissimo', e.occurred_at::date + 2, e.occurred_at::date + 5,
           e.value_cents, 0, e.value_cents - e.value_cents / 6, e.value_cents / 6, e.value_cents, '{}', 'card', e.order_id, e.occurred_at, e.occurred_at
      FROM events e WHERE e.type = 'order'
    ON CONFLICT (id) DO NOTHING`.execute(database.db)
  return Number(r.numAffectedRows ?? 0)
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!
const stat = (xs: number[]) => ({ p50: Math.round(pct(xs, 50) * 10) / 10, p95: Math.round(pct(xs, 95) * 10) / 10 })

async function main(): Promise<void> {
  const { database, stop } = await benchDatabase({ name: 'lakou_bench_dashboards', reuse: args['reuse-data'], poolMax: 4 })
  const results: Record<string, unknown>[] = []
  try {
    await migrateToLatest(database.db)
    let t = performance.now()
    const ctx = systemCtx(database.db, 'bench-dashboards')
    let generated = 'reused', rolled = 'reused'
    if (!args['reuse-data']) {
    console.log(`generating ${(SESSIONS * 8).toLocaleString('en')} events (${SESSIONS.toLocaleString('en')} sessions, ~${ORDERS.toLocaleString('en')} orders, ${DAYS} days)…`)
    await generateEvents(database)
    const orders = await generateOrders(database)
    generated = secs(t)
    console.log(`  inserted in ${generated}, with ${orders.toLocaleString('en')} paid orders`)
    t = performance.now()
    const r = await rollUpEvents(ctx, { lagSeconds: 0, batchSize: 1_000_000, maxBatches: 1_000 })
    await sql`ANALYZE`.execute(database.db)
    rolled = secs(t)
    console.log(`  rolled up ${r.events.toLocaleString('en')} events in ${r.batches} batches, ${rolled}`)
    }
    const counts = (await sql<{ sessions: string; daily: string; orders: string }>`SELECT (SELECT count(*) FROM analytics_sessions) AS sessions, (SELECT count(*) FROM analytics_daily) AS daily, (SELECT sum(orders) FROM analytics_daily WHERE touch = 'last') AS orders`.execute(database.db)).rows[0]!
    console.log(`  roll-up: ${counts.sessions} sessions, ${counts.daily} daily rows, ${counts.orders} orders`)

    const allowed = new Set(['orders.read', 'dashboard.view'])
    const cases: { name: string; board: BoardId; period: Period }[] = [
      { name: 'site 28 j / jour', board: 'site', period: { from: addDays(END, -27), to: END, grain: 'day', touch: 'last' } },
      { name: 'analyse 28 j (dernier contact)', board: 'analyse', period: { from: addDays(END, -27), to: END, grain: 'day', touch: 'last' } },
      { name: 'analyse 28 j (premier contact)', board: 'analyse', period: { from: addDays(END, -27), to: END, grain: 'day', touch: 'first' } },
      { name: 'direction 28 j / jour', board: 'direction', period: { from: addDays(END, -27), to: END, grain: 'day', touch: 'last' } },
      { name: 'site 1 an / semaine', board: 'site', period: { from: addDays(END, -364), to: END, grain: 'week', touch: 'last' } },
      { name: 'direction 1 an / mois', board: 'direction', period: { from: addDays(END, -364), to: END, grain: 'month', touch: 'last' } },
    ]
    console.log(`\n${'dashboard'.padEnd(34)} ${'data p50/p95 ms'.padEnd(18)} ${'charts p50/p95 ms'.padEnd(19)} total p95  again p95     charts`)
    for (const c of cases) {
      const data: number[] = [], render: number[] = [], total: number[] = [], warm: number[] = []
      let charts = 0
      for (let i = 0; i < RUNS; i++) {
        forgetRenderedCharts() // every run draws its charts anew (new numbers after a roll-up)
        const t0 = performance.now()
        const board = await loadBoard(ctx, c.board, c.period, allowed)
        const t1 = performance.now()
        for (const m of board.models) renderChartSvg(m)
        const t2 = performance.now()
        for (const m of board.models) renderChartSvg(m) // the same page viewed again before the next roll-up
        warm.push(t1 - t0 + performance.now() - t2)
        charts = board.models.length
        data.push(t1 - t0)
        render.push(t2 - t1)
        total.push(t2 - t0)
      }
      const row = { name: c.name, charts, data: stat(data), render: stat(render), total: stat(total), again: stat(warm), perChartP50: Math.round((pct(render, 50) / charts) * 10) / 10 }
      results.push(row)
      console.log(`${c.name.padEnd(34)} ${`${row.data.p50} / ${row.data.p95}`.padEnd(18)} ${`${row.render.p50} / ${row.render.p95}`.padEnd(19)} ${String(row.total.p95).padEnd(10)} ${String(row.again.p95).padEnd(12)} ${charts} (${row.perChartP50} ms each)`)
    }
    const worst = (k: 'data' | 'total') => Math.max(...results.map((x) => (x[k] as { p95: number }).p95))
    const verdict = (ms: number) => `${ms} ms — target < ${TARGET_P95} ms: ${ms < TARGET_P95 ? 'met' : 'NOT met'}`
    console.log(`\nworst data p95 ${verdict(worst('data'))}; worst page p95 (data + charts drawn anew) ${verdict(worst('total'))} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`)
    fs.mkdirSync(path.join(PROJECT_ROOT, 'bench-results'), { recursive: true })
    fs.writeFileSync(path.join(PROJECT_ROOT, 'bench-results', `dashboards-${END}.json`), JSON.stringify({ date: new Date().toISOString(), events: SESSIONS * 8, sessions: SESSIONS, orders: counts.orders, days: DAYS, generated, rolled, runs: RUNS, loadavg: os.loadavg(), results }, null, 2))
  } finally {
    await stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
