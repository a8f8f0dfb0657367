import { sql, type Selectable } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import type { PaymentProviders } from './build-payment-providers.ts'
import { checkCard } from './card.ts'
import { chargeCard } from './charge-card.ts'
import { paymentMessage } from './messages.ts'
import { paymentResult, type StartPaymentResult } from './payment-result.ts'
import { normalizeTransferReference } from './providers/bank-transfer-provider.ts'
import { paymentsDb, type PaymentsTable } from './tables.ts'
import type { CardInput, PaymentMethod } from './types.ts'

export type { StartPaymentResult }

export type StartPaymentInput = {
  orderId: string
  orderNumber: string
  /** cents, tax included: what the order costs */
  amount: number
  currency: 'EUR'
  method: PaymentMethod
  card?: CardInput | undefined
  customerEmail: string
  /** the caller's key for this attempt (e.g. the checkout's); a retry with it returns the first result */
  idempotencyKey: string
  /**
   * Runs inside the transaction that records a capture answered at once by the provider, so the
   * order's completion commits with it (as for a webhook, settle-payment). A throw rolls the
   * record back; the provider's webhook then brings the capture again.
   */
  onCaptured?: ((trx: Ctx, paymentId: string) => Promise<void>) | undefined
}

type Row = Selectable<PaymentsTable>

/**
 * Starts paying an order by card or bank transfer. Call it OUTSIDE any transaction: it
 * talks to the provider. Idempotent on `idempotencyKey`: concurrent or repeated calls
 * share one payment row, whose id is the provider's idempotency key, so the card is
 * charged at most once and every call answers the same. The card number is checked
 * (Luhn, expiry) before anything is recorded and is never stored (brand and last4 only).
 */
export async function startPayment(ctx: Ctx, providers: PaymentProviders, input: StartPaymentInput): Promise<StartPaymentResult> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new AppError('VALIDATION_FAILED', 'amount must be a positive integer of cents')
  if (input.method === 'card' && !input.card) throw new AppError('VALIDATION_FAILED', 'a card payment needs card details')
  const db = paymentsDb(ctx.db)
  const check = input.card && input.method === 'card' ? checkCard(input.card, ctx.now) : null
  const attemptId = newId('pat', ctx.now.getTime())
  // the usual case (a new key, an unpaid order, a valid card) in one statement; anything else takes the long way
  let row: Row | undefined = check && !check.ok ? undefined : await insertNewPayment(ctx, providers, input, attemptId)
  let attempt: string | null = row && input.method === 'card' ? attemptId : null
  if (!row) {
    row = await db.selectFrom('payments').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
    if (!row) {
      if (check && !check.ok) return { ok: false, paymentId: null, code: 'PAYMENT_CARD_INVALID', message: paymentMessage(ctx.locale, `card_${check.reason}`) }
      const paid = await db.selectFrom('payments').select('id').where('order_id', '=', input.orderId).where('status', 'in', ['CAPTURED', 'PARTIALLY_REFUNDED']).executeTakeFirst()
      if (paid) throw new AppError('PAYMENT_ORDER_ALREADY_PAID', 'This order is already paid.')
      row = await insertPayment(ctx, providers, input)
      attempt = null
    }
  }
  if (row.order_id !== input.orderId || row.amount !== input.amount || row.method !== input.method) {
    throw new AppError('CONFLICT', 'This idempotency key belongs to another payment.')
  }
  if (row.method === 'card' && row.status === 'PENDING' && row.provider_ref === null) {
    row = (await chargeCard(ctx, providers, row, input.card!, input.customerEmail, attempt, input.onCaptured)) ?? (await db.selectFrom('payments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow())
  }
  return paymentResult(row, ctx.locale, providers.bankTransfer)
}

/**
 * The new PENDING row (with its first charge attempt, for a card), unless the key is taken, the
 * order already paid or the transfer reference used: then undefined and nothing written.
 */
async function insertNewPayment(ctx: Ctx, providers: PaymentProviders, input: StartPaymentInput, attemptId: string): Promise<Row | undefined> {
  const transfer = input.method === 'bank_transfer'
  const r = await sql<Row>`
    WITH paid AS (SELECT 1 FROM payments WHERE order_id = ${input.orderId} AND status IN ('CAPTURED', 'PARTIALLY_REFUNDED')),
    created AS (
      INSERT INTO payments (id, order_id, order_number, provider, method, amount, currency, status, provider_ref, idempotency_key, created_at, updated_at)
      SELECT ${newId('pay', ctx.now.getTime())}::text, ${input.orderId}::text, ${input.orderNumber}::text, ${transfer ? 'bank_transfer' : providers.card.code}::text,
             ${input.method}::text, ${input.amount}::int, ${input.currency}::text, 'PENDING', ${transfer ? normalizeTransferReference(input.orderNumber) : null}::text,
             ${input.idempotencyKey}::text, ${ctx.now}::timestamptz, ${ctx.now}::timestamptz
       WHERE NOT EXISTS (SELECT 1 FROM paid)
      ON CONFLICT DO NOTHING
      RETURNING *),
    attempt AS (
      INSERT INTO payment_attempts (id, payment_id, kind, amount, status, created_at)
      SELECT ${attemptId}::text, id, 'charge', amount, 'PENDING', ${ctx.now}::timestamptz FROM created WHERE method = 'card')
    SELECT * FROM created`.execute(ctx.db)
  return r.rows[0]
}

/** The new PENDING row, or the row a concurrent call with the same key (or the same transfer reference) inserted first. */
async function insertPayment(ctx: Ctx, providers: PaymentProviders, input: StartPaymentInput): Promise<Row> {
  const db = paymentsDb(ctx.db)
  const transfer = input.method === 'bank_transfer'
  const reference = normalizeTransferReference(input.orderNumber)
  const inserted = await db
    .insertInto('payments')
    .values({
      id: newId('pay', ctx.now.getTime()),
      order_id: input.orderId,
      order_number: input.orderNumber,
      provider: transfer ? 'bank_transfer' : providers.card.code,
      method: input.method,
      amount: input.amount,
      currency: input.currency,
      status: 'PENDING',
      // the reference the shopper writes on the transfer; UNIQUE per provider: one reference, one payment
      provider_ref: transfer ? reference : null,
      idempotency_key: input.idempotencyKey,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (inserted) return inserted
  const first =
    (await db.selectFrom('payments').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()) ??
    (transfer ? await db.selectFrom('payments').selectAll().where('provider', '=', 'bank_transfer').where('provider_ref', '=', reference).executeTakeFirst() : undefined)
  if (!first) throw new AppError('CONFLICT', 'The payment could not be recorded; please try again.')
  return first
}
