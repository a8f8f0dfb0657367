import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { ORDER_LIFECYCLE } from '../orders/index.ts'

/** Who moved the orders, as order_status_history records it (same labels as transitionOrder). */
const actorLabel = (ctx: Ctx): string => (ctx.actor.kind === 'staff' ? `staff:${ctx.actor.email}` : ctx.actor.kind === 'system' ? `system:${ctx.actor.name}` : 'shopper')

/**
 * paid → picking for many orders in one statement (a pick list of 1,000 orders): the same guard
 * and history row as transitionOrder, set-based. Orders already in picking (a second warehouse's
 * list) stay as they are. Returns how many moved.
 */
export async function moveOrdersToPicking(ctx: Ctx, orderIds: readonly string[], note: string): Promise<number> {
  if (!canTransition(ORDER_LIFECYCLE, 'paid', 'picking').ok) throw new Error('the lifecycle no longer allows paid → picking')
  const r = await sql<{ n: number }>`
    WITH moved AS (
      UPDATE orders SET status = 'picking', updated_at = ${ctx.now} WHERE id = ANY(${[...orderIds]}::text[]) AND status = 'paid' RETURNING id),
    logged AS (
      INSERT INTO order_status_history (order_id, from_status, to_status, actor, note, created_at)
      SELECT id, 'paid', 'picking', ${actorLabel(ctx)}::text, ${note}::text, ${ctx.now}::timestamptz FROM moved)
    SELECT count(*)::int AS n FROM moved`.execute(ctx.db)
  return r.rows[0]?.n ?? 0
}
