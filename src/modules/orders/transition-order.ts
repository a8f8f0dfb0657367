import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { actorLabel } from './actor-label.ts'
import { orderViewOf, type OrderView, type OrderViewRow } from './get-order-view.ts'
import { ORDER_LIFECYCLE, ORDER_STATES, type OrderState } from './order-lifecycle.ts'

/** `view`: the order as it is after the move, when asked for with `withView` (history left out) */
export type TransitionResult = { changed: true; from: OrderState; to: OrderState; view?: OrderView } | { changed: false; status: OrderState | null }

/**
 * Moves an order along the lifecycle table, inside the caller's transaction, in one
 * statement: the row is locked, the UPDATE is guarded by the current status and the history
 * row is written with it. When two deliveries of one event race, exactly one changes the
 * order and writes history; the other sees `changed: false`.
 */
export async function transitionOrder(ctx: Ctx, input: { orderId: string; to: OrderState; from?: readonly OrderState[]; note?: string; set?: { paid_at?: Date; cancelled_at?: Date; reservation_expires_at?: Date | null }; withView?: boolean }): Promise<TransitionResult> {
  // the states this move may start from: the caller's list, narrowed by the lifecycle table
  const allowed = (input.from ?? ORDER_STATES).filter((f) => canTransition(ORDER_LIFECYCLE, f, input.to).ok)
  const set = input.set ?? {}
  const r = await sql<{ current_status: OrderState; from_status: OrderState | null } & Partial<OrderViewRow>>`
    WITH cur AS (SELECT id, status FROM orders WHERE id = ${input.orderId} FOR UPDATE),
    moved AS (
      UPDATE orders o SET status = ${input.to}::text, updated_at = ${ctx.now}
        ${'paid_at' in set ? sql`, paid_at = ${set.paid_at}` : sql``}
        ${'cancelled_at' in set ? sql`, cancelled_at = ${set.cancelled_at}` : sql``}
        ${'reservation_expires_at' in set ? sql`, reservation_expires_at = ${set.reservation_expires_at}` : sql``}
        FROM cur WHERE o.id = cur.id AND cur.status = ANY(${allowed as string[]})
      RETURNING o.*, cur.status AS from_status),
    logged AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, actor, note, created_at)
      SELECT ${input.orderId}::text, from_status, ${input.to}::text, ${actorLabel(ctx)}::text, ${input.note ?? null}::text, ${ctx.now}::timestamptz FROM moved)
    SELECT cur.status AS current_status, ${input.withView ? sql`m.*, ${VIEW_EXTRAS}` : sql`m.from_status`} FROM cur LEFT JOIN moved m ON true`.execute(ctx.db)
  const row = r.rows[0]
  if (!row) return { changed: false, status: null }
  if (!row.from_status) return { changed: false, status: row.current_status }
  return { changed: true, from: row.from_status, to: input.to, ...(input.withView ? { view: orderViewOf(ctx, row as OrderViewRow) } : {}) }
}

// the lines of the moved order (they do not change with its status); no history on this path
const VIEW_EXTRAS = sql`COALESCE((SELECT json_agg(l ORDER BY l.position) FROM order_lines l WHERE l.order_id = cur.id), '[]'::json) AS lines, '[]'::json AS history, '[]'::json AS withdrawals`
