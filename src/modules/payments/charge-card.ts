import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { webhookProvider, type PaymentProviders } from './build-payment-providers.ts'
import { ProviderRefusedError, ProviderUnavailableError, type ProviderChargeResult } from './providers/provider.ts'
import { paymentsDb, type PaymentsTable } from './tables.ts'
import { transitionPayment } from './transition-payment.ts'
import type { CardInput, WebhookProviderCode } from './types.ts'

type PaymentRow = Pick<PaymentsTable, 'id' | 'order_id' | 'order_number' | 'amount' | 'provider'>

/**
 * Asks the provider to charge a recorded PENDING payment, then records what it said.
 * Runs outside any transaction: the provider call may take seconds and must not hold
 * locks. Our payment id is the provider's idempotency key, so calling this again for the
 * same payment (a retry after a timeout, two concurrent requests) never charges twice.
 */
export async function chargeCard(ctx: Ctx, providers: PaymentProviders, row: PaymentRow, card: CardInput, customerEmail: string): Promise<void> {
  const db = paymentsDb(ctx.db)
  const provider = webhookProvider(providers, row.provider as WebhookProviderCode)
  if (!provider) {
    await db.updateTable('payments').set({ failure_code: 'provider_unavailable', updated_at: ctx.now }).where('id', '=', row.id).where('status', '=', 'PENDING').execute()
    return
  }
  const attemptId = newId('pat', ctx.now.getTime())
  await db.insertInto('payment_attempts').values({ id: attemptId, payment_id: row.id, kind: 'charge', amount: row.amount, status: 'PENDING', created_at: ctx.now }).execute()
  let result: ProviderChargeResult
  try {
    result = await provider.startCardPayment({ paymentId: row.id, idempotencyKey: row.id, amount: row.amount, currency: 'EUR', card, orderId: row.order_id, orderNumber: row.order_number, customerEmail })
  } catch (err) {
    const refused = err instanceof ProviderRefusedError
    const code = refused ? err.code : 'provider_unavailable'
    await finishAttempt(ctx, attemptId, 'FAILED', null, code, err instanceof Error ? err.message : String(err))
    if (!refused && !(err instanceof ProviderUnavailableError)) throw err
    // unavailable: the outcome is unknown, the payment stays PENDING so a retry asks again with the same key
    await db
      .updateTable('payments')
      .set(refused ? { status: 'FAILED', failure_code: code, updated_at: ctx.now } : { failure_code: 'provider_unavailable', updated_at: ctx.now })
      .where('id', '=', row.id)
      .where('status', '=', 'PENDING')
      .execute()
    return
  }

  if (result.outcome === 'invalid') {
    await finishAttempt(ctx, attemptId, 'FAILED', null, 'card_invalid', result.message)
    await db.updateTable('payments').set({ status: 'FAILED', failure_code: 'card_invalid', failure_message: result.message, updated_at: ctx.now }).where('id', '=', row.id).where('status', '=', 'PENDING').execute()
    return
  }
  await finishAttempt(ctx, attemptId, result.outcome === 'declined' ? 'FAILED' : 'SUCCEEDED', result.providerRef, result.outcome === 'declined' ? result.declineCode : null, null)
  // One transaction for the outcome and the provider's id: a concurrent retry with the same key
  // sees either "not charged yet" (and asks the provider again, idempotently) or the final state.
  const settled = await ctx.db.transaction().execute(async (trx) => {
    const moved =
      result.outcome === 'pending'
        ? null
        : await transitionPayment(trx, {
            paymentId: row.id,
            signal: result.outcome === 'captured' ? { type: 'succeeded', amount: null } : { type: 'failed' },
            providerRef: result.providerRef,
            failureCode: result.outcome === 'declined' ? result.declineCode : null,
            failureMessage: result.outcome === 'declined' ? result.message : null,
            at: ctx.now,
          })
    await paymentsDb(trx)
      .updateTable('payments')
      .set({
        provider_ref: sql<string>`coalesce(provider_ref, ${result.providerRef})`,
        ...(result.card ? { card_brand: result.card.brand, card_last4: result.card.last4 } : {}),
        failure_code: sql<string | null>`nullif(failure_code, 'provider_unavailable')`,
        updated_at: ctx.now,
      })
      .where('id', '=', row.id)
      .execute()
    return moved
  })
  // Two checkouts paid one order at the same moment: this charge is being refunded (job), the order is paid once.
  if (settled?.decision.action === 'stray_capture') throw new AppError('PAYMENT_ORDER_ALREADY_PAID', 'This order is already paid; the second charge is being refunded.')
}

async function finishAttempt(ctx: Ctx, id: string, status: 'SUCCEEDED' | 'FAILED', providerRef: string | null, code: string | null, message: string | null): Promise<void> {
  await paymentsDb(ctx.db)
    .updateTable('payment_attempts')
    .set({ status, provider_ref: providerRef, error_code: code, error_message: message?.slice(0, 500) ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute()
}
