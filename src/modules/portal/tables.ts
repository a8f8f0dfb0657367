import type { ColumnType } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Day = ColumnType<Date, Date | string, Date | string>
/** bigint columns come back as strings from the driver */
type Cents = ColumnType<string, number | string, number | string>

// The portal owns content_proposals; everything else here is read only, always through a query
// scoped by the session's producer (see scope.ts). Columns are listed only as far as the portal reads them.

export type ContentProposalsTable = {
  id: string
  producer_id: string
  product_id: string
  proposed_by: string
  changes: ColumnType<Record<string, string | null>, string, string>
  image_ids: ColumnType<string[], string[] | undefined, string[]>
  message: string | null
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn'
  review_note: string | null
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  created_at: Timestamp
}

export type PortalTables = {
  content_proposals: ContentProposalsTable
  producers: { id: string; code: string; trade_name: string }
  producer_users: { id: string; producer_id: string; name: string; email: string }
  products: { id: string; producer_id: string; status: string; name_fr: string; name_en: string; description_fr: string | null; description_en: string | null; version: number }
  product_variants: { id: string; product_id: string; sku: string; name_fr: string; position: number }
  product_images: { product_id: string; image_id: string; position: number }
  images: { id: string; storage_key: string; widths: number[]; alt_fr: string; alt_en: string }
  lots: { id: string; variant_id: string; warehouse_code: string; lot_code: string; best_before: ColumnType<Date | null, string | null, string | null> }
  stock_levels: { lot_id: string; variant_id: string; warehouse_code: string; on_hand: number; reserved: number; allocated: number }
  warehouses: { code: string; name: string }
  orders: { id: string; status: string; paid_at: Date | null; placed_at: Date }
  order_lines: { id: string; order_id: string; variant_id: string; quantity: number; net: Cents }
  purchase_orders: {
    id: string; number: string; producer_id: string; warehouse_code: string; model: 'PURCHASE' | 'CONSIGNMENT'; status: string; currency: string
    expected_on: Day | null; note: string | null; sent_at: Date | null; confirmed_at: Timestamp | null; created_at: Date; updated_at: Timestamp; version: number
  }
  purchase_order_lines: { id: string; purchase_order_id: string; position: number; variant_id: string; quantity_ordered: number; unit_cost: Cents; vat_rate_bp: number; quantity_received: number }
  goods_receipts: { id: string; number: string; purchase_order_id: string; producer_id: string; warehouse_code: string; received_on: Day; note: string | null }
  goods_receipt_lines: {
    id: string; receipt_id: string; purchase_order_line_id: string; variant_id: string; lot_code: string; best_before: Day | null
    quantity_accepted: number; quantity_damaged: number; quantity_refused: number; discrepancy_note: string | null
  }
  supplier_invoices: {
    id: string; producer_id: string; invoice_number: string; purchase_order_id: string | null; invoice_date: Day; currency: string
    total_net: Cents; total_vat: Cents; total_gross: Cents; due_on: Day; status: string; amount_paid: Cents; paid_at: Date | null
  }
  consignment_statements: {
    id: string; number: string; producer_id: string; period_start: Day; period_end: Day; currency: string; units: number; sales_net: Cents
    commission_bp: number; commission_net: Cents; commission_vat: Cents; amount_owed: Cents; due_on: Day; status: string; amount_paid: Cents; issued_at: Date
  }
}

/** The portal's view of the database. */
export const portalDb = (db: Db) => db.withTables<PortalTables>()
