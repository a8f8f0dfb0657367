import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { PROJECT_ROOT } from '../../kernel/config.ts'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { insertEvents, type EventRow } from '../analytics/index.ts'
import { analyseExperiment, analysisOf, type DailySums } from './analyse-experiment.ts'
import { getExperiment, saveExperiment, startExperiment } from './index.ts'
import { refreshExperimentVisitors, rollupFreshness } from './refresh-visitors.ts'
import { seededSampler } from './stats/index.ts'

// experiment_daily (what the analysis reads) must stay equal to the aggregate of experiment_visitors
// whatever the batches: exposures, later outcomes, a visitor re-exposed earlier, several refreshes.

let database: Database
before(async () => {
  database = await testDatabase({ seed: false })
})
after(async () => database?.close())

const T0 = new Date('2026-04-06T22:00:00Z') // close to midnight: re-exposures move visitors across UTC days
const HOUR = 3_600_000
const ctx = (): Ctx => systemCtx(database.db, 'test', { now: new Date(T0.getTime() + 30 * 24 * HOUR) })

let seq = 0
function ev(type: EventRow['type'], visitor: string, at: Date, extra: Partial<EventRow> = {}): EventRow {
  return {
    occurred_at: at, received_at: at, type, visitor_id: visitor, session_id: `s_${visitor.slice(2)}`, consent: true, device: 'mobile', market: 'GP', locale: 'fr',
    path: '/fr/p/x', page_type: 'product', from_page_type: null, referrer_host: null, utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null, utm_term: null,
    channel: 'direct', product_id: null, query: null, result_count: null, order_id: type === 'order' ? `ord_d${++seq}` : null, value_cents: null, step: null, metric: null, metric_value: null,
    experiment_key: null, variant_key: null, ...extra,
  }
}

/** The same shape as experiment_daily, computed from experiment_visitors (exact numeric sums). */
async function dailyFromVisitors(experimentId: string) {
  return (await sql<Record<string, string | number>>`
    SELECT to_char((first_exposed_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, variant_key, count(*)::int AS visitors, count(*) FILTER (WHERE converted)::int AS conversions,
           count(*) FILTER (WHERE add_to_carts > 0)::int AS atc, sum(revenue_cents)::text AS y, sum(revenue_cents::numeric * revenue_cents)::text AS y2,
           sum(pre_revenue_cents)::text AS x, sum(pre_revenue_cents::numeric * pre_revenue_cents)::text AS x2, sum(revenue_cents::numeric * pre_revenue_cents)::text AS xy
      FROM experiment_visitors WHERE experiment_id = ${experimentId} GROUP BY 1, 2 ORDER BY 1, 2`.execute(database.db)).rows
}
async function dailyTable(experimentId: string) {
  return (await sql<Record<string, string | number>>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, variant_key, visitors, conversions, add_to_cart_visitors AS atc, revenue_cents::text AS y, revenue_squares::text AS y2,
           pre_revenue_cents::text AS x, pre_revenue_squares::text AS x2, revenue_x_pre::text AS xy
      FROM experiment_daily WHERE experiment_id = ${experimentId} ORDER BY 1, 2`.execute(database.db)).rows
}
const asSums = (rows: Record<string, string | number>[]): DailySums[] => rows.map((r) => ({
  variant: String(r.variant_key), day: String(r.day),
  s: { n: Number(r.visitors), conv: Number(r.conversions), atc: Number(r.atc), y: Number(r.y), y2: Number(r.y2), x: Number(r.x), x2: Number(r.x2), xy: Number(r.xy) },
}))

test('after random batches (exposures, later orders and add to carts, visitors re-exposed earlier) the daily totals equal the visitors aggregate, and so does the analysis', async () => {
  const saved = await saveExperiment(systemCtx(database.db, 'test', { now: T0 }), {
    key: 'quotidien', name: 'Quotidien', kind: 'experiment', surface: 'product_text', primaryMetric: 'conversion', guardrailMetrics: ['revenue_per_visitor', 'add_to_cart'], baselineRate: 0.1, mde: 0.2,
    variants: [{ key: 'control', name: 'Témoin', weight: 50, config: {} }, { key: 'b', name: 'B', weight: 50, config: { reassurance: 'Livré en 48 h' } }],
  })
  await startExperiment(systemCtx(database.db, 'test', { now: T0 }), saved.id)
  const e = (await getExperiment(ctx(), saved.id))!
  const s = seededSampler(42)
  const at = (hours: number) => new Date(T0.getTime() + hours * HOUR + Math.floor(s.uniform() * 1000))
  const first = new Map<string, { at: number; variant: string }>()
  const expose = (v: string, variant: string, t: Date) => {
    const known = first.get(v)
    // an exposure before the start does not count (the test was not running)
    if (t >= T0 && (!known || t.getTime() < known.at)) first.set(v, { at: t.getTime(), variant })
    return ev('experiment_exposure', v, t, { experiment_key: 'quotidien', variant_key: variant })
  }

  // 6 waves; each batch of the roll-up sees a different mix of new exposures and outcomes of older ones
  for (let wave = 0; wave < 6; wave++) {
    const rows: EventRow[] = []
    for (let i = 0; i < 150; i++) {
      const v = `v_w${wave}n${i}`
      const variant = s.uniform() < 0.5 ? 'control' : 'b'
      const t = at(wave * 9 + s.uniform() * 8)
      if (s.uniform() < 0.3) rows.push(ev('order', v, new Date(t.getTime() - 3 * 24 * HOUR), { value_cents: 1000 + Math.floor(s.uniform() * 9000) })) // pre-period
      rows.push(expose(v, variant, t))
      if (s.uniform() < 0.25) rows.push(ev('add_to_cart', v, new Date(t.getTime() + 60_000)))
      if (s.uniform() < 0.12) rows.push(ev('order', v, new Date(t.getTime() + 120_000), { value_cents: 500 + Math.floor(s.uniform() * 20_000) }))
    }
    // visitors of earlier waves come back: more orders, add to carts, and some were in fact shown the other variant earlier
    for (let back = 0; back < wave; back++) {
      for (let i = 0; i < 150; i += 7) {
        const v = `v_w${back}n${(i + wave) % 150}`
        const r = s.uniform()
        if (r < 0.4) rows.push(ev('order', v, at(wave * 9 + 8), { value_cents: 700 + Math.floor(s.uniform() * 5000) }))
        else if (r < 0.7) rows.push(ev('add_to_cart', v, at(wave * 9 + 8)))
        else if (r < 0.85) rows.push(expose(v, s.uniform() < 0.5 ? 'control' : 'b', new Date((first.get(v)?.at ?? T0.getTime()) - 5 * HOUR)))
      }
    }
    rows.push(ev('order', `v_never${wave}`, at(wave * 9 + 1), { value_cents: 4200 })) // never exposed: counts nowhere
    rows.push(expose(`v_early${wave}`, 'b', new Date(T0.getTime() - 10 * 24 * HOUR))) // before the start: ignored
    // shuffled: ids no longer follow times, as with several web servers
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(s.uniform() * (i + 1))
      ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
    }
    await insertEvents(database.db, rows)
    await refreshExperimentVisitors(ctx(), { lagSeconds: 0, batchSize: 50 + Math.floor(s.uniform() * 300) })
    assert.deepEqual(await dailyTable(e.id), await dailyFromVisitors(e.id), `wave ${wave}: experiment_daily equals the visitors aggregate`)
  }

  // the visitors rolled up are the exposed ones, each on the variant of their earliest exposure
  const expected = { control: 0, b: 0 } as Record<string, number>
  for (const f of first.values()) expected[f.variant]! += 1
  const analysis = await analyseExperiment(ctx(), e)
  assert.deepEqual(Object.fromEntries(analysis.variants.map((v) => [v.key, v.visitors])), expected)
  assert.ok((await dailyTable(e.id)).length >= 6, 'several days of first exposure')
  // identical to the analysis computed from the raw visitor rows
  assert.deepEqual(analysis, analysisOf(e, asSums(await dailyFromVisitors(e.id))))
  assert.ok(analysis.comparisons[0]!.guardrails.every((g) => g.comparison !== null), 'every metric computed')

  // the migration's backfill builds the same table from experiment_visitors
  const before = await dailyTable(e.id)
  const migration = fs.readFileSync(path.join(PROJECT_ROOT, 'migrations/0022_experiment_daily.sql'), 'utf8')
  await sql`DELETE FROM experiment_daily`.execute(database.db)
  await sql.raw(migration.slice(migration.indexOf('INSERT INTO experiment_daily'))).execute(database.db)
  assert.deepEqual(await dailyTable(e.id), before)
})

test('the freshness of the figures: events waiting are counted until a refresh includes them', async () => {
  await refreshExperimentVisitors(ctx(), { lagSeconds: 0 })
  const done = await rollupFreshness(ctx())
  assert.equal(done.pendingEvents, 0)
  assert.ok(done.coveredUntil instanceof Date && done.lastRunAt instanceof Date)
  await insertEvents(database.db, [ev('page_view', 'v_fresh1', T0), ev('page_view', 'v_fresh2', T0), ev('page_view', 'v_fresh3', T0)])
  assert.equal((await rollupFreshness(ctx())).pendingEvents, 3)
  // one small batch at a time (what the page allows itself): the rest waits for the job
  const one = await refreshExperimentVisitors(ctx(), { lagSeconds: 0, batchSize: 2, maxBatches: 1 })
  assert.equal(one.events, 2)
  assert.equal((await rollupFreshness(ctx())).pendingEvents, 1)
  assert.equal((await refreshExperimentVisitors(ctx(), { lagSeconds: 0, skipIfBusy: true })).events, 1, 'nobody else holds the lock: it runs')
  assert.equal((await rollupFreshness(ctx())).watermark, done.watermark + 3)
})

test('while the job holds the roll-up, a page load does not wait for it', async (t) => {
  if (database.kind !== 'postgres') return t.skip('PostgreSQL only (PGlite runs one transaction at a time)')
  await insertEvents(database.db, [ev('page_view', 'v_busy1', T0)])
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  let locked!: () => void
  const isLocked = new Promise<void>((r) => (locked = r))
  const job = database.db.transaction().execute(async (tx) => {
    await sql`SELECT 1 FROM experiment_rollup_state WHERE id = 1 FOR UPDATE`.execute(tx)
    locked()
    await held
  })
  await isLocked
  const page = await refreshExperimentVisitors(ctx(), { lagSeconds: 0, maxBatches: 1, skipIfBusy: true })
  assert.deepEqual([page.busy, page.events], [true, 0])
  release()
  await job
  assert.equal((await refreshExperimentVisitors(ctx(), { lagSeconds: 0, skipIfBusy: true })).events, 1, 'free again: it runs')
})
