import type { Ctx } from '../../kernel/ctx.ts'
import type { PaymentProviders } from './build-payment-providers.ts'
import { bankTransferProvider } from './providers/bank-transfer-provider.ts'
import { paymentsDb } from './tables.ts'
import type { PaymentSummary } from './types.ts'

/**
 * The payments of an order, oldest first (failed attempts included: the order page and
 * the back office show the whole story). Bank transfers still awaited carry the transfer
 * details to show again. Access control is the caller's: it has already loaded the order.
 */
export async function getPaymentsForOrder(ctx: Ctx, orderId: string, providers?: Pick<PaymentProviders, 'bankTransfer'>): Promise<PaymentSummary[]> {
  const bank = providers?.bankTransfer ?? bankTransferProvider()
  const rows = await paymentsDb(ctx.db).selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    orderNumber: r.order_number,
    provider: r.provider,
    method: r.method,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    refundedAmount: r.refunded_amount,
    card: r.card_brand && r.card_last4 ? { brand: r.card_brand, last4: r.card_last4 } : null,
    failureCode: r.failure_code,
    capturedAt: r.captured_at,
    createdAt: r.created_at,
    transfer: r.method === 'bank_transfer' && r.status === 'PENDING' ? bank.transferDetails(r.order_number) : null,
  }))
}
