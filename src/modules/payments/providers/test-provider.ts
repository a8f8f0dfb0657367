import { randomBytes } from 'node:crypto'
import { sql, type Selectable } from 'kysely'
import { newId } from '../../../kernel/ids.ts'
import { z } from 'zod'
import type { Db } from '../../../kernel/db/client.ts'
import { enqueueJob } from '../../../kernel/jobs.ts'
import { checkCard } from '../card.ts'
import { SETTLE_TEST_PAYMENT } from '../job-names.ts'
import { paymentsDb, type TestProviderPaymentsTable } from '../tables.ts'
import type { ProviderEvent } from '../types.ts'
import { headerValue, ProviderRefusedError, WebhookPayloadError, WebhookSignatureError, type PaymentProvider, type ProviderChargeResult } from './provider.ts'
import { SETTLE_FAILURE_CODE, testCardScenario } from './test-cards.ts'
import { deliverTestWebhook, emitTestWebhook, enqueueDeliveries, testEventBody, type TestWebhookOptions } from './test-provider-webhooks.ts'
import { TEST_SIGNATURE_HEADER, verifyTestSignature } from './test-signature.ts'

/**
 * The built-in test PSP. Its "remote side" lives in its own tables (test_provider_*), written
 * in its own transactions, never the shop's: like a real PSP, a charge it accepted stays
 * accepted whatever happens to the caller. Events go out as signed webhooks (durable jobs).
 */
export type TestProvider = PaymentProvider & {
  code: 'test'
  /** Settles a pending payment (job payments.settle-test-payment); idempotent. */
  settle(providerRef: string): Promise<void>
  /** One delivery attempt of a queued webhook (job payments.deliver-test-webhook); `request`: its url and body when the job carries them. */
  deliver(deliveryId: string, request?: { url: string; body: string }): Promise<void>
}

export type TestProviderOptions = TestWebhookOptions & { db: Db; settleAfterSeconds: number }

type Row = Selectable<TestProviderPaymentsTable>

const EventBody = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({
    payment: z.object({
      id: z.string().min(1).max(100),
      amount: z.number().int().positive(),
      amount_refunded: z.number().int().min(0),
      decline_code: z.string().nullable(),
      metadata: z.record(z.string(), z.string()),
    }),
  }),
})

const TYPES: Record<string, ProviderEvent['type']> = { 'payment.succeeded': 'payment.succeeded', 'payment.failed': 'payment.failed', 'payment.refunded': 'payment.refunded' }

export function testProvider(opts: TestProviderOptions): TestProvider {
  const outcome = (p: Row): ProviderChargeResult => {
    const card = { brand: p.card_brand, last4: p.card_last4 }
    if (p.status === 'failed') return { outcome: 'declined', providerRef: p.id, card, declineCode: p.decline_code ?? 'card_declined', message: `The card was declined (${p.decline_code}).` }
    return { outcome: p.status === 'succeeded' ? 'captured' : 'pending', providerRef: p.id, card }
  }

  return {
    code: 'test',

    async startCardPayment(input) {
      const check = checkCard(input.card, opts.clock())
      if (!check.ok) return { outcome: 'invalid', message: `invalid card ${check.reason}` }
      const scenario = testCardScenario(check.number)
      const id = `tp_${randomBytes(12).toString('hex')}`
      const values = {
        id,
        idempotency_key: input.idempotencyKey,
        amount: input.amount,
        currency: input.currency,
        status: scenario.status,
        settles_to: scenario.status === 'pending' ? scenario.settlesTo : null,
        decline_code: scenario.status === 'failed' ? scenario.declineCode : null,
        card_brand: check.summary.brand,
        card_last4: check.summary.last4,
      }
      const metadata = { lakou_payment_id: input.paymentId, order_id: input.orderId, order_number: input.orderNumber, email: input.customerEmail }
      // an immediate outcome's event is written with the payment, in the same statement
      const event = scenario.status === 'pending' ? null : testEventBody(scenario.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed', { ...values, amount_refunded: 0, metadata }, opts.clock())
      const webhookId = newId('whd')
      const row = await opts.db.transaction().execute(async (trx) => {
        const inserted = await paymentsDb(trx)
          .with('p', (db) => db.insertInto('test_provider_payments').values({ ...values, metadata: JSON.stringify(metadata) }).onConflict((oc) => oc.column('idempotency_key').doNothing()).returningAll())
          .with('w', (db) =>
            db.insertInto('test_provider_webhooks').columns(['id', 'event_id', 'type', 'payment_ref', 'body', 'url']).expression((eb) =>
              eb.selectFrom('p').select([
                sql<string>`${webhookId}::text`.as('id'), sql<string>`${event?.eventId ?? ''}::text`.as('event_id'), sql<string>`${event ? (scenario.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed') : ''}::text`.as('type'),
                'p.id', sql<string>`${event?.body ?? ''}::text`.as('body'), sql<string>`${opts.webhookUrl}::text`.as('url'),
              ]).where(sql.lit(event !== null)),
            ),
          )
          .selectFrom('p')
          .selectAll()
          .executeTakeFirst()
        if (!inserted) return paymentsDb(trx).selectFrom('test_provider_payments').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow()
        if (scenario.status === 'pending') {
          const runAt = new Date(opts.clock().getTime() + opts.settleAfterSeconds * 1000)
          await enqueueJob(trx, { name: SETTLE_TEST_PAYMENT, payload: { providerRef: inserted.id }, runAt, uniqueKey: `${SETTLE_TEST_PAYMENT}:${inserted.id}` })
        } else {
          await enqueueDeliveries(trx, opts, webhookId, event!.body)
        }
        return inserted
      })
      // Same key, different request: refuse, as Stripe does, rather than return someone else's charge.
      if (row.amount !== input.amount) throw new ProviderRefusedError('idempotency_key_in_use', 'This idempotency key was used for another amount.')
      return outcome(row)
    },

    async refund(providerRef, amount, { idempotencyKey }) {
      return opts.db.transaction().execute(async (trx) => {
        const t = paymentsDb(trx)
        const p = await t.selectFrom('test_provider_payments').selectAll().where('id', '=', providerRef).forUpdate().executeTakeFirst()
        if (!p) throw new ProviderRefusedError('resource_missing', `No test payment ${providerRef}.`)
        const done = await t.selectFrom('test_provider_refunds').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirst()
        if (done) return { refundRef: done.id, amountRefunded: p.amount_refunded }
        if (p.status !== 'succeeded') throw new ProviderRefusedError('charge_not_captured', 'Only a succeeded payment can be refunded.')
        if (p.amount_refunded + amount > p.amount) throw new ProviderRefusedError('amount_too_large', 'The refund exceeds what is left of the payment.')
        const refundRef = `tre_${randomBytes(12).toString('hex')}`
        await t.insertInto('test_provider_refunds').values({ id: refundRef, payment_id: p.id, idempotency_key: idempotencyKey, amount }).execute()
        const updated = await t.updateTable('test_provider_payments').set({ amount_refunded: p.amount_refunded + amount }).where('id', '=', p.id).returningAll().executeTakeFirstOrThrow()
        await emitTestWebhook(trx, opts, 'payment.refunded', updated)
        return { refundRef, amountRefunded: updated.amount_refunded }
      })
    },

    parseWebhook(rawBody, headers) {
      const check = verifyTestSignature(opts.secret, rawBody, headerValue(headers, TEST_SIGNATURE_HEADER), Math.floor(opts.clock().getTime() / 1000))
      if (!check.ok) throw new WebhookSignatureError(`Lakou-Test-Signature ${check.reason}`)
      let json: unknown
      try {
        json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'))
      } catch {
        throw new WebhookPayloadError('the body is not JSON')
      }
      const parsed = EventBody.safeParse(json)
      if (!parsed.success) throw new WebhookPayloadError('the body is not a test provider event')
      const e = parsed.data
      const p = e.data.payment
      return {
        provider: 'test',
        eventId: e.id,
        type: TYPES[e.type] ?? 'other',
        providerType: e.type,
        providerRef: p.id,
        paymentId: p.metadata.lakou_payment_id ?? null,
        amount: e.type === 'payment.succeeded' ? p.amount : null,
        amountRefunded: e.type === 'payment.refunded' ? p.amount_refunded : null,
        failureCode: e.type === 'payment.failed' ? p.decline_code : null,
        failureMessage: e.type === 'payment.failed' ? `The card was declined (${p.decline_code}).` : null,
        created: new Date(e.created * 1000),
        payload: json,
      }
    },

    async settle(providerRef) {
      await opts.db.transaction().execute(async (trx) => {
        const t = paymentsDb(trx)
        const p = await t.selectFrom('test_provider_payments').select('settles_to').where('id', '=', providerRef).where('status', '=', 'pending').forUpdate().executeTakeFirst()
        if (!p?.settles_to) return
        const failed = p.settles_to === 'failed'
        const settled = await t
          .updateTable('test_provider_payments')
          .set({ status: p.settles_to, decline_code: failed ? SETTLE_FAILURE_CODE : null, settled_at: opts.clock() })
          .where('id', '=', providerRef)
          .returningAll()
          .executeTakeFirstOrThrow()
        await emitTestWebhook(trx, opts, failed ? 'payment.failed' : 'payment.succeeded', settled)
      })
    },

    deliver: (deliveryId, request) => deliverTestWebhook(opts.db, opts, deliveryId, request),
  }
}
