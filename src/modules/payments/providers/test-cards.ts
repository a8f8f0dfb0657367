/**
 * The test provider's card numbers (documented in the module README). They are Stripe's
 * test numbers, so a shop switching to Stripe test mode keeps the same muscle memory.
 * Any other number that passes the Luhn and expiry checks succeeds.
 */
export type TestCardScenario =
  | { status: 'succeeded' }
  | { status: 'failed'; declineCode: string }
  | { status: 'pending'; settlesTo: 'succeeded' | 'failed' }

export const TEST_CARDS: Readonly<Record<string, TestCardScenario & { label: string }>> = {
  '4242424242424242': { status: 'succeeded', label: 'succeeds, captured immediately' },
  '4000000000000002': { status: 'failed', declineCode: 'card_declined', label: 'declined (card_declined)' },
  '4000000000009995': { status: 'failed', declineCode: 'insufficient_funds', label: 'declined (insufficient_funds)' },
  '4000000000000077': { status: 'pending', settlesTo: 'succeeded', label: 'stays pending, settles as succeeded by webhook' },
  '4000000000000119': { status: 'pending', settlesTo: 'failed', label: 'stays pending, settles as failed (processing_error) by webhook' },
}

/** Decline code of a pending payment that settles as failed. */
export const SETTLE_FAILURE_CODE = 'processing_error'

/** What the test provider does with a (normalised, valid) card number. */
export function testCardScenario(number: string): TestCardScenario {
  const known = TEST_CARDS[number]
  if (!known) return { status: 'succeeded' }
  if (known.status === 'failed') return { status: 'failed', declineCode: known.declineCode }
  if (known.status === 'pending') return { status: 'pending', settlesTo: known.settlesTo }
  return { status: 'succeeded' }
}

/** The test provider's seeded generator (a shuffled delivery order is the same on every run). */
export { seededRandom } from '../../../kernel/random.ts'
