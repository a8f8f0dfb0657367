import { sql, type Selectable } from 'kysely'
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
 * `onCaptured`: see StartPaymentInput. `attemptId`: the charge attempt startPayment already recorded with the payment (else one is
 * recorded here). Returns the payment row once the outcome is recorded (undefined: read it again).
 */
export async function chargeCard(ctx: Ctx, providers: PaymentProviders, row: PaymentRow, card: CardInput, customerEmail: string, recordedAttemptId: string | null = null, onCaptured?: (trx: Ctx, paymentId: string) => Promise<void>): Promise<Selectable<PaymentsTable> | undefined> {
  const db = paymentsDb(ctx.db)
  const provider = webhookProvider(providers, row.provider as WebhookProviderCode)
  if (!provider) {
    await db.updateTable('payments').set({ failure_code: 'provider_unavailable', updated_at: ctx.now }).where('id', '=', row.id).where('status', '=', 'PENDING').execute()
    return undefined
  }
  const attemptId = recordedAttemptId ?? newId('pat', ctx.now.getTime())
  if (!recordedAttemptId) await db.insertInto('payment_attempts').values({ id: attemptId, payment_id: row.id, kind: 'charge', amount: row.amount, status: 'PENDING', created_at: ctx.now }).execute()
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
    return undefined
  }

  if (result.outcome === 'invalid') {
    await finishAttempt(ctx, attemptId, 'FAILED', null, 'card_invalid', result.message)
    await db.updateTable('payments').set({ status: 'FAILED', failure_code: 'card_invalid', failure_message: result.message, updated_at: ctx.now }).where('id', '=', row.id).where('status', '=', 'PENDING').execute()
    return undefined
  }
  const declined = result.outcome === 'declined'
  const declineCode = result.outcome === 'declined' ? result.declineCode : null
  // One transaction for the outcome, the provider's id and the attempt's end: a concurrent retry
  // with the same key sees either "not charged yet" (and asks the provider again, idempotently)
  // or the final state.
  const settled = await ctx.db.transaction().execute(async (trx) => {
    const moved =
      result.outcome === 'pending'
        ? null
        : await transitionPayment(trx, {
            paymentId: row.id,
            signal: result.outcome === 'captured' ? { type: 'succeeded', amount: null } : { type: 'failed' },
            providerRef: result.providerRef,
            failureCode: declineCode,
            failureMessage: result.outcome === 'declined' ? result.message : null,
            at: ctx.now,
          })
    const card = result.card ? sql`, card_brand = ${result.card.brand}, card_last4 = ${result.card.last4}` : sql``
    const r = await sql<Selectable<PaymentsTable>>`
      WITH attempt AS (
        UPDATE payment_attempts SET status = ${declined ? 'FAILED' : 'SUCCEEDED'}, provider_ref = ${result.providerRef}, error_code = ${declineCode},
               error_message = NULL, finished_at = ${new Date()}
         WHERE id = ${attemptId})
      UPDATE payments SET provider_ref = coalesce(provider_ref, ${result.providerRef}) ${card}, failure_code = nullif(failure_code, 'provider_unavailable'), updated_at = ${ctx.now}
       WHERE id = ${row.id}
      RETURNING *`.execute(trx)
    if (moved?.transition === 'captured' && onCaptured) await onCaptured({ ...ctx, db: trx }, row.id)
    return { moved, row: r.rows[0] }
  })
  // Two checkouts paid one order at the same moment: this charge is being refunded (job), the order is paid once.
  if (settled.moved?.decision.action === 'stray_capture') throw new AppError('PAYMENT_ORDER_ALREADY_PAID', 'This order is already paid; the second charge is being refunded.')
  return settled.row
}

async function finishAttempt(ctx: Ctx, id: string, status: 'SUCCEEDED' | 'FAILED', providerRef: string | null, code: string | null, message: string | null): Promise<void> {
  await paymentsDb(ctx.db)
    .updateTable('payment_attempts')
    .set({ status, provider_ref: providerRef, error_code: code, error_message: message?.slice(0, 500) ?? null, finished_at: new Date() })
    .where('id', '=', id)
    .execute()
}
