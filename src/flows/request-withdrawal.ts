import type { Ctx } from '../kernel/ctx.ts'
import { newId } from '../kernel/ids.ts'
import { queueEmail } from '../modules/notifications/index.ts'
import { getOrderView, recordWithdrawal } from '../modules/orders/index.ts'
import { createReturnRequest } from '../modules/returns/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { canOpenOrder } from './order-access.ts'
import { orderUrl } from './order-links.ts'

/**
 * The legal withdrawal function (C. consom. L221-21, from 19 June 2026): the consumer picks
 * eligible lines and confirms; the request is recorded with its date and time and
 * acknowledged on a durable medium (e-mail). Perishable goods have no such right (L221-28).
 */
export async function requestWithdrawal(
  ctx: Ctx,
  deps: CheckoutDeps,
  input: { orderId: string; accessToken: string | null; lines: { orderLineId: string; quantity: number }[]; statement?: string | null },
): Promise<{ ok: true; receivedAt: Date; withdrawalId: string } | { ok: false; code: 'NOT_FOUND' | 'WITHDRAWAL_CLOSED' | 'WITHDRAWAL_LINES_INVALID' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, input.orderId)
    if (!order || !canOpenOrder(tctx, deps, order, input.accessToken)) return { ok: false, code: 'NOT_FOUND' }
    if (!order.withdrawalOpen) return { ok: false, code: 'WITHDRAWAL_CLOSED' }
    const already = new Map<string, number>()
    for (const w of order.withdrawals) for (const l of w.lines) already.set(l.orderLineId, (already.get(l.orderLineId) ?? 0) + l.quantity)
    const valid = input.lines.length > 0 && input.lines.every((r) => {
      const line = order.lines.find((l) => l.id === r.orderLineId)
      return line && line.withdrawalEligible && Number.isSafeInteger(r.quantity) && r.quantity >= 1 && r.quantity + (already.get(line.id) ?? 0) <= line.quantity
    })
    if (!valid) return { ok: false, code: 'WITHDRAWAL_LINES_INVALID' }
    const withdrawalId = newId('wdr')
    const receivedAt = await recordWithdrawal(tctx, { id: withdrawalId, orderId: order.id, lines: input.lines, statement: input.statement ?? null })
    // goods already sent: the withdrawal also opens a return request (what fits of it) for the agent and the warehouse
    if (order.status === 'shipped' || order.status === 'delivered') {
      const reason = `Rétractation (art. L221-18 C. consom.)${input.statement ? ` — ${input.statement}` : ''}`.slice(0, 2000)
      await createReturnRequest(tctx, { orderId: order.id, reason, lines: input.lines, mode: 'clip' })
    }
    await queueEmail(tctx, {
      to: order.email, locale: order.locale, template: 'withdrawal-acknowledgement', dedupeKey: `withdrawal:${withdrawalId}`,
      data: { orderNumber: order.number, receivedAt: receivedAt.toISOString(), items: input.lines.map((r) => ({ name: order.lines.find((l) => l.id === r.orderLineId)!.name, quantity: r.quantity })), orderUrl: orderUrl(deps.publicUrl, deps.appSecret, order.id, order.locale) },
    })
    return { ok: true, receivedAt, withdrawalId }
  })
}
