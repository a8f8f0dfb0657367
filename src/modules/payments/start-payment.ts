import type { Selectable } from 'kysely'
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
  let row: Row | undefined = await db.selectFrom('payments').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
  if (!row) {
    if (input.card && input.method === 'card') {
      const check = checkCard(input.card, ctx.now)
      if (!check.ok) return { ok: false, paymentId: null, code: 'PAYMENT_CARD_INVALID', message: paymentMessage(ctx.locale, `card_${check.reason}`) }
    }
    const paid = await db.selectFrom('payments').select('id').where('order_id', '=', input.orderId).where('status', 'in', ['CAPTURED', 'PARTIALLY_REFUNDED']).executeTakeFirst()
    if (paid) throw new AppError('PAYMENT_ORDER_ALREADY_PAID', 'This order is already paid.')
    row = await insertPayment(ctx, providers, input)
  }
  if (row.order_id !== input.orderId || row.amount !== input.amount || row.method !== input.method) {
    throw new AppError('CONFLICT', 'This idempotency key belongs to another payment.')
  }
  if (row.method === 'card' && row.status === 'PENDING' && row.provider_ref === null) {
    await chargeCard(ctx, providers, row, input.card!, input.customerEmail)
    row = await db.selectFrom('payments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  }
  return paymentResult(row, ctx.locale, providers.bankTransfer)
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
