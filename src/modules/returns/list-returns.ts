import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { RETURN_STATUSES, returnsDb, type ReturnStatus } from './tables.ts'

export const ListReturnsInput = z.object({
  statuses: z.array(z.enum(RETURN_STATUSES)).max(5).default([]),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
})
export type ListReturnsInput = z.input<typeof ListReturnsInput>

export type ReturnRow = { id: string; number: string; status: ReturnStatus; orderId: string; orderNumber: string; email: string; requestedAt: Date; decidedAt: Date | null; units: number; warehouses: string[] }
export type ReturnPage = { rows: ReturnRow[]; total: number; page: number; pageSize: number; counts: Record<ReturnStatus, number> }

/** Returns by status, oldest request first (the queue is worked from the oldest), with the count per status. */
export async function listReturns(ctx: Ctx, raw: ListReturnsInput): Promise<ReturnPage> {
  const input = ListReturnsInput.parse(raw)
  const db = returnsDb(ctx.db)
  let q = db.selectFrom('return_requests as r').innerJoin('orders as o', 'o.id', 'r.order_id')
  if (input.statuses.length) q = q.where('r.status', 'in', input.statuses)
  const [rows, counted] = await Promise.all([
    q.select(['r.id', 'r.number', 'r.status', 'r.order_id', 'o.number as order_number', 'o.email', 'r.requested_at', 'r.decided_at',
      sql<number>`(SELECT COALESCE(sum(quantity), 0)::int FROM return_lines WHERE return_id = r.id)`.as('units'),
      sql<string[]>`ARRAY(SELECT DISTINCT lot.warehouse_code FROM return_lines rl JOIN lots lot ON lot.id = rl.lot_id WHERE rl.return_id = r.id ORDER BY 1)`.as('warehouses')])
      .orderBy('r.requested_at').orderBy('r.number').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute(),
    db.selectFrom('return_requests').select(['status', sql<number>`count(*)::int`.as('n')]).groupBy('status').execute(),
  ])
  const counts = Object.fromEntries(RETURN_STATUSES.map((s) => [s, counted.find((c) => c.status === s)?.n ?? 0])) as Record<ReturnStatus, number>
  const total = input.statuses.length ? input.statuses.reduce((n, s) => n + counts[s], 0) : Object.values(counts).reduce((a, b) => a + b, 0)
  return {
    rows: rows.map((r) => ({ id: r.id, number: r.number, status: r.status, orderId: r.order_id, orderNumber: r.order_number, email: r.email, requestedAt: new Date(r.requested_at), decidedAt: r.decided_at, units: r.units, warehouses: r.warehouses })),
    total, page: input.page, pageSize: input.pageSize, counts,
  }
}
