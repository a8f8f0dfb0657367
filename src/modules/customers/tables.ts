import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type CustomersTable = {
  id: string
  email: string
  password_hash: string
  first_name: string
  last_name: string
  locale: 'fr' | 'en'
  /** a `date`: select it as `birth_date::text` ('YYYY-MM-DD'), the pg driver would make it a local-midnight Date */
  birth_date: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export type CustomerSessionsTable = {
  id: string
  customer_id: string
  token_hash: string
  created_at: Timestamp
  expires_at: Timestamp
}

export type PasswordResetsTable = {
  id: string
  customer_id: string
  token_hash: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
}

export type CustomerAddressesTable = {
  id: string
  customer_id: string
  name: string
  line1: string
  line2: string | null
  postal_code: string
  city: string
  country: string
  phone: string | null
  is_default: boolean
  created_at: Timestamp
  updated_at: Timestamp
}

export type SignInAttemptsTable = {
  id: Generated<number>
  email_key: string
  ip: string
  attempted_at: Timestamp
}

export type CustomerTables = {
  customers: CustomersTable
  customer_sessions: CustomerSessionsTable
  password_resets: PasswordResetsTable
  customer_addresses: CustomerAddressesTable
  sign_in_attempts: SignInAttemptsTable
}

/** The customers module's view of the database. */
export const customersDb = (db: Db) => db.withTables<CustomerTables>()
