import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

export type OrderDeskCounts = {
  placedToday: number
  revenueTodayGross: number
  awaitingPayment: number
  toPrepare: number
  withdrawalsLast30Days: number
}

/**
 * The counts of the back-office home pages (orders today, paid revenue today, unpaid, to prepare,
 * recent withdrawals): one statement, each part on an index (placed_at, status).
 * "Today" is the calendar day in Paris.
 */
export async function orderDeskCounts(ctx: Ctx): Promise<OrderDeskCounts> {
  const r = await sql<{ placed_today: string; revenue_today: string | null; awaiting: string; to_prepare: string; withdrawals: string }>`
    WITH day AS (SELECT (date_trunc('day', ${ctx.now}::timestamptz AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris') AS start)
    SELECT (SELECT count(*) FROM orders, day WHERE placed_at >= day.start) AS placed_today,
           (SELECT sum(total_gross) FROM orders, day WHERE placed_at >= day.start AND paid_at IS NOT NULL AND status NOT IN ('cancelled', 'refunded')) AS revenue_today,
           (SELECT count(*) FROM orders WHERE status IN ('placed', 'awaiting_payment')) AS awaiting,
           (SELECT count(*) FROM orders WHERE status = 'paid') AS to_prepare,
           (SELECT count(*) FROM withdrawal_requests WHERE received_at >= ${ctx.now}::timestamptz - interval '30 days') AS withdrawals`.execute(ctx.db)
  const row = r.rows[0]!
  return {
    placedToday: Number(row.placed_today),
    revenueTodayGross: Number(row.revenue_today ?? 0),
    awaitingPayment: Number(row.awaiting),
    toPrepare: Number(row.to_prepare),
    withdrawalsLast30Days: Number(row.withdrawals),
  }
}

export type OrderToDo = { id: string; number: string; status: string; email: string; totalGross: number; placedAt: Date }

/** The oldest orders in some statuses (a role's to-do list: paid orders to prepare, unpaid ones). */
export async function listOldestOrders(ctx: Ctx, input: { statuses: string[]; limit: number }): Promise<OrderToDo[]> {
  const r = await sql<{ id: string; number: string; status: string; email: string; total_gross: string; placed_at: Date }>`
    SELECT id, number, status, email, total_gross, placed_at FROM orders
     WHERE status = ANY(${input.statuses}) ORDER BY placed_at, id LIMIT ${Math.min(Math.max(input.limit, 1), 50)}`.execute(ctx.db)
  return r.rows.map((o) => ({ id: o.id, number: o.number, status: o.status, email: o.email, totalGross: Number(o.total_gross), placedAt: o.placed_at }))
}
