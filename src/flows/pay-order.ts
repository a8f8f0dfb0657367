import type { Ctx } from '../kernel/ctx.ts'
import { extendHold } from '../modules/inventory/index.ts'
import { getOrderView, orderAccessToken, setOrderHoldExpiry, transitionOrder } from '../modules/orders/index.ts'
import { startPayment, type CardInput, type TransferDetails } from '../modules/payments/index.ts'
import { BANK_TRANSFER_HOLD_DAYS, PENDING_CARD_HOLD_MINUTES, type CheckoutDeps } from './checkout-deps.ts'
import { completePaidOrder } from './complete-paid-order.ts'
import { queueOrderConfirmation } from './order-emails.ts'

export type PaymentOutcome = {
  ok: true
  orderId: string
  orderNumber: string
  accessToken: string
  status: 'placed' | 'awaiting_payment' | 'paid' | 'picking' | 'packed' | 'shipped' | 'delivered' | 'returned' | 'cancelled' | 'refunded'
  transfer?: TransferDetails
}
export type PaymentFailure = { ok: false; code: 'PAYMENT_DECLINED' | 'PAYMENT_CARD_INVALID' | 'PAYMENT_PROVIDER_UNAVAILABLE'; message: string; orderId: string; accessToken: string }

/**
 * Charges a placed order through its provider, outside any transaction, then records the
 * outcome: captured → paid; pending card or bank transfer → awaiting payment with a longer
 * hold; declined → the order stays placed, holding its stock until the hold lapses, so the
 * shopper can retry with another card. `attemptKey` makes a resubmitted form idempotent.
 */
export async function payOrder(ctx: Ctx, deps: CheckoutDeps, input: { orderId: string; orderNumber: string; amount: number; email: string; method: 'card' | 'bank_transfer'; card?: CardInput | undefined; attemptKey: string }): Promise<PaymentOutcome | PaymentFailure> {
  const accessToken = orderAccessToken(deps.appSecret, input.orderId)
  let completed = false
  const pay = await startPayment(ctx, deps.providers, {
    orderId: input.orderId, orderNumber: input.orderNumber, amount: input.amount, currency: 'EUR', method: input.method,
    ...(input.card ? { card: input.card } : {}), customerEmail: input.email, idempotencyKey: `${input.orderId}:${input.attemptKey}`,
    // captured at once: the order is completed in the transaction that records the capture
    onCaptured: async (tctx, paymentId) => {
      await completePaidOrder(tctx, deps, { orderId: input.orderId, paymentId })
      completed = true
    },
  })
  if (!pay.ok) return { ok: false, code: pay.code, message: pay.message, orderId: input.orderId, accessToken }
  if (pay.status === 'CAPTURED') {
    // a capture recorded earlier (a retried request): completing again is a no-op when already done
    if (!completed) await ctx.db.transaction().execute((trx) => completePaidOrder({ ...ctx, db: trx }, deps, { orderId: input.orderId, paymentId: pay.paymentId }))
    return { ok: true, orderId: input.orderId, orderNumber: input.orderNumber, accessToken, status: 'paid' }
  }
  const expiresAt = new Date(ctx.now.getTime() + (pay.status === 'PENDING' ? PENDING_CARD_HOLD_MINUTES * 60_000 : BANK_TRANSFER_HOLD_DAYS * 86_400_000))
  const status = await ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const t = await transitionOrder(tctx, { orderId: input.orderId, to: 'awaiting_payment', from: ['placed'], note: pay.status === 'PENDING' ? 'card payment pending at the provider' : 'awaiting bank transfer', set: { reservation_expires_at: expiresAt } })
    if (!t.changed) return t.status ?? 'placed'
    await extendHold(tctx, { orderId: input.orderId, expiresAt })
    await setOrderHoldExpiry(tctx, { orderId: input.orderId, expiresAt })
    const order = (await getOrderView(tctx, input.orderId, { history: false }))!
    await queueOrderConfirmation(tctx, deps, order, { status: pay.status === 'PENDING' ? 'pending' : 'awaiting_transfer', transfer: pay.transfer ?? null })
    return 'awaiting_payment' as const
  })
  return { ok: true, orderId: input.orderId, orderNumber: input.orderNumber, accessToken, status, ...(pay.transfer ? { transfer: pay.transfer } : {}) }
}
