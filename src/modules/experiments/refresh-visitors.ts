import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { Db } from '../../kernel/db/client.ts'

export type RefreshOptions = {
  /** events per transaction */
  batchSize?: number
  /** events younger than this (insert time) wait: an INSERT with an earlier id may still be uncommitted */
  lagSeconds?: number
  maxBatches?: number
  /** another run holds the lock (the job on a big batch): return at once instead of waiting (page loads) */
  skipIfBusy?: boolean
}

export type RefreshResult = { events: number; batches: number; watermark: number; busy?: boolean }

/**
 * Rolls exposures and outcomes (orders, add to cart) up into experiment_visitors, from the
 * watermark on, one transaction per batch holding the state row's lock (two runs take turns, an
 * event counts once). Set-based: a visitor first exposed in the batch gets their outcomes and
 * 28-day pre-period revenue recomputed from the events (partial index on visitor and time); the
 * others add the batch's outcome events. Outcomes count from the first exposure until the stop.
 * experiment_daily (the analysis' input) stays exact in the same transaction: the batch's possibly
 * changed visitors are subtracted from it before the updates and added back after.
 */
export async function refreshExperimentVisitors(ctx: Ctx, opts: RefreshOptions = {}): Promise<RefreshResult> {
  let events = 0
  let batches = 0
  let watermark = 0
  for (let i = 0; i < (opts.maxBatches ?? 100); i++) {
    const r = await ctx.db.transaction().execute((tx) => refreshBatch(tx, opts.batchSize ?? 50_000, opts.lagSeconds ?? 5, opts.skipIfBusy ?? false))
    if (r === 'busy') return { events, batches, watermark, busy: true }
    watermark = r.watermark
    if (r.events === 0) break
    events += r.events
    batches += 1
  }
  return { events, batches, watermark }
}

/**
 * Every (experiment, visitor) row the batch can change: exposures in the batch (only these can insert
 * rows) and known visitors with an outcome in it. The same set before and after the updates.
 */
const batchVisitors = (from: number, upto: number) => sql`(
  SELECT x.id AS experiment_id, e.visitor_id FROM events e JOIN experiments x ON x.key = e.experiment_key AND x.started_at IS NOT NULL
   WHERE e.id > ${from} AND e.id <= ${upto} AND e.type = 'experiment_exposure'
  UNION
  SELECT w.experiment_id, w.visitor_id FROM events e JOIN experiment_visitors w ON w.visitor_id = e.visitor_id
   WHERE e.id > ${from} AND e.id <= ${upto} AND e.type IN ('order', 'add_to_cart'))`

/** Adds (sign 1) or removes (sign -1) the batch's visitors' current figures to or from experiment_daily. */
async function applyToDaily(tx: Db, sign: 1 | -1, from: number, upto: number): Promise<void> {
  const k = sql.lit(sign)
  await sql`
    INSERT INTO experiment_daily AS d (experiment_id, day, variant_key, visitors, conversions, add_to_cart_visitors,
                                       revenue_cents, revenue_squares, pre_revenue_cents, pre_revenue_squares, revenue_x_pre)
    SELECT w.experiment_id, (w.first_exposed_at AT TIME ZONE 'UTC')::date, w.variant_key,
           ${k} * count(*), ${k} * count(*) FILTER (WHERE w.converted), ${k} * count(*) FILTER (WHERE w.add_to_carts > 0),
           ${k} * sum(w.revenue_cents), ${k} * sum(w.revenue_cents::numeric * w.revenue_cents),
           ${k} * sum(w.pre_revenue_cents), ${k} * sum(w.pre_revenue_cents::numeric * w.pre_revenue_cents), ${k} * sum(w.revenue_cents::numeric * w.pre_revenue_cents)
      FROM ${batchVisitors(from, upto)} b
      JOIN experiment_visitors w ON w.experiment_id = b.experiment_id AND w.visitor_id = b.visitor_id
     GROUP BY 1, 2, 3
    ON CONFLICT (experiment_id, day, variant_key) DO UPDATE SET
       visitors = d.visitors + excluded.visitors, conversions = d.conversions + excluded.conversions,
       add_to_cart_visitors = d.add_to_cart_visitors + excluded.add_to_cart_visitors, revenue_cents = d.revenue_cents + excluded.revenue_cents,
       revenue_squares = d.revenue_squares + excluded.revenue_squares, pre_revenue_cents = d.pre_revenue_cents + excluded.pre_revenue_cents,
       pre_revenue_squares = d.pre_revenue_squares + excluded.pre_revenue_squares, revenue_x_pre = d.revenue_x_pre + excluded.revenue_x_pre`.execute(tx)
}

async function refreshBatch(tx: Db, batchSize: number, lag: number, skipIfBusy: boolean): Promise<{ events: number; watermark: number } | 'busy'> {
  const state = skipIfBusy
    ? await sql<{ last_event_id: number }>`SELECT last_event_id FROM experiment_rollup_state WHERE id = 1 FOR UPDATE SKIP LOCKED`.execute(tx)
    : await sql<{ last_event_id: number }>`SELECT last_event_id FROM experiment_rollup_state WHERE id = 1 FOR UPDATE`.execute(tx)
  if (!state.rows.length && skipIfBusy) return 'busy'
  const from = Number(state.rows[0]?.last_event_id ?? 0)
  const bound = await sql<{ upto: number | null }>`
    WITH cand AS (SELECT id, inserted_at FROM events WHERE id > ${from} ORDER BY id LIMIT ${batchSize})
    SELECT coalesce((SELECT min(id) - 1 FROM cand WHERE inserted_at > now() - make_interval(secs => ${lag})), (SELECT max(id) FROM cand)) AS upto`.execute(tx)
  const upto = Number(bound.rows[0]?.upto ?? from)
  if (upto <= from) return { events: 0, watermark: from }
  // statements planned for this batch's bounds, not a generic plan of an earlier one (prepared-pool.ts)
  await sql`SET LOCAL plan_cache_mode = force_custom_plan`.execute(tx)
  await applyToDaily(tx, -1, from, upto)

  // 1. first exposures (within the experiment's run); an earlier one replaces a later one
  const touched = await sql<{ experiment_id: string; visitor_id: string }>`
    INSERT INTO experiment_visitors AS v (experiment_id, visitor_id, variant_key, first_exposed_at)
    SELECT DISTINCT ON (x.id, e.visitor_id) x.id, e.visitor_id, e.variant_key, e.occurred_at
      FROM events e JOIN experiments x ON x.key = e.experiment_key AND x.started_at IS NOT NULL
     WHERE e.id > ${from} AND e.id <= ${upto} AND e.type = 'experiment_exposure' AND e.variant_key IS NOT NULL
       AND e.occurred_at >= x.started_at AND (x.stopped_at IS NULL OR e.occurred_at <= x.stopped_at)
     ORDER BY x.id, e.visitor_id, e.occurred_at, e.id
    ON CONFLICT (experiment_id, visitor_id) DO UPDATE SET first_exposed_at = excluded.first_exposed_at, variant_key = excluded.variant_key
     WHERE excluded.first_exposed_at < v.first_exposed_at
    RETURNING v.experiment_id, v.visitor_id`.execute(tx)
  const expIds = touched.rows.map((r) => r.experiment_id)
  const visIds = touched.rows.map((r) => r.visitor_id)
  const touchedSet = sql`(SELECT * FROM unnest(${expIds}::text[], ${visIds}::text[]) AS t(experiment_id, visitor_id))`

  // 2. visitors already known: add this batch's outcomes
  await sql`
    UPDATE experiment_visitors v
       SET orders = v.orders + s.orders, add_to_carts = v.add_to_carts + s.add_to_carts, revenue_cents = v.revenue_cents + s.revenue,
           converted = v.converted OR s.orders > 0
      FROM (SELECT w.experiment_id, w.visitor_id,
                   count(*) FILTER (WHERE e.type = 'order')::int AS orders,
                   count(*) FILTER (WHERE e.type = 'add_to_cart')::int AS add_to_carts,
                   coalesce(sum(e.value_cents) FILTER (WHERE e.type = 'order'), 0) AS revenue
              FROM events e
              JOIN experiment_visitors w ON w.visitor_id = e.visitor_id
              JOIN experiments x ON x.id = w.experiment_id
             WHERE e.id > ${from} AND e.id <= ${upto} AND e.type IN ('order', 'add_to_cart')
               AND e.occurred_at >= w.first_exposed_at AND (x.stopped_at IS NULL OR e.occurred_at <= x.stopped_at)
               AND NOT EXISTS (SELECT 1 FROM ${touchedSet} t WHERE t.experiment_id = w.experiment_id AND t.visitor_id = w.visitor_id)
             GROUP BY 1, 2) s
     WHERE v.experiment_id = s.experiment_id AND v.visitor_id = s.visitor_id`.execute(tx)

  // 3. visitors first exposed now: outcomes since exposure and the 28-day pre-period, from every event up to the batch
  if (touched.rows.length) {
    await sql`
      UPDATE experiment_visitors v
         SET orders = s.orders, add_to_carts = s.add_to_carts, revenue_cents = s.revenue, pre_revenue_cents = s.pre, converted = s.orders > 0
        FROM (SELECT w.experiment_id, w.visitor_id,
                     count(e.id) FILTER (WHERE e.type = 'order' AND e.occurred_at >= w.first_exposed_at)::int AS orders,
                     count(e.id) FILTER (WHERE e.type = 'add_to_cart' AND e.occurred_at >= w.first_exposed_at)::int AS add_to_carts,
                     coalesce(sum(e.value_cents) FILTER (WHERE e.type = 'order' AND e.occurred_at >= w.first_exposed_at), 0) AS revenue,
                     coalesce(sum(e.value_cents) FILTER (WHERE e.type = 'order' AND e.occurred_at < w.first_exposed_at), 0) AS pre
                FROM ${touchedSet} t
                JOIN experiment_visitors w ON w.experiment_id = t.experiment_id AND w.visitor_id = t.visitor_id
                JOIN experiments x ON x.id = w.experiment_id
                LEFT JOIN events e ON e.visitor_id = w.visitor_id AND e.type IN ('order', 'add_to_cart') AND e.id <= ${upto}
                     AND e.occurred_at >= w.first_exposed_at - interval '28 days' AND (x.stopped_at IS NULL OR e.occurred_at <= x.stopped_at)
               GROUP BY 1, 2) s
       WHERE v.experiment_id = s.experiment_id AND v.visitor_id = s.visitor_id`.execute(tx)
  }
  await applyToDaily(tx, 1, from, upto)
  // a visitor re-exposed earlier may leave an emptied (all zero) day behind
  await sql`DELETE FROM experiment_daily WHERE visitors = 0`.execute(tx)
  await sql`UPDATE experiment_rollup_state SET last_event_id = ${upto}, last_run_at = now() WHERE id = 1`.execute(tx)
  return { events: upto - from, watermark: upto }
}

export type RollupFreshness = {
  /** events up to this id are in the figures */
  watermark: number
  /** when the last event included was received (null: no event yet, or purged) */
  coveredUntil: Date | null
  lastRunAt: Date | null
  /** events received since, not yet in the figures (upper bound: ids may have gaps) */
  pendingEvents: number
}

/** How fresh the roll-up is, for the analysis page (two index lookups). */
export async function rollupFreshness(ctx: Ctx): Promise<RollupFreshness> {
  const r = await sql<{ last_event_id: string; last_run_at: Date | null; covered: Date | null; last_id: string | null }>`
    SELECT s.last_event_id, s.last_run_at, (SELECT inserted_at FROM events WHERE id = s.last_event_id) AS covered, (SELECT max(id) FROM events) AS last_id
      FROM experiment_rollup_state s WHERE s.id = 1`.execute(ctx.db)
  const row = r.rows[0]
  const watermark = Number(row?.last_event_id ?? 0)
  return { watermark, coveredUntil: row?.covered ?? null, lastRunAt: row?.last_run_at ?? null, pendingEvents: Math.max(0, Number(row?.last_id ?? 0) - watermark) }
}
