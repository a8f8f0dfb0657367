import { test } from 'node:test'
import assert from 'node:assert/strict'
import { canTransition, finalStates, reachableFrom } from '../../kernel/state-machine.ts'
import { ORDER_LIFECYCLE, ORDER_STATES, SHOPPER_CANCELLABLE } from './order-lifecycle.ts'

test('the happy path of an order is allowed step by step', () => {
  const path = ['placed', 'paid', 'picking', 'packed', 'shipped', 'delivered'] as const
  for (let i = 1; i < path.length; i++) assert.equal(canTransition(ORDER_LIFECYCLE, path[i - 1]!, path[i]!).ok, true, `${path[i - 1]} → ${path[i]}`)
})

test('forbidden moves are refused with the allowed ones listed', () => {
  const r = canTransition(ORDER_LIFECYCLE, 'shipped', 'cancelled')
  assert.equal(r.ok, false)
  assert.deepEqual(!r.ok && r.allowed, ['delivered', 'returned'])
  assert.equal(canTransition(ORDER_LIFECYCLE, 'cancelled', 'paid').ok, false, 'a cancelled order is never paid')
  assert.equal(canTransition(ORDER_LIFECYCLE, 'placed', 'shipped').ok, false, 'nothing ships unpaid')
})

test('every state is reachable from placed, and only cancelled and refunded are final', () => {
  assert.deepEqual([...reachableFrom(ORDER_LIFECYCLE, 'placed')].sort(), [...ORDER_STATES].sort())
  assert.deepEqual(finalStates(ORDER_LIFECYCLE).sort(), ['cancelled', 'refunded'])
  for (const s of SHOPPER_CANCELLABLE) assert.ok(ORDER_LIFECYCLE[s].includes('cancelled'))
})
