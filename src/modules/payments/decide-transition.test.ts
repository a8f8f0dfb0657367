import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decideTransition, type Decision, type PaymentState, type Signal } from './decide-transition.ts'

const pay = (status: PaymentState['status'], refundedAmount = 0): PaymentState => ({ status, amount: 5000, refundedAmount })
const ok: Signal = { type: 'succeeded', amount: 5000 }
const failed: Signal = { type: 'failed' }
const refunded = (amountRefunded: number | null): Signal => ({ type: 'refunded', amountRefunded })
const ignore = (reason: Extract<Decision, { action: 'ignore' }>['reason']): Decision => ({ action: 'ignore', reason })

type Row = [string, PaymentState, boolean, Signal, Decision]
const rows: Row[] = [
  ['pending + succeeded → captured', pay('PENDING'), false, ok, { action: 'capture' }],
  ['pending + succeeded without amount → captured', pay('PENDING'), false, { type: 'succeeded', amount: null }, { action: 'capture' }],
  ['authorized + succeeded → captured', pay('AUTHORIZED'), false, ok, { action: 'capture' }],
  ['pending + succeeded for less than the order → left for review', pay('PENDING'), false, { type: 'succeeded', amount: 4999 }, ignore('amount_mismatch')],
  ['pending + succeeded, order already paid by another payment → stray', pay('PENDING'), true, ok, { action: 'stray_capture' }],
  ['captured + succeeded again (another event id) → nothing', pay('CAPTURED'), false, ok, ignore('already_applied')],
  ['refunded + late succeeded → nothing', pay('REFUNDED', 5000), false, ok, ignore('already_applied')],
  ['failed + succeeded → stray capture, refunded', pay('FAILED'), false, ok, { action: 'stray_capture' }],
  ['cancelled + succeeded → stray capture, refunded', pay('CANCELLED'), false, ok, { action: 'stray_capture' }],
  ['pending + failed → failed', pay('PENDING'), false, failed, { action: 'fail' }],
  ['captured + late failed → out of order, ignored', pay('CAPTURED'), false, failed, ignore('out_of_order')],
  ['partially refunded + failed → out of order', pay('PARTIALLY_REFUNDED', 100), false, failed, ignore('out_of_order')],
  ['failed + failed (another event id) → nothing', pay('FAILED'), false, failed, ignore('already_applied')],
  ['captured + refunded 1500 → partially refunded', pay('CAPTURED'), false, refunded(1500), { action: 'refund', refundedAmount: 1500, status: 'PARTIALLY_REFUNDED' }],
  ['captured + refunded all → refunded', pay('CAPTURED'), false, refunded(5000), { action: 'refund', refundedAmount: 5000, status: 'REFUNDED' }],
  ['partially refunded 1500 + total 5000 → refunded', pay('PARTIALLY_REFUNDED', 1500), false, refunded(5000), { action: 'refund', refundedAmount: 5000, status: 'REFUNDED' }],
  ['partially refunded 3000 + older total 1500 (out of order) → nothing', pay('PARTIALLY_REFUNDED', 3000), false, refunded(1500), ignore('already_applied')],
  ['refund total above the amount is capped', pay('CAPTURED'), false, refunded(9000), { action: 'refund', refundedAmount: 5000, status: 'REFUNDED' }],
  ['pending + refunded → out of order', pay('PENDING'), false, refunded(5000), ignore('out_of_order')],
  ['refund news without a total → ignored', pay('CAPTURED'), false, refunded(null), ignore('not_relevant')],
  ['other event types → ignored', pay('PENDING'), false, { type: 'other' }, ignore('not_relevant')],
]

for (const [name, state, paidByAnother, signal, expected] of rows) {
  test(`decideTransition: ${name}`, () => {
    assert.deepEqual(decideTransition(state, paidByAnother, signal), expected)
  })
}
