import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import type { PaymentTermsType } from '../producers/index.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** a `date` column: read back as a local-midnight Date (use isoDay), written as 'YYYY-MM-DD' */
type Day = ColumnType<Date | string, string, string>

export type InvoiceStatus = 'received' | 'disputed' | 'approved' | 'paid' | 'cancelled'
export type MatchStatus = 'matched' | 'mismatch' | 'unmatched'

// ── tables the payables module owns (migration 0013) ──────────────────────
export type SupplierInvoicesTable = {
  id: string
  producer_id: string
  invoice_number: string
  purchase_order_id: string | null
  invoice_date: Day
  delivered_on: Day | null
  received_on: ColumnType<Date, string | undefined, string>
  currency: Generated<string>
  total_net: number
  total_vat: number
  total_gross: number
  due_on: Day
  payment_terms_type: PaymentTermsType
  payment_terms_days: number
  match_status: MatchStatus
  /** JSON text on write (the pg driver would send a JS array as a PostgreSQL array) */
  match_detail: ColumnType<unknown, string, string>
  status: InvoiceStatus
  amount_paid: Generated<number>
  paid_at: Timestamp | null
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type SupplierInvoiceLinesTable = {
  id: string
  supplier_invoice_id: string
  position: number
  purchase_order_line_id: string | null
  variant_id: string | null
  description: string
  quantity: number
  unit_cost: number
  net: number
  vat_rate_bp: number
  vat: number
}

export type PaymentRunsTable = {
  id: string
  number: string
  pay_on: Day
  status: 'draft' | 'executed' | 'cancelled'
  total: Generated<number>
  created_by: string | null
  created_at: Timestamp
  executed_at: Timestamp | null
  executed_by: string | null
}

export type SupplierPaymentsTable = {
  id: string
  supplier_invoice_id: string
  payment_run_id: string | null
  amount: number
  paid_on: Day
  reference: string | null
  created_by: string | null
  created_at: Timestamp
}

/** The selection of a draft run (migration 0016). */
export type PaymentRunInvoicesTable = { payment_run_id: string; supplier_invoice_id: string; amount_proposed: number }

export type ConsignmentStatementsTable = {
  id: string
  number: string
  producer_id: string
  period_start: Day
  period_end: Day
  currency: Generated<string>
  units: number
  sales_net: number
  commission_bp: number
  commission_net: number
  commission_vat: number
  amount_owed: number
  due_on: Day
  status: 'issued' | 'paid'
  amount_paid: Generated<number>
  issued_at: Timestamp
  created_by: string | null
}

export type ConsignmentStatementLinesTable = {
  id: Generated<number>
  statement_id: string
  order_line_id: string
  order_number: string
  variant_id: string
  sku: string
  sold_on: Day
  quantity: number
  net: number
}

// ── read models of tables owned elsewhere (purchasing, catalog, orders, staff, producers) ──
// Payables only reads them to match invoices against orders and receipts, to name producers and
// products, and to find whom to alert; it never writes them.
export type PurchaseOrdersReadModel = { id: string; number: string; producer_id: string; status: string; model: 'PURCHASE' | 'CONSIGNMENT' }
export type PurchaseOrderLinesReadModel = {
  id: string
  purchase_order_id: string
  position: number
  variant_id: string
  quantity_ordered: number
  unit_cost: number
  vat_rate_bp: number
}
export type GoodsReceiptsReadModel = { id: string; number: string; purchase_order_id: string; received_on: Date }
export type GoodsReceiptLinesReadModel = { id: string; receipt_id: string; purchase_order_line_id: string; quantity_accepted: number }
export type ProducersReadModel = { id: string; code: string; trade_name: string; kind: string; siren: string | null; email: string | null }
export type ProductsReadModel = { id: string; producer_id: string; name_fr: string }
export type VariantsReadModel = { id: string; product_id: string; sku: string; name_fr: string }
export type StaffUsersReadModel = { id: string; email: string; active: boolean }
export type StaffRolesReadModel = { staff_id: string; role: string }

export type PayablesTables = {
  supplier_invoices: SupplierInvoicesTable
  supplier_invoice_lines: SupplierInvoiceLinesTable
  payment_runs: PaymentRunsTable
  supplier_payments: SupplierPaymentsTable
  payment_run_invoices: PaymentRunInvoicesTable
  consignment_statements: ConsignmentStatementsTable
  consignment_statement_lines: ConsignmentStatementLinesTable
  purchase_orders: PurchaseOrdersReadModel
  purchase_order_lines: PurchaseOrderLinesReadModel
  goods_receipts: GoodsReceiptsReadModel
  goods_receipt_lines: GoodsReceiptLinesReadModel
  producers: ProducersReadModel
  products: ProductsReadModel
  product_variants: VariantsReadModel
  staff_users: StaffUsersReadModel
  staff_roles: StaffRolesReadModel
}

export const payablesDb = (db: Db) => db.withTables<PayablesTables>()
