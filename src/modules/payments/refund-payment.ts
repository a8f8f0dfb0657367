import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { refundingProvider, type PaymentProviders } from './build-payment-providers.ts'
import { ProviderRefusedError, ProviderUnavailableError, type ProviderRefundResult } from './providers/provider.ts'
import { paymentsDb } from './tables.ts'

export type RefundPaymentInput = { paymentId: string; amount: number; reason: string }

export type RefundPaymentResult =
  | { ok: true; paymentId: string; refundId: string; refundedAmount: number; status: 'REFUNDED' | 'PARTIALLY_REFUNDED' }
  | { ok: false; code: 'PAYMENT_REFUND_NOT_ALLOWED'; message: string; refundable: number }
  | { ok: false; code: 'PAYMENT_PROVIDER_UNAVAILABLE'; message: string }

/**
 * Gives back part or all of a captured payment through its provider. Call it outside any
 * transaction (it talks to the provider). The refund is first reserved as a PENDING
 * attempt while the payment row is locked, so concurrent refunds can never give back more
 * than was paid; the attempt id is the provider's idempotency key. Totals only grow
 * (GREATEST with the provider's running total), so the provider's refund webhook may be
 * processed before or after this returns.
 */
export async function refundPayment(ctx: Ctx, providers: PaymentProviders, input: RefundPaymentInput): Promise<RefundPaymentResult> {
  const db = paymentsDb(ctx.db)
  const reserved = await ctx.db.transaction().execute(async (trx) => {
    const t = paymentsDb(trx)
    const p = await t.selectFrom('payments').selectAll().where('id', '=', input.paymentId).forUpdate().executeTakeFirst()
    if (!p) throw notFound('payment')
    const pending = await t.selectFrom('payment_attempts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('sum')).where('payment_id', '=', p.id).where('kind', '=', 'refund').where('status', '=', 'PENDING').executeTakeFirstOrThrow()
    const refundable = p.status === 'CAPTURED' || p.status === 'PARTIALLY_REFUNDED' ? p.amount - p.refunded_amount - Number(pending.sum) : 0
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > refundable) {
      return { ok: false as const, refundable, message: refundable === 0 ? 'Nothing left to refund on this payment.' : `At most ${refundable} cents can be refunded.` }
    }
    const attemptId = newId('pat', ctx.now.getTime())
    await t.insertInto('payment_attempts').values({ id: attemptId, payment_id: p.id, kind: 'refund', amount: input.amount, status: 'PENDING', reason: input.reason.slice(0, 500), created_at: ctx.now }).execute()
    return { ok: true as const, attemptId, provider: p.provider, providerRef: p.provider_ref }
  })
  if (!reserved.ok) return { ok: false, code: 'PAYMENT_REFUND_NOT_ALLOWED', message: reserved.message, refundable: reserved.refundable }

  const provider = refundingProvider(providers, reserved.provider)
  let refund: ProviderRefundResult
  try {
    if (!provider || !reserved.providerRef) throw new ProviderUnavailableError(`provider ${reserved.provider} is not enabled in this process`)
    refund = await provider.refund(reserved.providerRef, input.amount, { idempotencyKey: reserved.attemptId })
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError) && !(err instanceof ProviderRefusedError)) throw err
    const code = err instanceof ProviderRefusedError ? err.code : 'provider_unavailable'
    await db.updateTable('payment_attempts').set({ status: 'FAILED', error_code: code, error_message: err.message.slice(0, 500), finished_at: new Date() }).where('id', '=', reserved.attemptId).execute()
    return { ok: false, code: 'PAYMENT_PROVIDER_UNAVAILABLE', message: err.message }
  }

  return ctx.db.transaction().execute(async (trx) => {
    const t = paymentsDb(trx)
    await t.updateTable('payment_attempts').set({ status: 'SUCCEEDED', provider_ref: refund.refundRef, finished_at: new Date() }).where('id', '=', reserved.attemptId).execute()
    const done = await t.selectFrom('payment_attempts').select((eb) => eb.fn.sum<number>('amount').as('sum')).where('payment_id', '=', input.paymentId).where('kind', '=', 'refund').where('status', '=', 'SUCCEEDED').executeTakeFirstOrThrow()
    const total = Math.max(Number(done.sum), refund.amountRefunded ?? 0)
    const p = await t
      .updateTable('payments')
      .set({
        refunded_amount: sql<number>`least(amount, greatest(refunded_amount, ${total}::integer))`,
        status: sql<'REFUNDED' | 'PARTIALLY_REFUNDED'>`case when greatest(refunded_amount, ${total}::integer) >= amount then 'REFUNDED' else 'PARTIALLY_REFUNDED' end`,
        updated_at: ctx.now,
      })
      .where('id', '=', input.paymentId)
      .returning(['refunded_amount', 'status'])
      .executeTakeFirstOrThrow()
    return { ok: true, paymentId: input.paymentId, refundId: reserved.attemptId, refundedAmount: p.refunded_amount, status: p.status as 'REFUNDED' | 'PARTIALLY_REFUNDED' }
  })
}
