import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import type { PaymentMethod, PaymentProviderCode, PaymentStatus } from './types.ts'

/** has a default: optional on insert */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
type Json = ColumnType<unknown, string, string>

export type PaymentsTable = {
  id: string
  order_id: string
  order_number: string
  provider: PaymentProviderCode
  method: PaymentMethod
  amount: number
  currency: 'EUR'
  status: Generated<PaymentStatus>
  provider_ref: string | null
  idempotency_key: string
  card_brand: string | null
  card_last4: string | null
  failure_code: string | null
  failure_message: string | null
  refunded_amount: Generated<number>
  captured_at: NullableTimestamp
  created_at: Timestamp
  updated_at: Timestamp
}

export type PaymentAttemptsTable = {
  id: string
  payment_id: string
  kind: 'charge' | 'refund'
  amount: number
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED'
  provider_ref: string | null
  reason: string | null
  error_code: string | null
  error_message: string | null
  created_at: Timestamp
  finished_at: NullableTimestamp
}

export type PaymentEventsTable = {
  id: string
  provider: PaymentProviderCode
  event_id: string
  type: string
  provider_ref: string | null
  payment_id: string | null
  payload: Json
  outcome: string | null
  created_at: NullableTimestamp
  received_at: Timestamp
  processed_at: NullableTimestamp
}

/** The test provider's own "remote side" (a simulated PSP). */
export type TestProviderPaymentsTable = {
  id: string
  idempotency_key: string
  amount: number
  currency: string
  status: 'succeeded' | 'failed' | 'pending'
  settles_to: 'succeeded' | 'failed' | null
  decline_code: string | null
  card_brand: string
  card_last4: string
  amount_refunded: Generated<number>
  metadata: ColumnType<Record<string, string>, string, string>
  created_at: Timestamp
  settled_at: NullableTimestamp
}

export type TestProviderRefundsTable = { id: string; payment_id: string; idempotency_key: string; amount: number; created_at: Timestamp }

export type TestProviderWebhooksTable = {
  id: string
  event_id: string
  type: string
  payment_ref: string
  body: string
  url: string
  attempts: Generated<number>
  last_status: number | null
  last_error: string | null
  delivered_at: NullableTimestamp
  created_at: Timestamp
}

export type PaymentsTables = {
  payments: PaymentsTable
  payment_attempts: PaymentAttemptsTable
  payment_events: PaymentEventsTable
  test_provider_payments: TestProviderPaymentsTable
  test_provider_refunds: TestProviderRefundsTable
  test_provider_webhooks: TestProviderWebhooksTable
}

export const paymentsDb = (db: Db) => db.withTables<PaymentsTables>()
