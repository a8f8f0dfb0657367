import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { refundingProvider, type PaymentProviders } from './build-payment-providers.ts'
import { paymentsDb } from './tables.ts'

/**
 * Gives back money the provider captured for a payment that cannot be its order's payment:
 * the order was already paid by another one, or we had given this payment up as failed
 * (DOMAIN: an order is paid once). Run by the job payments.refund-stray-capture; the
 * refund's idempotency key is fixed per payment, so a retried job never refunds twice.
 * Bank transfers are given back by staff from the bank (the refund is recorded as owed).
 */
export async function refundStrayCapture(ctx: Ctx, providers: PaymentProviders, paymentId: string): Promise<void> {
  const db = paymentsDb(ctx.db)
  const p = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst()
  // already refunded, or it became the order's payment after all: nothing to give back
  if (!p || !['PENDING', 'AUTHORIZED', 'FAILED', 'CANCELLED'].includes(p.status)) return
  const provider = refundingProvider(providers, p.provider)
  if (!provider || !p.provider_ref) throw new Error(`cannot refund stray capture ${paymentId}: provider ${p.provider} not enabled or no provider reference`)
  const idempotencyKey = `stray_${p.id}`
  const refund = await provider.refund(p.provider_ref, p.amount, { idempotencyKey })
  await ctx.db.transaction().execute(async (trx) => {
    const t = paymentsDb(trx)
    const updated = await t
      .updateTable('payments')
      .set({ status: 'REFUNDED', refunded_amount: p.amount, failure_code: p.failure_code ?? 'duplicate_payment', failure_message: 'Captured after the order was settled; refunded automatically.', updated_at: ctx.now })
      .where('id', '=', p.id)
      .where('status', 'in', ['PENDING', 'AUTHORIZED', 'FAILED', 'CANCELLED'])
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) return
    await t
      .insertInto('payment_attempts')
      .values({ id: newId('pat', ctx.now.getTime()), payment_id: p.id, kind: 'refund', amount: p.amount, status: 'SUCCEEDED', provider_ref: refund.refundRef, reason: 'stray capture', created_at: ctx.now, finished_at: ctx.now })
      .execute()
  })
}
