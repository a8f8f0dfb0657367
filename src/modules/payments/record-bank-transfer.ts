import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { normalizeTransferReference } from './providers/bank-transfer-provider.ts'
import { paymentsDb } from './tables.ts'
import { transitionPayment } from './transition-payment.ts'
import type { PaymentEventOutcome } from './types.ts'

export type RecordBankTransferInput = {
  /** the reference written on the transfer: the order number (case and spaces do not matter) */
  reference: string
  /** cents received */
  amount: number
  receivedAt: Date
}

export type RecordBankTransferResult =
  | ({ ok: true } & PaymentEventOutcome)
  | { ok: false; code: 'PAYMENT_TRANSFER_UNKNOWN_REFERENCE'; reference: string }
  | { ok: false; code: 'PAYMENT_TRANSFER_AMOUNT_MISMATCH'; paymentId: string; expected: number; received: number }
  | { ok: false; code: 'PAYMENT_TRANSFER_NOT_AWAITING'; paymentId: string; status: string }

/**
 * Staff record a transfer seen on the operator's account (inside the caller's transaction,
 * like recordPaymentEvent, so the flow releases the order in the same commit). The transfer
 * must name an awaiting bank-transfer payment and bring exactly its amount: anything else
 * is returned for staff to handle by hand (call the customer, send money back). Recording
 * the same transfer twice is harmless: the second time answers `duplicate: true`.
 */
export async function recordBankTransfer(ctx: Ctx, input: RecordBankTransferInput): Promise<RecordBankTransferResult> {
  const db = paymentsDb(ctx.db)
  const reference = normalizeTransferReference(input.reference)
  const p = await db.selectFrom('payments').selectAll().where('provider', '=', 'bank_transfer').where('provider_ref', '=', reference).executeTakeFirst()
  if (!p) return { ok: false, code: 'PAYMENT_TRANSFER_UNKNOWN_REFERENCE', reference: input.reference }
  if (p.status === 'CAPTURED' || p.status === 'PARTIALLY_REFUNDED' || p.status === 'REFUNDED') {
    return { ok: true, duplicate: true, paymentId: p.id, orderId: p.order_id, transition: 'none', ignored: 'duplicate' }
  }
  if (p.status !== 'PENDING') return { ok: false, code: 'PAYMENT_TRANSFER_NOT_AWAITING', paymentId: p.id, status: p.status }
  if (input.amount !== p.amount) return { ok: false, code: 'PAYMENT_TRANSFER_AMOUNT_MISMATCH', paymentId: p.id, expected: p.amount, received: input.amount }

  const result = await transitionPayment(ctx.db, { paymentId: p.id, signal: { type: 'succeeded', amount: input.amount }, providerRef: reference, at: input.receivedAt })
  // a concurrent recording got there first (it held the lock): same answer as a repeat
  if (result.transition === 'none' && result.decision.action === 'ignore') {
    return { ok: true, duplicate: true, paymentId: p.id, orderId: p.order_id, transition: 'none', ignored: 'duplicate' }
  }
  // kept with the webhook events: one history of what moved each payment
  await db
    .insertInto('payment_events')
    .values({
      id: newId('pev', ctx.now.getTime()),
      provider: 'bank_transfer',
      event_id: `transfer:${p.id}`,
      type: 'bank_transfer.received',
      provider_ref: reference,
      payment_id: p.id,
      payload: JSON.stringify({ reference: input.reference, amount: input.amount, receivedAt: input.receivedAt.toISOString(), recordedBy: ctx.actor }),
      outcome: result.transition === 'none' ? `ignored:${result.decision.action}` : result.transition,
      created_at: input.receivedAt,
      received_at: ctx.now,
      processed_at: ctx.now,
    })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .execute()
  return { ok: true, duplicate: false, paymentId: p.id, orderId: result.orderId, transition: result.transition, ...(result.transition === 'none' ? { ignored: result.decision.action } : {}) }
}
