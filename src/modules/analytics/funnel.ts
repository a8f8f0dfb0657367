import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { Day } from './periods.ts'

export const FunnelQuery = z.object({ from: Day, to: Day })
  .refine((q) => q.from <= q.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type FunnelQuery = z.input<typeof FunnelQuery>

/** Sessions of a range at each step of the way to an order; each step counts the sessions that also reached every step before. */
export type Funnel = { sessions: number; productViews: number; carts: number; checkouts: number; orders: number }

/** The visit → product → cart → checkout → order funnel of a range, from the daily roll-up (last-touch rows count each session once). */
export async function computeFunnel(ctx: Ctx, input: FunnelQuery): Promise<Funnel> {
  const q = FunnelQuery.parse(input)
  const r = await sql<Record<keyof Funnel, string | null>>`
    SELECT sum(sessions) AS sessions, sum(viewed_sessions) AS "productViews", sum(funnel_cart_sessions) AS carts,
           sum(funnel_checkout_sessions) AS checkouts, sum(funnel_order_sessions) AS orders
      FROM analytics_daily WHERE day BETWEEN ${q.from}::date AND ${q.to}::date AND touch = 'last'`.execute(ctx.db)
  const row = r.rows[0]
  const n = (v: string | null | undefined) => Number(v ?? 0)
  return { sessions: n(row?.sessions), productViews: n(row?.productViews), carts: n(row?.carts), checkouts: n(row?.checkouts), orders: n(row?.orders) }
}
