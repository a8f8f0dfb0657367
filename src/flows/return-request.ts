import type { Ctx } from '../kernel/ctx.ts'
import { queueEmail } from '../modules/notifications/index.ts'
import { getOrderView } from '../modules/orders/index.ts'
import { createReturnRequest, RETURN_REASONS, type ReturnReason } from '../modules/returns/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { canOpenOrder } from './order-access.ts'
import { orderUrl } from './order-links.ts'

/** The reason as the agent reads it. */
export const RETURN_REASON_LABELS: Readonly<Record<ReturnReason, string>> = {
  changed_mind: 'Ne convient pas / changement d’avis',
  damaged: 'Article abîmé à la livraison',
  wrong_item: 'Article différent de celui commandé',
  not_as_described: 'Non conforme à la description',
  other: 'Autre motif',
}

export type RequestReturnResult =
  | { ok: true; returnId: string; number: string }
  | { ok: false; code: 'NOT_FOUND' | 'RETURN_NOT_SHIPPED' | 'RETURN_CLOSED' | 'RETURN_LINES_INVALID' | 'RETURN_REASON_INVALID' }

/**
 * A shopper asks to send units back, from the order page (signed guest link or the owner's
 * account). In one transaction: access checked, the order shipped, every line eligible
 * (withdrawal_eligible: not perishables, flowers, opened food) and within what shipped less
 * what is already asked, inside the window (modules/returns/returnable-units.ts); the request
 * and its lines are written and the acknowledgement with the return number is queued. A
 * refusal creates nothing.
 */
export async function requestReturn(
  ctx: Ctx,
  deps: Pick<CheckoutDeps, 'appSecret' | 'publicUrl'>,
  input: { orderId: string; accessToken: string | null; lines: { orderLineId: string; quantity: number }[]; reason: string; details: string | null },
): Promise<RequestReturnResult> {
  const reason = RETURN_REASONS.find((r) => r === input.reason)
  const details = input.details?.trim() ?? ''
  if (!reason || details.length > 1500 || (reason === 'other' && details.length < 3)) return { ok: false, code: 'RETURN_REASON_INVALID' }
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const order = await getOrderView(tctx, input.orderId, { history: false })
    if (!order || !canOpenOrder(tctx, deps, order, input.accessToken)) return { ok: false, code: 'NOT_FOUND' }
    if (!['shipped', 'delivered', 'returned'].includes(order.status)) return { ok: false, code: 'RETURN_NOT_SHIPPED' }
    const text = details ? `${RETURN_REASON_LABELS[reason]} — ${details}` : RETURN_REASON_LABELS[reason]
    const made = await createReturnRequest(tctx, { orderId: order.id, reason: text, lines: input.lines, mode: 'strict' })
    if (!made.ok) return { ok: false, code: made.code }
    await queueEmail(tctx, {
      to: order.email, locale: order.locale, template: 'return-requested', dedupeKey: `return-requested:${made.id}`,
      data: { returnNumber: made.number, orderNumber: order.number, items: made.lines.map((l) => ({ name: l.name, quantity: l.quantity })), orderUrl: orderUrl(deps.publicUrl, deps.appSecret, order.id, order.locale) },
    })
    return { ok: true, returnId: made.id, number: made.number }
  })
}
