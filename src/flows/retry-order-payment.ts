import type { Ctx } from '../kernel/ctx.ts'
import { getOrderView } from '../modules/orders/index.ts'
import type { CardInput } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { canOpenOrder } from './order-access.ts'
import { payOrder, type PaymentFailure, type PaymentOutcome } from './pay-order.ts'

/** Another card for an unpaid order still holding its stock (after a decline). */
export async function retryOrderPayment(ctx: Ctx, deps: CheckoutDeps, input: { orderId: string; accessToken: string | null; attemptKey: string; card: CardInput }): Promise<PaymentOutcome | PaymentFailure | { ok: false; code: 'NOT_FOUND' | 'ORDER_NOT_PAYABLE'; message: string }> {
  const order = await getOrderView(ctx, input.orderId)
  if (!order || !canOpenOrder(ctx, deps, order, input.accessToken)) return { ok: false, code: 'NOT_FOUND', message: 'order not found' }
  if (!['placed', 'awaiting_payment'].includes(order.status) || order.paymentMethod !== 'card') return { ok: false, code: 'ORDER_NOT_PAYABLE', message: 'this order cannot be paid by card now' }
  return payOrder(ctx, deps, { orderId: order.id, orderNumber: order.number, amount: order.totals.gross, email: order.email, method: 'card', card: input.card, attemptKey: input.attemptKey })
}
