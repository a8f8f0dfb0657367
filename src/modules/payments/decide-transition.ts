import type { PaymentStatus, ProviderEvent } from './types.ts'

/**
 * What a provider's news does to one payment, as a pure function so every case is in a
 * table (decide-transition.test.ts). The rules:
 * - a payment moves forward only: PENDING → CAPTURED or FAILED, CAPTURED → (PARTIALLY_)REFUNDED;
 *   news that would move it backwards (a late "failed" after "succeeded") is out of order;
 * - an order is paid once: money captured for a payment that cannot be the order's payment
 *   (another one already holds it, or we had given it up as failed) is a stray capture,
 *   refunded automatically;
 * - refund totals are cumulative and only grow, so refund news may arrive in any order;
 * - an order is never marked paid for less than its amount.
 */
export type PaymentState = { status: PaymentStatus; amount: number; refundedAmount: number }

export type Signal =
  | { type: 'succeeded'; amount: number | null }
  | { type: 'failed' }
  | { type: 'refunded'; amountRefunded: number | null }
  | { type: 'other' }

export type Decision =
  | { action: 'capture' }
  | { action: 'fail' }
  | { action: 'refund'; refundedAmount: number; status: 'REFUNDED' | 'PARTIALLY_REFUNDED' }
  | { action: 'stray_capture' }
  | { action: 'ignore'; reason: 'out_of_order' | 'already_applied' | 'amount_mismatch' | 'not_relevant' }

const OPEN: readonly PaymentStatus[] = ['PENDING', 'AUTHORIZED']
/** Statuses in which the payment holds (or held) the money: a success can no longer change it. */
export const HOLDS_MONEY: readonly PaymentStatus[] = ['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED']

export function signalOf(event: Pick<ProviderEvent, 'type' | 'amount' | 'amountRefunded'>): Signal {
  switch (event.type) {
    case 'payment.succeeded':
      return { type: 'succeeded', amount: event.amount }
    case 'payment.failed':
      return { type: 'failed' }
    case 'payment.refunded':
      return { type: 'refunded', amountRefunded: event.amountRefunded }
    default:
      return { type: 'other' }
  }
}

/** `orderPaidByAnother`: another payment of the same order already holds the money. */
export function decideTransition(p: PaymentState, orderPaidByAnother: boolean, s: Signal): Decision {
  switch (s.type) {
    case 'succeeded':
      if (OPEN.includes(p.status)) {
        if (s.amount !== null && s.amount !== p.amount) return { action: 'ignore', reason: 'amount_mismatch' }
        return orderPaidByAnother ? { action: 'stray_capture' } : { action: 'capture' }
      }
      if (HOLDS_MONEY.includes(p.status)) return { action: 'ignore', reason: 'already_applied' }
      return { action: 'stray_capture' } // FAILED or CANCELLED, yet the provider took the money
    case 'failed':
      if (OPEN.includes(p.status)) return { action: 'fail' }
      return { action: 'ignore', reason: p.status === 'FAILED' ? 'already_applied' : 'out_of_order' }
    case 'refunded': {
      if (!HOLDS_MONEY.includes(p.status)) return { action: 'ignore', reason: 'out_of_order' }
      if (s.amountRefunded === null) return { action: 'ignore', reason: 'not_relevant' }
      const total = Math.min(s.amountRefunded, p.amount)
      if (total <= p.refundedAmount) return { action: 'ignore', reason: 'already_applied' }
      return { action: 'refund', refundedAmount: total, status: total >= p.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED' }
    }
    default:
      return { action: 'ignore', reason: 'not_relevant' }
  }
}
