import { NoResultError } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import { enqueueJob } from '../../kernel/jobs.ts'
import { decideTransition, type Decision, type Signal } from './decide-transition.ts'
import { REFUND_STRAY_CAPTURE } from './job-names.ts'
import { paymentsDb } from './tables.ts'
import type { PaymentTransition } from './types.ts'

export type TransitionInput = {
  paymentId: string
  signal: Signal
  /** the provider's payment id, stored if the payment does not have it yet */
  providerRef: string | null
  failureCode?: string | null
  failureMessage?: string | null
  at: Date
}

export type TransitionResult = { orderId: string; transition: PaymentTransition; decision: Decision }

/**
 * Applies a provider's news to a payment. Must run inside a transaction (`trx`). Every
 * payment of the order is locked first, in id order, so two settlements of one order
 * (a webhook and a synchronous capture, or two payments of the order) run one after the
 * other and the second sees the first: exactly one of them captures. Always locking in
 * the same order means no deadlock. The guarded UPDATEs and the partial unique index
 * `payments_one_capture_per_order` stay as the last defence.
 */
export async function transitionPayment(trx: Db, input: TransitionInput): Promise<TransitionResult> {
  const db = paymentsDb(trx)
  // every payment of this payment's order, locked in id order, in one statement
  const rows = await db
    .selectFrom('payments')
    .selectAll()
    .where('order_id', '=', (eb) => eb.selectFrom('payments as mine').select('mine.order_id').where('mine.id', '=', input.paymentId))
    .orderBy('id')
    .forUpdate()
    .execute()
  const p = rows.find((r) => r.id === input.paymentId)
  if (!p) throw new NoResultError(db.selectFrom('payments').where('id', '=', input.paymentId).toOperationNode())
  const orderId = p.order_id
  const paidByAnother = rows.some((r) => r.id !== p.id && (r.status === 'CAPTURED' || r.status === 'PARTIALLY_REFUNDED'))
  const decision = decideTransition({ status: p.status, amount: p.amount, refundedAmount: p.refunded_amount }, paidByAnother, input.signal)
  const ref = p.provider_ref ?? input.providerRef
  const update = db.updateTable('payments').where('id', '=', p.id)
  let transition: PaymentTransition = 'none'
  switch (decision.action) {
    case 'capture': {
      const r = await update
        .set({ status: 'CAPTURED', captured_at: input.at, provider_ref: ref, failure_code: null, failure_message: null, updated_at: input.at })
        .where('status', 'in', ['PENDING', 'AUTHORIZED'])
        .executeTakeFirst()
      if (r.numUpdatedRows === 1n) transition = 'captured'
      break
    }
    case 'fail': {
      const r = await update
        .set({ status: 'FAILED', provider_ref: ref, failure_code: input.failureCode ?? 'failed', failure_message: input.failureMessage ?? null, updated_at: input.at })
        .where('status', 'in', ['PENDING', 'AUTHORIZED'])
        .executeTakeFirst()
      if (r.numUpdatedRows === 1n) transition = 'failed'
      break
    }
    case 'refund': {
      const r = await update
        .set({ status: decision.status, refunded_amount: decision.refundedAmount, updated_at: input.at })
        .where('refunded_amount', '<', decision.refundedAmount)
        .executeTakeFirst()
      if (r.numUpdatedRows === 1n) transition = 'refunded'
      break
    }
    case 'stray_capture':
      if (ref !== p.provider_ref) await update.set({ provider_ref: ref, updated_at: input.at }).execute()
      // The refund talks to the provider, so it runs after commit, as a durable job.
      await enqueueJob(trx, { name: REFUND_STRAY_CAPTURE, payload: { paymentId: p.id }, uniqueKey: `${REFUND_STRAY_CAPTURE}:${p.id}` })
      break
    case 'ignore':
      break
  }
  return { orderId, transition, decision }
}
