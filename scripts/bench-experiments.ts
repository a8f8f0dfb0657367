// `npm run bench:experiments -- [--events 10000000] [--visitors 1000000] [--days 28] [--runs 30] [--reuse-data]`
//
// Issue 7: an experiment's analysis under 1 s on real PostgreSQL with 10M events. Generates set-based
// (INSERT … SELECT generate_series, one statement per day, ids in time order) a running 50/50
// experiment: --visitors exposed over --days (20 % seen twice), a KNOWN true effect (conversion 3.0 %
// vs 3.45 %, add to cart 8.5 % vs 9 %, same basket), 5 % with orders in the 28 days before (CUPED),
// a quarter of buyers ordering again 3 days later, and page/product views up to --events in all.
// Then the module's own roll-up (timed, events/s), then analyseExperiment and the analysis page
// (analysisPageData + render, what the route does) --runs times: p50/p95, target < 1,000 ms; and
// whether the true effect is found. Database: a fresh `lakou_bench_experiments` on DATABASE_URL's
// server, or a throwaway one from scripts/ci/start-postgres.sh (stopped at the end).
// Results: stdout and bench-results/experiments-<date>.json.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { h } from 'preact'
import { analysisPageData } from '../src/http/admin/experiments.routes.ts'
import { PROJECT_ROOT } from '../src/kernel/config.ts'
import { systemCtx } from '../src/kernel/ctx.ts'
import type { Database } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { analyseExperiment, getExperiment, refreshExperimentVisitors, saveExperiment, startExperiment } from '../src/modules/experiments/index.ts'
import { ExperimentAnalysisPage } from '../src/web/admin/experiment-analysis-page.tsx'
import { renderDocument } from '../src/web/storefront/render.ts'
import { benchDatabase } from './lib/bench-database.ts'

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '10000000' }, visitors: { type: 'string', default: '1000000' }, days: { type: 'string', default: '28' }, runs: { type: 'string', default: '30' }, 'reuse-data': { type: 'boolean', default: false } } })
const VISITORS = Math.max(10_000, Number(args.visitors))
const DAYS = Math.max(7, Number(args.days))
const RUNS = Math.max(5, Number(args.runs))
const RATES = { control: 0.03, b: 0.0345 }
const ATC = { control: 0.085, b: 0.09 }
const TRUE_LIFT = RATES.b - RATES.control
// per visitor: 1 exposure + 0.2 repeat + 0.05 pre-period order + add to cart + order + 1/4 repeat order
const EXPOSURE_EVENTS = Math.round(VISITORS * (1.25 + (ATC.control + ATC.b) / 2 + ((RATES.control + RATES.b) / 2) * 1.25))
const EVENTS = Math.max(Number(args.events), EXPOSURE_EVENTS)
const FILLER_PER_DAY = Math.floor((EVENTS - EXPOSURE_EVENTS) / DAYS)
const TARGET_MS = 1000
const TODAY = new Date().toISOString().slice(0, 10)
const START = new Date(Date.parse(`${TODAY}T00:00:00Z`) - DAYS * 86_400_000)
const secs = (t: number) => (performance.now() - t) / 1000
const DB_NAME = 'lakou_bench_experiments'

/** Visitors first exposed on day d: a contiguous range of ids (their hash decides arm, time, behaviour). */
const rangeOf = (d: number) => [Math.floor((d * VISITORS) / DAYS) + 1, Math.floor(((d + 1) * VISITORS) / DAYS)] as const

/** One day of events in time order: exposures and outcomes of that day's visitors, repeat orders of day d-3's buyers, views. */
async function generateDay(database: Database, d: number): Promise<void> {
  const [lo, hi] = rangeOf(d)
  const [lo3, hi3] = d >= 3 ? rangeOf(d - 3) : [1, 0]
  const rate = sql`CASE arm WHEN 'control' THEN ${RATES.control}::float8 ELSE ${RATES.b}::float8 END`
  const atc = sql`CASE arm WHEN 'control' THEN ${ATC.control}::float8 ELSE ${ATC.b}::float8 END`
  await sql`
    WITH vis AS (
      SELECT i, dd, 'v_x' || i AS vid, r, ${START.toISOString()}::timestamptz + make_interval(days => dd, secs => (r % 86000)::int) AS t0,
             CASE WHEN (r / 7) % 2 = 0 THEN 'control' ELSE 'b' END AS arm, ((r / 101) % 100000) / 100000.0 AS u
        FROM (SELECT i, ${d}::int AS dd FROM generate_series(${lo}::bigint, ${hi}::bigint) i
              UNION ALL SELECT i, ${d - 3}::int FROM generate_series(${lo3}::bigint, ${hi3}::bigint) i) s
       CROSS JOIN LATERAL (SELECT abs(hashint8(i)) AS r) h
    ), x AS (
      SELECT t0 AS ts, 'experiment_exposure' AS type, vid, arm AS variant, NULL AS order_id, NULL::bigint AS value FROM vis WHERE dd = ${d}
      UNION ALL SELECT t0 + interval '10 minutes', 'experiment_exposure', vid, arm, NULL, NULL FROM vis WHERE dd = ${d} AND (r / 13) % 5 = 0
      UNION ALL SELECT t0 - make_interval(days => 1 + ((r / 17) % 27)::int), 'order', vid, NULL, 'ord_p' || i, 2000 + (r / 19) % 8000 FROM vis WHERE dd = ${d} AND (r / 23) % 20 = 0
      UNION ALL SELECT t0 + interval '5 minutes', 'add_to_cart', vid, NULL, NULL, NULL FROM vis WHERE dd = ${d} AND u < ${atc}
      UNION ALL SELECT t0 + interval '15 minutes', 'order', vid, NULL, 'ord_x' || i, 2500 + (r / 37) % 5000 FROM vis WHERE dd = ${d} AND u < ${rate}
      UNION ALL SELECT ${START.toISOString()}::timestamptz + make_interval(days => ${d}, secs => ((r / 3) % 86000)::int), 'order', vid, NULL, 'ord_r' || i, 2500 + (r / 41) % 5000
                  FROM vis WHERE dd = ${d - 3} AND u < ${rate} AND (r / 1009) % 4 = 0
      UNION ALL SELECT ${START.toISOString()}::timestamptz + make_interval(days => ${d}, secs => ((rk / 11) % 86400)::int),
                       CASE WHEN (rk / 7) % 2 = 0 THEN 'page_view' ELSE 'product_view' END,
                       CASE WHEN rk % 3 = 0 THEN 'v_x' || (${lo} + (rk / 3) % ${hi - lo + 1}) ELSE 'v_o' || ((rk / 5) % ${VISITORS * 3}) END, NULL, NULL, NULL
                  FROM generate_series(1, ${FILLER_PER_DAY}::bigint) k CROSS JOIN LATERAL (SELECT abs(hashint8(k + ${d}::bigint * 1000000000)) AS rk) hk
    )
    INSERT INTO events (occurred_at, received_at, type, visitor_id, session_id, consent, device, market, locale, path, page_type, channel, order_id, value_cents, experiment_key, variant_key)
    SELECT ts, ts, type, vid, 's_' || vid, true, 'mobile', 'FR-MAINLAND', 'fr', '/fr/p/x', 'product', 'direct', order_id, value,
           CASE WHEN type = 'experiment_exposure' THEN 'bench-reassurance' END, variant
      FROM x ORDER BY ts`.execute(database.db)
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!
const stat = (xs: number[]) => ({ p50: Math.round(pct(xs, 50) * 10) / 10, p95: Math.round(pct(xs, 95) * 10) / 10 })
async function timed(runs: number, f: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    ms.push(performance.now() - t)
  }
  return stat(ms)
}

async function main(): Promise<void> {
  const { database, stop } = await benchDatabase({ name: DB_NAME, reuse: args['reuse-data'], poolMax: 4 })
  try {
    await migrateToLatest(database.db)
    const ctx = systemCtx(database.db, 'bench-experiments')
    let generatedS: number | null = null, rollup: { s: number; events: number; batches: number; eventsPerSecond: number } | null = null
    if (!args['reuse-data']) {
      const startCtx = systemCtx(database.db, 'bench-experiments', { now: START })
      const saved = await saveExperiment(startCtx, {
        key: 'bench-reassurance', name: 'Réassurance (banc)', kind: 'experiment', surface: 'product_text', primaryMetric: 'conversion',
        guardrailMetrics: ['revenue_per_visitor', 'add_to_cart'], baselineRate: RATES.control, mde: 0.15,
        variants: [{ key: 'control', name: 'Témoin', weight: 50, config: {} }, { key: 'b', name: 'Livré en 48 h', weight: 50, config: { reassurance: 'Livré en 48 h' } }],
      })
      await startExperiment(startCtx, saved.id)
      console.log(`generating ~${EVENTS.toLocaleString('en')} events: ${VISITORS.toLocaleString('en')} exposed visitors over ${DAYS} days, ${FILLER_PER_DAY.toLocaleString('en')} views a day…`)
      let t = performance.now()
      for (let d = 0; d < DAYS; d++) {
        await generateDay(database, d)
        process.stdout.write(`\r  day ${d + 1} / ${DAYS} (${secs(t).toFixed(0)} s)`)
      }
      await sql`ANALYZE events`.execute(database.db)
      generatedS = secs(t)
      console.log(`\n  inserted in ${generatedS.toFixed(1)} s`)
      t = performance.now()
      const r = await refreshExperimentVisitors(ctx, { lagSeconds: 0, batchSize: 1_000_000, maxBatches: 1_000 })
      rollup = { s: Math.round(secs(t) * 10) / 10, events: r.events, batches: r.batches, eventsPerSecond: Math.round(r.events / secs(t)) }
      await sql`ANALYZE`.execute(database.db)
      console.log(`  roll-up: ${r.events.toLocaleString('en')} events in ${r.batches} batches, ${rollup.s} s (${rollup.eventsPerSecond.toLocaleString('en')} events/s)`)
    }
    const id = (await sql<{ id: string }>`SELECT id FROM experiments WHERE key = 'bench-reassurance'`.execute(database.db)).rows[0]!.id
    const e = (await getExperiment(ctx, id))!
    const counts = (await sql<{ events: string; visitors: string; daily: string }>`
      SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM experiment_visitors) AS visitors, (SELECT count(*) FROM experiment_daily) AS daily`.execute(database.db)).rows[0]!
    // the maintained totals must equal a fresh aggregate of the visitor rows
    const diff = (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        (SELECT experiment_id, day, variant_key, visitors, conversions, add_to_cart_visitors, revenue_cents, revenue_squares, pre_revenue_cents, pre_revenue_squares, revenue_x_pre FROM experiment_daily
         EXCEPT
         SELECT experiment_id, (first_exposed_at AT TIME ZONE 'UTC')::date, variant_key, count(*), count(*) FILTER (WHERE converted), count(*) FILTER (WHERE add_to_carts > 0),
                sum(revenue_cents), sum(revenue_cents::numeric * revenue_cents), sum(pre_revenue_cents), sum(pre_revenue_cents::numeric * pre_revenue_cents), sum(revenue_cents::numeric * pre_revenue_cents)
           FROM experiment_visitors GROUP BY 1, 2, 3)) d`.execute(database.db)).rows[0]!.n
    console.log(`  ${Number(counts.events).toLocaleString('en')} events, ${Number(counts.visitors).toLocaleString('en')} exposed visitors, ${counts.daily} daily rows; daily totals exact: ${diff === 0 ? 'yes' : `NO (${diff} rows differ)`}`)

    // before: the same sums aggregated from experiment_visitors on each call (what analyseExperiment did)
    const rawAggregate = await timed(3, () => sql`
      SELECT variant_key, (first_exposed_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE converted), count(*) FILTER (WHERE add_to_carts > 0),
             sum(revenue_cents::float8), sum(revenue_cents::float8 ^ 2), sum(pre_revenue_cents::float8), sum(pre_revenue_cents::float8 ^ 2), sum(revenue_cents::float8 * pre_revenue_cents::float8)
        FROM experiment_visitors WHERE experiment_id = ${id} GROUP BY 1, 2`.execute(database.db))
    const analysis = await timed(RUNS, () => analyseExperiment(ctx, e))
    const view = { staff: { name: 'Banc', email: 'banc@lakou.test', roles: ['director'] }, allowed: new Set(['dashboard.view', 'experiments.manage']), path: `/admin/experiences/${id}`, csrf: 'bench', asset: (n: string) => `/assets/${n}` }
    let bytes = 0
    const page = await timed(RUNS, async () => {
      bytes = renderDocument(h(ExperimentAnalysisPage, { view, experiment: e, ...(await analysisPageData(ctx, e)) })).length
    })
    const a = await analyseExperiment(ctx, e)
    const primary = a.comparisons[0]!.primary!.comparison!
    const detected = primary.absolute.pValue < e.alpha
    const covered = primary.absolute.ci[0] <= TRUE_LIFT && TRUE_LIFT <= primary.absolute.ci[1]
    const relCovered = primary.relative ? primary.relative.ci[0] <= TRUE_LIFT / RATES.control && TRUE_LIFT / RATES.control <= primary.relative.ci[1] : null
    console.log(`\nraw aggregate of experiment_visitors (before) p50/p95: ${rawAggregate.p50} / ${rawAggregate.p95} ms`)
    console.log(`analyseExperiment p50/p95: ${analysis.p50} / ${analysis.p95} ms; analysis page (data + render, ${bytes} bytes) p50/p95: ${page.p50} / ${page.p95} ms — target < ${TARGET_MS} ms: ${page.p95 < TARGET_MS ? 'met' : 'NOT met'}`)
    for (const v of a.variants) console.log(`  ${v.key.padEnd(8)} ${v.visitors.toLocaleString('en').padStart(9)} visitors, conversion ${((v.conversionRate ?? 0) * 100).toFixed(3)} % (true ${(RATES[v.key as 'b'] * 100).toFixed(2)} %), ${v.revenuePerVisitorCents} cents/visitor`)
    console.log(`true effect +${(TRUE_LIFT * 100).toFixed(2)} pt: estimate ${(primary.absolute.estimate * 100).toFixed(3)} pt, CI [${(primary.absolute.ci[0] * 100).toFixed(3)} ; ${(primary.absolute.ci[1] * 100).toFixed(3)}], p ${primary.absolute.pValue.toExponential(2)} — detected: ${detected ? 'yes' : 'NO'}, CI covers the truth: ${covered ? 'yes' : 'NO'}, relative CI covers +${((TRUE_LIFT / RATES.control) * 100).toFixed(0)} %: ${relCovered ? 'yes' : 'NO'}; SRM: ${a.srm?.srm ? 'ALARM' : 'no'}`)
    console.log(`(load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`)
    fs.mkdirSync(path.join(PROJECT_ROOT, 'bench-results'), { recursive: true })
    fs.writeFileSync(path.join(PROJECT_ROOT, 'bench-results', `experiments-${TODAY}.json`), JSON.stringify({
      date: new Date().toISOString(), db: 'postgres', events: Number(counts.events), exposedVisitors: Number(counts.visitors), dailyRows: Number(counts.daily), days: DAYS, runs: RUNS,
      generatedS, rollup, dailyExact: diff === 0, rawAggregateMs: rawAggregate, analyseExperimentMs: analysis, analysisPageMs: page, targetMs: TARGET_MS, met: page.p95 < TARGET_MS,
      trueEffect: { rates: RATES, absoluteLift: TRUE_LIFT }, found: { estimate: primary.absolute.estimate, ci: primary.absolute.ci, pValue: primary.absolute.pValue, detected, ciCoversTruth: covered, relativeCiCoversTruth: relCovered },
      variants: a.variants.map((v) => ({ key: v.key, visitors: v.visitors, conversionRate: v.conversionRate, revenuePerVisitorCents: v.revenuePerVisitorCents })),
      loadavg: os.loadavg(), cpus: os.cpus().length,
    }, null, 2))
  } finally {
    await stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
