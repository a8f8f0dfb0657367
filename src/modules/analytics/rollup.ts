import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { Db } from '../../kernel/db/client.ts'
import { LISTING_PAGE_TYPES } from './beacon.ts'
import { shopTimeZone } from '../invoicing/index.ts'
import { rollUpOrders } from './rollup-orders.ts'
import { bucketSql, growingBucketSql } from './vitals.ts'

export type RollupOptions = {
  /** events per transaction */
  batchSize?: number
  /** events younger than this (by their insert time) wait for the next run: an INSERT with an
   *  earlier id may still be uncommitted, and the watermark must never pass it */
  lagSeconds?: number
  /** at most this many batches per run (the job runs again in a minute) */
  maxBatches?: number
}

export type RollupResult = { events: number; batches: number; watermark: number }

const LISTINGS = sql.raw(LISTING_PAGE_TYPES.map((t) => `'${t}'`).join(', '))
/** The shop's calendar day of a timestamp column. */
const dayOf = (col: string, timeZone: string) => sql`(${sql.raw(col)} AT TIME ZONE ${timeZone})::date`

/**
 * Rolls raw events up into sessions, daily KPI rows and web-vitals histograms, from the watermark on,
 * then paid orders into their daily counts (rollup-orders.ts). Days are the shop's days (the
 * seller's time zone, invoicing's company profile) at the time of the roll-up.
 * Each batch is one transaction holding the state row's lock: two processes running it take turns
 * and never count an event twice; a crash rolls the batch back whole. Sessions add counts; the
 * daily rows of the days a batch touched are rebuilt from their sessions (idempotent).
 */
export async function rollUpEvents(ctx: Ctx, opts: RollupOptions = {}): Promise<RollupResult> {
  const batchSize = opts.batchSize ?? 20_000
  const lag = opts.lagSeconds ?? 5
  let events = 0
  let batches = 0
  let watermark = 0
  const timeZone = await shopTimeZone(ctx)
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const r = await ctx.db.transaction().execute((tx) => rollUpBatch(tx, batchSize, lag, timeZone))
    watermark = r.watermark
    if (r.events === 0) break
    events += r.events
    batches += 1
  }
  await rollUpOrders(ctx, timeZone)
  return { events, batches, watermark }
}

async function rollUpBatch(tx: Db, batchSize: number, lag: number, timeZone: string): Promise<{ events: number; watermark: number }> {
  const state = await sql<{ last_event_id: number }>`SELECT last_event_id FROM analytics_rollup_state WHERE id = 1 FOR UPDATE`.execute(tx)
  const from = Number(state.rows[0]?.last_event_id ?? 0)
  const bound = await sql<{ upto: number | null; n: number }>`
    WITH cand AS (SELECT id, inserted_at FROM events WHERE id > ${from} ORDER BY id LIMIT ${batchSize})
    SELECT coalesce((SELECT min(id) - 1 FROM cand WHERE inserted_at > now() - make_interval(secs => ${lag})), (SELECT max(id) FROM cand)) AS upto`.execute(tx)
  const upto = Number(bound.rows[0]?.upto ?? from)
  if (upto <= from) return { events: 0, watermark: from }
  const inBatch = sql`e.id > ${from} AND e.id <= ${upto}`

  // first touch of consented visitors: their earliest page view ever seen
  await sql`
    INSERT INTO analytics_visitors AS v (visitor_id, first_seen_at, first_channel)
    SELECT DISTINCT ON (e.visitor_id) e.visitor_id, e.occurred_at, e.channel FROM events e
     WHERE ${inBatch} AND e.consent AND e.type = 'page_view'
     ORDER BY e.visitor_id, e.occurred_at, e.id
    ON CONFLICT (visitor_id) DO UPDATE SET first_seen_at = excluded.first_seen_at, first_channel = excluded.first_channel
     WHERE excluded.first_seen_at < v.first_seen_at`.execute(tx)

  await sql`
    INSERT INTO analytics_sessions AS s (session_id, visitor_id, consent, started_at, ended_at, day, landing_path, first_channel, channel,
      device, market, locale, last_page_type, last_page_at, page_views, listing_views, listing_clicks, product_views, searches,
      zero_result_searches, add_to_carts, checkout_steps, orders, revenue_cents)
    SELECT b.session_id, b.visitor_id, b.consent, b.started_at, b.ended_at, ${dayOf('b.started_at', timeZone)}, b.landing_path,
           CASE WHEN b.consent THEN coalesce(v.first_channel, b.channel) ELSE b.channel END, b.channel,
           b.device, b.market, b.locale, b.last_page_type, b.last_page_at, b.page_views, b.listing_views, b.listing_clicks, b.product_views,
           b.searches, b.zero_result_searches, b.add_to_carts, b.checkout_steps, b.orders, b.revenue_cents
      FROM (
        SELECT e.session_id,
               (array_agg(e.visitor_id ORDER BY e.occurred_at, e.id))[1] AS visitor_id,
               bool_or(e.consent) AS consent,
               min(e.occurred_at) AS started_at, max(e.occurred_at) AS ended_at,
               (array_agg(e.path ORDER BY e.occurred_at, e.id) FILTER (WHERE e.type = 'page_view'))[1] AS landing_path,
               coalesce((array_agg(e.channel ORDER BY e.occurred_at, e.id) FILTER (WHERE e.type = 'page_view'))[1], 'direct') AS channel,
               (array_agg(e.device ORDER BY e.occurred_at, e.id))[1] AS device,
               (array_agg(e.market ORDER BY e.occurred_at, e.id))[1] AS market,
               (array_agg(e.locale ORDER BY e.occurred_at, e.id))[1] AS locale,
               (array_agg(e.page_type ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.type = 'page_view'))[1] AS last_page_type,
               max(e.occurred_at) FILTER (WHERE e.type = 'page_view') AS last_page_at,
               count(*) FILTER (WHERE e.type = 'page_view') AS page_views,
               count(*) FILTER (WHERE e.type = 'page_view' AND e.page_type IN (${LISTINGS})) AS listing_views,
               count(*) FILTER (WHERE e.type = 'product_view' AND e.from_page_type IN (${LISTINGS})) AS listing_clicks,
               count(*) FILTER (WHERE e.type = 'product_view') AS product_views,
               count(*) FILTER (WHERE e.type = 'search') AS searches,
               count(*) FILTER (WHERE e.type = 'search' AND e.result_count = 0) AS zero_result_searches,
               count(*) FILTER (WHERE e.type = 'add_to_cart') AS add_to_carts,
               count(*) FILTER (WHERE e.type = 'checkout_step') AS checkout_steps,
               count(*) FILTER (WHERE e.type = 'order') AS orders,
               coalesce(sum(e.value_cents) FILTER (WHERE e.type = 'order'), 0) AS revenue_cents
          FROM events e
         WHERE ${inBatch} AND e.type NOT IN ('web_vital', 'experiment_exposure')
         GROUP BY e.session_id
      ) b
      LEFT JOIN analytics_visitors v ON v.visitor_id = b.visitor_id
    ON CONFLICT (session_id) DO UPDATE SET
      started_at = least(s.started_at, excluded.started_at),
      ended_at = greatest(s.ended_at, excluded.ended_at),
      landing_path = coalesce(s.landing_path, excluded.landing_path),
      channel = CASE WHEN s.landing_path IS NULL THEN excluded.channel ELSE s.channel END,
      first_channel = CASE WHEN s.landing_path IS NULL THEN excluded.first_channel ELSE s.first_channel END,
      last_page_type = CASE WHEN excluded.last_page_at >= coalesce(s.last_page_at, '-infinity') THEN excluded.last_page_type ELSE s.last_page_type END,
      last_page_at = greatest(s.last_page_at, excluded.last_page_at),
      page_views = s.page_views + excluded.page_views,
      listing_views = s.listing_views + excluded.listing_views,
      listing_clicks = s.listing_clicks + excluded.listing_clicks,
      product_views = s.product_views + excluded.product_views,
      searches = s.searches + excluded.searches,
      zero_result_searches = s.zero_result_searches + excluded.zero_result_searches,
      add_to_carts = s.add_to_carts + excluded.add_to_carts,
      checkout_steps = s.checkout_steps + excluded.checkout_steps,
      orders = s.orders + excluded.orders,
      revenue_cents = s.revenue_cents + excluded.revenue_cents`.execute(tx)

  // the daily rows of every day whose sessions this batch changed, rebuilt from those sessions
  const days = sql`SELECT DISTINCT s2.day FROM analytics_sessions s2 WHERE s2.session_id IN (SELECT e.session_id FROM events e WHERE ${inBatch})`
  await sql`DELETE FROM analytics_daily WHERE day IN (${days})`.execute(tx)
  await sql`
    INSERT INTO analytics_daily (day, touch, channel, device, market, sessions, visitors, bounces, page_views, listing_views, listing_clicks,
      product_views, searches, zero_result_searches, search_sessions, search_exits, add_to_carts, cart_sessions, checkout_sessions,
      order_sessions, cart_order_sessions, orders, revenue_cents, viewed_sessions, funnel_cart_sessions, funnel_checkout_sessions, funnel_order_sessions)
    SELECT s.day, t.touch, CASE t.touch WHEN 'first' THEN s.first_channel ELSE s.channel END, s.device, s.market,
           count(*), count(DISTINCT s.visitor_id), count(*) FILTER (WHERE s.bounced), sum(s.page_views), sum(s.listing_views), sum(s.listing_clicks),
           sum(s.product_views), sum(s.searches), sum(s.zero_result_searches), count(*) FILTER (WHERE s.searches > 0),
           count(*) FILTER (WHERE s.search_exit), sum(s.add_to_carts), count(*) FILTER (WHERE s.add_to_carts > 0),
           count(*) FILTER (WHERE s.checkout_steps > 0), count(*) FILTER (WHERE s.orders > 0),
           count(*) FILTER (WHERE s.add_to_carts > 0 AND s.orders > 0), sum(s.orders), sum(s.revenue_cents),
           count(*) FILTER (WHERE s.product_views > 0), count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0),
           count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0 AND s.checkout_steps > 0),
           count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0 AND s.checkout_steps > 0 AND s.orders > 0)
      FROM analytics_sessions s CROSS JOIN (VALUES ('first'), ('last')) AS t(touch)
     WHERE s.day IN (${days})
     GROUP BY 1, 2, 3, 4, 5`.execute(tx)

  await sql`
    INSERT INTO analytics_vitals_daily AS d (day, metric, device, market, bucket, samples)
    SELECT ${dayOf('e.occurred_at', timeZone)}, e.metric, e.device, e.market, ${sql.raw(bucketSql('e'))}, count(*)
      FROM events e WHERE ${inBatch} AND e.type = 'web_vital'
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (day, metric, device, market, bucket) DO UPDATE SET samples = d.samples + excluded.samples`.execute(tx)

  await sql`
    INSERT INTO analytics_vitals AS v (grain, period, metric, bucket, samples)
    SELECT g.grain, CASE g.grain WHEN 'day' THEN x.day WHEN 'week' THEN date_trunc('week', x.day)::date ELSE date_trunc('month', x.day)::date END,
           x.metric, x.bucket, count(*)
      FROM (SELECT ${dayOf('e.occurred_at', timeZone)} AS day, e.metric, ${sql.raw(growingBucketSql('e'))} AS bucket
              FROM events e WHERE ${inBatch} AND e.type = 'web_vital') x
     CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(grain)
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (grain, period, metric, bucket) DO UPDATE SET samples = v.samples + excluded.samples`.execute(tx)

  await sql`UPDATE analytics_rollup_state SET last_event_id = ${upto}, last_run_at = now() WHERE id = 1`.execute(tx)
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events e WHERE ${inBatch}`.execute(tx)
  return { events: Number(n.rows[0]?.n ?? 0), watermark: upto }
}
