import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { HOLDS_MONEY, signalOf } from './decide-transition.ts'
import { paymentsDb } from './tables.ts'
import { transitionPayment, type TransitionResult } from './transition-payment.ts'
import type { PaymentEventOutcome, PaymentStatus, ProviderEvent } from './types.ts'

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
  // one statement: the event row, its payment (by the provider's id, else by ours from the
  // metadata: the event may beat startPayment storing the provider's id), and for a redelivery
  // what the first delivery found
  const r = await sql<{ inserted: string | null; payment_id: string | null; payment_status: PaymentStatus | null; payment_order_id: string | null; first_payment_id: string | null; first_order_id: string | null; seen: boolean }>`
    WITH ins AS (
      INSERT INTO payment_events (id, provider, event_id, type, provider_ref, payload, created_at, received_at)
      VALUES (${newId('pev')}, ${event.provider}, ${event.eventId}, ${event.providerType}, ${event.providerRef}, ${JSON.stringify(event.payload ?? null)}, ${event.created}, ${ctx.now})
      ON CONFLICT (provider, event_id) DO NOTHING
      RETURNING id)
    SELECT (SELECT id FROM ins) AS inserted, mine.id AS payment_id, mine.status AS payment_status, mine.order_id AS payment_order_id,
           e.payment_id AS first_payment_id, p.order_id AS first_order_id, e.id IS NOT NULL AS seen
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT 1 AS pref, id, status, order_id FROM payments WHERE provider = ${event.provider} AND provider_ref = ${event.providerRef}
        UNION ALL
        SELECT 2, id, status, order_id FROM payments WHERE id = ${event.paymentId} AND provider = ${event.provider}
        ORDER BY pref LIMIT 1) AS mine ON true
      LEFT JOIN payment_events e ON e.provider = ${event.provider} AND e.event_id = ${event.eventId}
      LEFT JOIN payments p ON p.id = e.payment_id`.execute(ctx.db)
  const row = r.rows[0]!
  const inserted = row.inserted ? { id: row.inserted } : undefined
  if (!inserted) {
    // a redelivery: what the first delivery recorded (read again when it committed after this statement began)
    const first = row.seen
      ? { payment_id: row.first_payment_id, order_id: row.first_order_id }
      : await db
          .selectFrom('payment_events as e')
          .leftJoin('payments as p', 'p.id', 'e.payment_id')
          .select(['e.payment_id', 'p.order_id'])
          .where('e.provider', '=', event.provider)
          .where('e.event_id', '=', event.eventId)
          .executeTakeFirstOrThrow()
    return { duplicate: true, paymentId: first.payment_id, orderId: first.order_id, transition: 'none', ignored: 'duplicate' }
  }

  const payment = row.payment_id ? { id: row.payment_id } : undefined
  if (!payment) {
    // Not a Lakou payment (another integration on the same Stripe account) or not ours yet: keep it for the record.
    await db.updateTable('payment_events').set({ outcome: 'unknown_payment', processed_at: ctx.now }).where('id', '=', inserted.id).execute()
    return { duplicate: false, paymentId: null, orderId: null, transition: 'none', ignored: 'unknown_payment' }
  }
  // news of a success for a payment that already holds the money changes nothing whatever else
  // happens (it only moves forward from there): no need to lock the order's payments to say so
  const settled = event.type === 'payment.succeeded' && row.payment_status !== null && HOLDS_MONEY.includes(row.payment_status)
  const result: Pick<TransitionResult, 'orderId' | 'transition' | 'decision'> = settled
    ? { orderId: row.payment_order_id!, transition: 'none', decision: { action: 'ignore', reason: 'already_applied' } }
    : await transitionPayment(ctx.db, {
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
