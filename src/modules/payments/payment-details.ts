import type { Ctx } from '../../kernel/ctx.ts'
import { paymentsDb } from './tables.ts'
import type { PaymentMethod, PaymentProviderCode, PaymentStatus } from './types.ts'

export type RefundAttempt = { id: string; amount: number; status: 'PENDING' | 'SUCCEEDED' | 'FAILED'; providerRef: string | null; reason: string | null; errorCode: string | null; createdAt: Date; finishedAt: Date | null }

/** A payment as the order desk shows it: the provider's reference and every refund asked of it. */
export type PaymentDetail = {
  id: string
  provider: PaymentProviderCode
  method: PaymentMethod
  providerRef: string | null
  amount: number
  currency: 'EUR'
  status: PaymentStatus
  refundedAmount: number
  /** amount still refundable: captured, minus refunded, minus refunds in flight */
  refundable: number
  card: { brand: string; last4: string } | null
  failureCode: string | null
  capturedAt: Date | null
  createdAt: Date
  refunds: RefundAttempt[]
}

/**
 * The payments of an order with their refunds, oldest first, for staff (two indexed queries:
 * payments by order, attempts by payment). Access is the caller's: it has loaded the order.
 */
export async function listPaymentDetails(ctx: Ctx, orderId: string): Promise<PaymentDetail[]> {
  const db = paymentsDb(ctx.db)
  const payments = await db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute()
  if (!payments.length) return []
  const attempts = await db.selectFrom('payment_attempts').selectAll().where('payment_id', 'in', payments.map((p) => p.id)).where('kind', '=', 'refund').orderBy('created_at').orderBy('id').execute()
  return payments.map((p) => {
    const refunds = attempts.filter((a) => a.payment_id === p.id)
    const pending = refunds.filter((a) => a.status === 'PENDING').reduce((s, a) => s + a.amount, 0)
    const holdsMoney = p.status === 'CAPTURED' || p.status === 'PARTIALLY_REFUNDED'
    return {
      id: p.id, provider: p.provider, method: p.method, providerRef: p.provider_ref, amount: p.amount, currency: p.currency, status: p.status,
      refundedAmount: p.refunded_amount, refundable: holdsMoney ? Math.max(0, p.amount - p.refunded_amount - pending) : 0,
      card: p.card_brand && p.card_last4 ? { brand: p.card_brand, last4: p.card_last4 } : null, failureCode: p.failure_code, capturedAt: p.captured_at, createdAt: p.created_at,
      refunds: refunds.map((a) => ({ id: a.id, amount: a.amount, status: a.status, providerRef: a.provider_ref, reason: a.reason, errorCode: a.error_code, createdAt: a.created_at, finishedAt: a.finished_at })),
    }
  })
}
