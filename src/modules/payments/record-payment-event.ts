import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { signalOf } from './decide-transition.ts'
import { paymentsDb } from './tables.ts'
import { transitionPayment } from './transition-payment.ts'
import type { PaymentEventOutcome, ProviderEvent } from './types.ts'

/**
 * Records a provider's webhook event and applies it to its payment, inside the caller's
 * transaction (`ctx.db` is the transaction; the settle flow completes the order in the same one).
 *
 * Providers deliver at least once and in no particular order, so:
 * - the event row is inserted first; UNIQUE (provider, event_id) turns a redelivery into
 *   `{ duplicate: true }`. Concurrent redeliveries wait on that index until the first
 *   commits, then find it: exactly one caller goes on;
 * - the payment moves only forward (transitionPayment); news that comes too late is
 *   recorded with the reason it was ignored (`outcome`), never applied backwards.
 */
export async function recordPaymentEvent(ctx: Ctx, event: ProviderEvent): Promise<PaymentEventOutcome> {
  const db = paymentsDb(ctx.db)
  const inserted = await db
    .insertInto('payment_events')
    .values({
      id: newId('pev'),
      provider: event.provider,
      event_id: event.eventId,
      type: event.providerType,
      provider_ref: event.providerRef,
      payload: JSON.stringify(event.payload ?? null),
      created_at: event.created,
      received_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) {
    const first = await db
      .selectFrom('payment_events as e')
      .leftJoin('payments as p', 'p.id', 'e.payment_id')
      .select(['e.payment_id', 'p.order_id'])
      .where('e.provider', '=', event.provider)
      .where('e.event_id', '=', event.eventId)
      .executeTakeFirstOrThrow()
    return { duplicate: true, paymentId: first.payment_id, orderId: first.order_id, transition: 'none', ignored: 'duplicate' }
  }

  const payment = await findPayment(ctx, event)
  if (!payment) {
    // Not a Lakou payment (another integration on the same Stripe account) or not ours yet: keep it for the record.
    await db.updateTable('payment_events').set({ outcome: 'unknown_payment', processed_at: ctx.now }).where('id', '=', inserted.id).execute()
    return { duplicate: false, paymentId: null, orderId: null, transition: 'none', ignored: 'unknown_payment' }
  }
  const result = await transitionPayment(ctx.db, {
    paymentId: payment.id,
    signal: signalOf(event),
    providerRef: event.providerRef,
    failureCode: event.failureCode,
    failureMessage: event.failureMessage,
    at: event.type === 'payment.succeeded' ? event.created : ctx.now,
  })
  const ignored = result.transition !== 'none' ? undefined : result.decision.action === 'ignore' ? result.decision.reason : result.decision.action
  await db
    .updateTable('payment_events')
    .set({ payment_id: payment.id, outcome: ignored ? `ignored:${ignored}` : result.transition, processed_at: ctx.now })
    .where('id', '=', inserted.id)
    .execute()
  return { duplicate: false, paymentId: payment.id, orderId: result.orderId, transition: result.transition, ...(ignored ? { ignored } : {}) }
}

/** By the provider's id, else by our id in the event's metadata (the event may beat startPayment storing the provider's id). */
async function findPayment(ctx: Ctx, event: ProviderEvent): Promise<{ id: string } | undefined> {
  const db = paymentsDb(ctx.db)
  if (event.providerRef) {
    const byRef = await db.selectFrom('payments').select('id').where('provider', '=', event.provider).where('provider_ref', '=', event.providerRef).executeTakeFirst()
    if (byRef) return byRef
  }
  if (!event.paymentId) return undefined
  return db.selectFrom('payments').select('id').where('id', '=', event.paymentId).where('provider', '=', event.provider).executeTakeFirst()
}
