import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/** Orders updated this long before the last one seen are looked at again: a transaction that began earlier may commit late. */
const LAG = '10 minutes'

/**
 * Rebuilds the paid-order counts (analytics_orders_daily) of every day holding an order changed
 * since the last run, found through orders.updated_at. A repeat order is a paid order whose buyer
 * (same customer account, or same e-mail) had paid one before it, so the rate adds up over days.
 * Days are the shop's days (timeZone). Runs under the roll-up state's lock: two processes take turns.
 */
export async function rollUpOrders(ctx: Ctx, timeZone: string): Promise<{ days: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const state = await sql<{ since: Date | null }>`SELECT orders_seen_until AS since FROM analytics_rollup_state WHERE id = 1 FOR UPDATE`.execute(tx)
    const since = state.rows[0]?.since ?? null
    const changed = since === null ? sql`true` : sql`o.updated_at > ${since}::timestamptz - ${LAG}::interval`
    const days = await sql<{ day: Date }>`
      SELECT DISTINCT (o.paid_at AT TIME ZONE ${timeZone})::date AS day FROM orders o WHERE o.paid_at IS NOT NULL AND ${changed}`.execute(tx)
    if (days.rows.length) {
      const list = days.rows.map((r) => r.day)
      await sql`DELETE FROM analytics_orders_daily WHERE day = ANY(${list}::date[])`.execute(tx)
      await sql`
        INSERT INTO analytics_orders_daily (day, market, orders, repeat_orders)
        SELECT d.day, o.market, count(*),
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders p WHERE lower(p.email) = lower(o.email) AND p.paid_at < o.paid_at)
                                   OR EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = o.customer_id AND p.paid_at < o.paid_at))
          FROM unnest(${list}::date[]) AS d(day)
          JOIN orders o ON o.paid_at >= d.day::timestamp AT TIME ZONE ${timeZone} AND o.paid_at < (d.day + 1)::timestamp AT TIME ZONE ${timeZone}
         GROUP BY 1, 2`.execute(tx)
    }
    await sql`UPDATE analytics_rollup_state SET orders_seen_until = greatest(orders_seen_until, (SELECT max(updated_at) FROM orders)) WHERE id = 1`.execute(tx)
    return { days: days.rows.length }
  })
}
