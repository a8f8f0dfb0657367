import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** a `date` column: node-postgres reads it as a Date at local midnight (isoDay gives the day back) */
type Day = ColumnType<Date, string, string>

export type PurchaseOrderStatus = 'draft' | 'sent' | 'confirmed' | 'partially_received' | 'received' | 'closed' | 'cancelled'
export type PurchaseModel = 'PURCHASE' | 'CONSIGNMENT'

export type PurchaseOrdersTable = {
  id: string
  number: string
  producer_id: string
  warehouse_code: string
  model: PurchaseModel
  status: PurchaseOrderStatus
  currency: Generated<string>
  expected_on: ColumnType<Date | null, string | null | undefined, string | null>
  note: string | null
  created_by: string | null
  sent_at: Timestamp | null
  confirmed_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
}

export type PurchaseOrderLinesTable = {
  id: string
  purchase_order_id: string
  position: number
  variant_id: string
  quantity_ordered: number
  unit_cost: number
  vat_rate_bp: number
  quantity_received: Generated<number>
}

export type GoodsReceiptsTable = {
  id: string
  number: string
  purchase_order_id: string
  producer_id: string
  warehouse_code: string
  received_on: Day
  received_by: string | null
  note: string | null
  created_at: Timestamp
}

export type GoodsReceiptLinesTable = {
  id: string
  receipt_id: string
  purchase_order_line_id: string
  variant_id: string
  lot_id: string | null
  lot_code: string
  produced_on: ColumnType<Date | null, string | null, string | null>
  best_before: ColumnType<Date | null, string | null, string | null>
  quantity_accepted: number
  quantity_damaged: number
  quantity_refused: number
  discrepancy_note: string | null
}

// Tables of other modules, as purchasing reads them (and, for lots and the ledger, appends to them
// on a receipt: the one place where bought stock enters; inventory's trigger keeps stock_levels).
export type LotsRow = {
  id: string
  variant_id: string
  warehouse_code: string
  lot_code: string
  best_before: ColumnType<Date | null, string | null, string | null>
  produced_on: ColumnType<Date | null, string | null, string | null>
  created_at: Timestamp
}
export type StockMovementsRow = {
  id: Generated<number>
  lot_id: string
  quantity: number
  reason: 'RECEIPT'
  reference: string | null
  note: string | null
  staff_id: string | null
  created_at: Timestamp
}
export type ProducersReadModel = { id: string; code: string; trade_name: string; email: string | null; territory_code: string | null; status: string }
export type ProductsReadModel = { id: string; producer_id: string; status: string; vat_category_code: string; name_fr: string }
export type VariantsReadModel = { id: string; product_id: string; sku: string; name_fr: string; status: string; pack_size: number }
export type VariantPricesReadModel = { variant_id: string; price_list: string; market: string; amount: number }
export type WarehousesReadModel = { code: string; name: string }

export type PurchasingTables = {
  purchase_orders: PurchaseOrdersTable
  purchase_order_lines: PurchaseOrderLinesTable
  goods_receipts: GoodsReceiptsTable
  goods_receipt_lines: GoodsReceiptLinesTable
  lots: LotsRow
  stock_movements: StockMovementsRow
  producers: ProducersReadModel
  products: ProductsReadModel
  product_variants: VariantsReadModel
  variant_prices: VariantPricesReadModel
  warehouses: WarehousesReadModel
}

export const purchasingDb = (db: Db) => db.withTables<PurchasingTables>()
