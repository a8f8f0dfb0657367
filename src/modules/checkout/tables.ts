import type { ColumnType } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

/** Delivery address as the shopper typed it; the zone is derived from country + postal code. */
export type Address = { name: string; line1: string; line2?: string | null; postalCode: string; city: string; country: string; phone?: string | null }

export type CartsTable = {
  id: string
  customer_id: string | null
  market: string
  email: string | null
  ship_to: ColumnType<Address | null, string | null | undefined, string | null>
  shipping_method_code: string | null
  delivery_date: ColumnType<string | null, string | null | undefined, string | null>
  promo_code: string | null
  birth_date: ColumnType<string | null, string | null | undefined, string | null>
  order_id: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type CartLinesTable = { cart_id: string; variant_id: string; quantity: number; added_at: Timestamp }

export type CheckoutTables = { carts: CartsTable; cart_lines: CartLinesTable }

export const checkoutDb = (db: Db) => db.withTables<CheckoutTables>()
