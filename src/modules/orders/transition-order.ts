import type { Ctx } from '../../kernel/ctx.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { actorLabel } from './actor-label.ts'
import { ORDER_LIFECYCLE, type OrderState } from './order-lifecycle.ts'
import { ordersDb } from './tables.ts'

export type TransitionResult = { changed: true; from: OrderState; to: OrderState } | { changed: false; status: OrderState | null }

/**
 * Moves an order along the lifecycle table, inside the caller's transaction. The UPDATE
 * is guarded by the current status, so when two deliveries of one event race, exactly one
 * changes the order and writes history; the other sees `changed: false`.
 */
export async function transitionOrder(ctx: Ctx, input: { orderId: string; to: OrderState; from?: readonly OrderState[]; note?: string; set?: { paid_at?: Date; cancelled_at?: Date; reservation_expires_at?: Date | null } }): Promise<TransitionResult> {
  const db = ordersDb(ctx.db)
  const current = await db.selectFrom('orders').select('status').where('id', '=', input.orderId).forUpdate().executeTakeFirst()
  if (!current) return { changed: false, status: null }
  const from = current.status
  if ((input.from && !input.from.includes(from)) || !canTransition(ORDER_LIFECYCLE, from, input.to).ok) return { changed: false, status: from }
  const updated = await db
    .updateTable('orders')
    .set({ status: input.to, updated_at: ctx.now, ...(input.set ?? {}) })
    .where('id', '=', input.orderId)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst()
  if (!updated) return { changed: false, status: from }
  await db.insertInto('order_status_history').values({ order_id: input.orderId, from_status: from, to_status: input.to, actor: actorLabel(ctx), note: input.note ?? null, created_at: ctx.now }).execute()
  return { changed: true, from, to: input.to }
}
