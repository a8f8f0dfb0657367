import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { AppError } from '../../kernel/errors.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { actorLabel } from './actor-label.ts'
import { ORDER_LIFECYCLE, ORDER_STATES, type OrderState } from './order-lifecycle.ts'

export type TransitionOrdersInput = { orderIds: readonly string[]; to: OrderState; from?: readonly OrderState[]; note?: string }
/** `moved`: ids that changed (one history row each); `unchanged`: ids already in the target state */
export type TransitionOrdersResult = { moved: string[]; unchanged: string[] }

/**
 * transitionOrder for many orders at once (a pick list of 1,000 orders), set-based: the same
 * starting states (the caller's `from` narrowed by the lifecycle table), the same history row and
 * actor label. All or nothing: an unknown order, or one whose state may not move to `to`, refuses
 * the whole batch and nothing changes. Orders already in `to` stay as they are.
 */
export async function transitionOrders(ctx: Ctx, input: TransitionOrdersInput): Promise<TransitionOrdersResult> {
  const ids = [...new Set(input.orderIds)]
  if (!ids.length) return { moved: [], unchanged: [] }
  const allowed = (input.from ?? ORDER_STATES).filter((f) => canTransition(ORDER_LIFECYCLE, f, input.to).ok)
  return inTransaction(ctx, async (tx) => {
    const rows = (await sql<{ id: string; number: string; status: OrderState }>`
      SELECT id, number, status FROM orders WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`.execute(tx.db)).rows
    if (rows.length < ids.length) {
      const found = new Set(rows.map((r) => r.id))
      throw new AppError('NOT_FOUND', `Commande introuvable : ${ids.filter((id) => !found.has(id)).join(', ')}. Aucune commande n’a changé.`)
    }
    const refused = rows.filter((r) => r.status !== input.to && !allowed.includes(r.status))
    if (refused.length) {
      throw new AppError('CONFLICT', `Ces commandes ne peuvent pas passer à l’état « ${input.to} » : ${refused.map((r) => `${r.number} (${r.status})`).join(', ')}. Aucune commande n’a changé.`)
    }
    const toMove = rows.filter((r) => r.status !== input.to).map((r) => r.id)
    if (toMove.length) {
      await sql`
        WITH cur AS (SELECT id, status FROM orders WHERE id = ANY(${toMove}::text[])),
        moved AS (
          UPDATE orders o SET status = ${input.to}::text, updated_at = ${tx.now}
            FROM cur WHERE o.id = cur.id AND cur.status = ANY(${allowed as string[]})
          RETURNING o.id, cur.status AS from_status)
        INSERT INTO order_status_history (order_id, from_status, to_status, actor, note, created_at)
        SELECT id, from_status, ${input.to}::text, ${actorLabel(tx)}::text, ${input.note ?? null}::text, ${tx.now}::timestamptz FROM moved`.execute(tx.db)
    }
    const moving = new Set(toMove)
    return { moved: toMove, unchanged: ids.filter((id) => !moving.has(id)) }
  })
}
