import { randomBytes } from 'node:crypto'
import type { Db } from '../../../kernel/db/client.ts'
import { newId } from '../../../kernel/ids.ts'
import { enqueueJob } from '../../../kernel/jobs.ts'
import { DELIVER_TEST_WEBHOOK } from '../job-names.ts'
import { paymentsDb, type TestProviderPaymentsTable } from '../tables.ts'
import { testSignatureHeader } from './test-signature.ts'

/** Sends one HTTP POST; injectable so tests deliver through app.inject instead of the network. */
export type WebhookSender = (req: { url: string; body: string; headers: Record<string, string> }) => Promise<{ status: number }>

/** The default sender: fetch with a 10 s timeout, no redirects (a PSP does not follow them either). */
export const fetchWebhookSender: WebhookSender = async ({ url, body, headers }) => {
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) })
  await res.arrayBuffer().catch(() => undefined)
  return { status: res.status }
}

export type TestWebhookOptions = {
  secret: string
  webhookUrl: string
  send: WebhookSender
  clock: () => Date
  /** extra deliveries of every event (at-least-once delivery, as real PSPs do) */
  duplicateDeliveries: number
  /** null: deliver in order; else each delivery waits a random [0, windowSeconds) drawn from `random`, so events overtake each other */
  shuffle: { random: () => number; windowSeconds: number } | null
}

type PaymentRow = Pick<TestProviderPaymentsTable, 'id' | 'amount' | 'currency' | 'status' | 'decline_code' | 'card_brand' | 'card_last4'> & {
  amount_refunded: number
  metadata: Record<string, string>
}

export type TestEventType = 'payment.succeeded' | 'payment.failed' | 'payment.refunded'

/**
 * Queues a webhook event in the same transaction as the change it reports (`trx`), so an
 * event exists if and only if the change committed. Each copy is a durable delivery job.
 */
export async function emitTestWebhook(trx: Db, opts: TestWebhookOptions, type: TestEventType, p: PaymentRow): Promise<string> {
  const { eventId, body } = testEventBody(type, p, opts.clock())
  const id = newId('whd')
  await paymentsDb(trx).insertInto('test_provider_webhooks').values({ id, event_id: eventId, type, payment_ref: p.id, body, url: opts.webhookUrl }).execute()
  await enqueueDeliveries(trx, opts, id, body)
  return eventId
}

/** One durable delivery job per copy; the job carries the request, so a delivery need not read it back. */
export async function enqueueDeliveries(trx: Db, opts: TestWebhookOptions, deliveryId: string, body: string): Promise<void> {
  const now = opts.clock()
  for (let copy = 0; copy <= opts.duplicateDeliveries; copy++) {
    const delay = opts.shuffle ? Math.floor(opts.shuffle.random() * opts.shuffle.windowSeconds) * 1000 : 0
    await enqueueJob(trx, { name: DELIVER_TEST_WEBHOOK, payload: { deliveryId, url: opts.webhookUrl, body }, runAt: new Date(now.getTime() + delay), maxAttempts: 10 })
  }
}

/** The signed event body the test provider sends for a payment row. */
export function testEventBody(type: TestEventType, p: PaymentRow, now: Date): { eventId: string; body: string } {
  const eventId = `tevt_${randomBytes(12).toString('hex')}`
  const body = JSON.stringify({
    id: eventId,
    type,
    created: Math.floor(now.getTime() / 1000),
    data: {
      payment: {
        id: p.id,
        amount: p.amount,
        currency: p.currency,
        status: p.status,
        amount_refunded: p.amount_refunded,
        decline_code: p.decline_code,
        card: { brand: p.card_brand, last4: p.card_last4 },
        metadata: p.metadata,
      },
    },
  })
  return { eventId, body }
}

/**
 * One delivery attempt: signs with the current time (a retry an hour later must not carry
 * an expired signature), POSTs, records the answer. A non-2xx answer or a network error
 * throws, and the job queue retries with backoff.
 */
export async function deliverTestWebhook(db: Db, opts: TestWebhookOptions, deliveryId: string, request?: { url: string; body: string }): Promise<void> {
  const pdb = paymentsDb(db)
  // jobs queued before requests rode along in the payload read the row
  const row = request ?? (await pdb.selectFrom('test_provider_webhooks').select(['url', 'body']).where('id', '=', deliveryId).executeTakeFirst())
  if (!row) return
  const timestamp = Math.floor(opts.clock().getTime() / 1000)
  const headers = { 'content-type': 'application/json', 'user-agent': 'LakouTestProvider/1.0', 'lakou-test-signature': testSignatureHeader(opts.secret, row.body, timestamp) }
  let status: number
  try {
    status = (await opts.send({ url: row.url, body: row.body, headers })).status
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    await pdb.updateTable('test_provider_webhooks').set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: message.slice(0, 500) })).where('id', '=', deliveryId).execute()
    throw new Error(`test webhook ${deliveryId} not delivered: ${message}`)
  }
  const ok = status >= 200 && status < 300
  await pdb
    .updateTable('test_provider_webhooks')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_status: status, last_error: ok ? null : `HTTP ${status}`, ...(ok ? { delivered_at: opts.clock() } : {}) }))
    .where('id', '=', deliveryId)
    .execute()
  if (!ok) throw new Error(`test webhook ${deliveryId}: the endpoint answered ${status}`)
}
