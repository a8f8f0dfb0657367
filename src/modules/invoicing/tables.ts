import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

// jsonb written as a JSON string, read back as parsed JSON (validated by the reader).
type Json = ColumnType<unknown, string, never>
// Issued documents are append-only (trigger): no column is ever updatable.
type Frozen<T> = ColumnType<T, T, never>

export type CompanyProfilesTable = {
  id: string
  legal_name: string
  trade_name: string | null
  legal_form: string
  share_capital_cents: number | null
  siren: string
  rcs_city: string | null
  vat_number: string | null
  address_line1: string
  address_line2: string | null
  postal_code: string
  city: string
  country: string
  territory_code: string
  email: string
  phone: string | null
  bank_account_holder: string | null
  iban: string | null
  bic: string | null
  time_zone: Generated<string>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export type InvoiceCountersTable = {
  series: 'F' | 'A'
  year: number
  last_value: Generated<number>
}

type IssuedDocumentColumns = {
  id: Frozen<string>
  number: Frozen<string>
  year: Frozen<number>
  sequence: Frozen<number>
  total_net: Frozen<number>
  total_vat: Frozen<number>
  total_gross: Frozen<number>
  issued_at: Frozen<Date>
  snapshot: Json
  created_at: ColumnType<Date, never, never>
}

export type InvoicesTable = IssuedDocumentColumns & {
  order_id: Frozen<string>
  order_number: Frozen<string>
  buyer_kind: Frozen<'B2C' | 'B2B'>
  currency: Frozen<'EUR'>
}

export type CreditNotesTable = IssuedDocumentColumns & {
  invoice_id: Frozen<string>
  reason: Frozen<string>
}

export type InvoicingTables = {
  company_profiles: CompanyProfilesTable
  invoice_counters: InvoiceCountersTable
  invoices: InvoicesTable
  credit_notes: CreditNotesTable
}

export const invoicingDb = (db: Db) => db.withTables<InvoicingTables>()
