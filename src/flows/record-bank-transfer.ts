import type { Ctx } from '../kernel/ctx.ts'
import { recordBankTransfer, type RecordBankTransferInput, type RecordBankTransferResult } from '../modules/payments/index.ts'
import type { CheckoutDeps } from './checkout-deps.ts'
import { completePaidOrder } from './complete-paid-order.ts'

/**
 * A bank transfer arrived (reference = order number): the payment is captured and the order
 * completed (stock allocated, invoice, e-mail) in one transaction. Recording it twice does
 * nothing the second time (the payment is no longer awaiting).
 */
export async function recordTransferAndCompleteOrder(ctx: Ctx, deps: CheckoutDeps, input: RecordBankTransferInput): Promise<RecordBankTransferResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx: Ctx = { ...ctx, db: trx }
    const r = await recordBankTransfer(tctx, input)
    if (r.ok && r.orderId && r.transition === 'captured') await completePaidOrder(tctx, deps, { orderId: r.orderId, paymentId: r.paymentId })
    return r
  })
}
