import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../kernel/db/client.ts'
import { buildPaymentProviders, webhookProvider } from './build-payment-providers.ts'
import { TEST_PAYMENTS_CONFIG } from './testing.ts'

const db = {} as Db // no query runs while building

test('default: the test provider takes cards; bank transfer always; no Stripe', () => {
  const p = buildPaymentProviders(TEST_PAYMENTS_CONFIG, { db })
  assert.equal(p.card.code, 'test')
  assert.equal(p.bankTransfer.code, 'bank_transfer')
  assert.equal(webhookProvider(p, 'test'), p.test)
  assert.equal(webhookProvider(p, 'stripe'), null)
})

test('PAYMENT_PROVIDER=stripe: Stripe takes cards and the test provider is off (its default secret is public)', () => {
  const p = buildPaymentProviders({ ...TEST_PAYMENTS_CONFIG, paymentProvider: 'stripe', stripeSecretKey: 'sk_test_x', stripeWebhookSecret: 'whsec_x' }, { db })
  assert.equal(p.card.code, 'stripe')
  assert.equal(webhookProvider(p, 'test'), null)
  assert.equal(p.bankTransfer.transferDetails('LK-1').beneficiary, 'Lakou SAS (démo)')
})

test('PAYMENT_PROVIDER=stripe without its keys stops the start with a message naming them', () => {
  assert.throws(() => buildPaymentProviders({ ...TEST_PAYMENTS_CONFIG, paymentProvider: 'stripe', stripeSecretKey: 'sk_test_x' }, { db }), /STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/)
})
