import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import type { OrderState } from './order-lifecycle.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>
type DateCol = ColumnType<string | null, string | null | undefined, string | null>

export type OrderAddress = { name: string; line1: string; line2?: string | null; postalCode: string; city: string; country: string; phone?: string | null }
export type RatePartJson = { rateBp: number; net: number; vat: number }
export type TaxSummary = {
  vatByRate: RatePartJson[]
  mentions: string[]
  shipments: { warehouseCode: string; originTerritory: string; treatment: string; rateTerritory: string | null; importVat: boolean; exciseScope: string; shippingGross: number }[]
  shipping: { net: number; vat: number; parts: RatePartJson[] } | null
}

export type OrdersTable = {
  id: string
  number: string
  status: OrderState
  customer_id: string | null
  email: string
  locale: 'fr' | 'en'
  market: string
  currency: string
  customer_kind: 'B2C' | 'B2B'
  ship_to: Json<OrderAddress>
  bill_to: Json<OrderAddress>
  zone: string
  shipping_method_code: string
  shipping_method_name: string
  delivery_date: DateCol
  promise_from: ColumnType<string, string, string>
  promise_to: ColumnType<string, string, string>
  promo_code: string | null
  promo_id: string | null
  goods_gross: number
  discount_gross: number
  shipping_gross: number
  tax_adjustment: number
  total_net: number
  total_vat: number
  total_gross: number
  excise_total: number
  tax_summary: Json<TaxSummary>
  payment_method: 'card' | 'bank_transfer'
  age_confirmed_at: Date | null
  birth_date: DateCol
  idempotency_key: string
  cart_id: string | null
  reservation_expires_at: Date | null
  placed_at: Timestamp
  paid_at: Date | null
  cancelled_at: Date | null
  updated_at: Timestamp
}

export type OrderLinesTable = {
  id: string
  order_id: string
  position: number
  variant_id: string
  sku: string
  name: string
  quantity: number
  unit_gross: number
  line_gross: number
  discount_gross: number
  net: number
  vat: number
  vat_parts: Json<RatePartJson[]>
  excise: number
  css: number
  warehouse_code: string
  tax_category: string
  made_to_order: boolean
  age_restricted: boolean
  withdrawal_eligible: boolean
}

export type OrderStatusHistoryTable = { id: Generated<number>; order_id: string; from_status: OrderState | null; to_status: OrderState; actor: string; note: string | null; created_at: Timestamp }
export type WithdrawalRequestsTable = { id: string; order_id: string; lines: Json<{ orderLineId: string; quantity: number }[]>; statement: string | null; received_at: Timestamp }

export type OrdersTables = { orders: OrdersTable; order_lines: OrderLinesTable; order_status_history: OrderStatusHistoryTable; withdrawal_requests: WithdrawalRequestsTable }

export const ordersDb = (db: Db) => db.withTables<OrdersTables>()
