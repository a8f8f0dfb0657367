import type { ColumnType } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export const RETURN_STATUSES = ['requested', 'approved', 'rejected', 'received', 'refunded'] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]

/** Why a shopper sends units back (the return form's list). */
export const RETURN_REASONS = ['changed_mind', 'damaged', 'wrong_item', 'not_as_described', 'other'] as const
export type ReturnReason = (typeof RETURN_REASONS)[number]

/** migration 0013: one shopper's request to send units of an order back */
export type ReturnRequestsTable = {
  id: string
  number: string
  order_id: string
  status: ReturnStatus
  reason: string
  decision_note: string | null
  requested_at: Timestamp
  decided_at: NullableTimestamp
  decided_by: string | null
  received_at: NullableTimestamp
  received_by: string | null
  refunded_at: NullableTimestamp
  credit_note_id: string | null
  refund_amount: number | null
}

export type ReturnLinesTable = {
  return_id: string
  order_line_id: string
  quantity: number
  lot_id: string | null
  quantity_restocked: ColumnType<number, number | undefined, number>
  quantity_written_off: ColumnType<number, number | undefined, number>
}

// Read models of other modules' tables (their migrations own them): what a return needs to know
// about the order, what left in which parcel from which lot, and where that lot sits. The only
// write outside the module's own tables is the stock ledger insert (append-only, see receive-return.ts).
export type ReturnOrdersReadModel = { id: string; number: string; status: string; email: string; locale: 'fr' | 'en'; customer_id: string | null; promise_to: Date | string }
export type ReturnOrderLinesReadModel = { id: string; order_id: string; position: number; sku: string; name: string; quantity: number; withdrawal_eligible: boolean }
export type ReturnShipmentsReadModel = { id: string; order_id: string; warehouse_code: string; status: string; shipped_at: Date | null; delivered_at: Date | null }
export type ReturnShipmentLinesReadModel = { shipment_id: string; order_line_id: string; lot_id: string; quantity: number }
export type ReturnReservationsReadModel = { order_id: string; order_line_id: string; lot_id: string; quantity: number; status: string }
export type ReturnLotsReadModel = { id: string; variant_id: string; warehouse_code: string; lot_code: string; best_before: Date | string | null }
export type ReturnWarehousesReadModel = { code: string; name: string; territory_code: string; commune: string; postal_code: string }
export type ReturnStockMovementsTable = {
  lot_id: string
  quantity: number
  reason: 'RETURN' | 'WRITE_OFF'
  reference: string | null
  note: string | null
  staff_id: string | null
  cause: string | null
  created_at: Timestamp
}

export type ReturnsTables = {
  return_requests: ReturnRequestsTable
  return_lines: ReturnLinesTable
  orders: ReturnOrdersReadModel
  order_lines: ReturnOrderLinesReadModel
  shipments: ReturnShipmentsReadModel
  shipment_lines: ReturnShipmentLinesReadModel
  stock_reservations: ReturnReservationsReadModel
  lots: ReturnLotsReadModel
  warehouses: ReturnWarehousesReadModel
  stock_movements: ReturnStockMovementsTable
}

export const returnsDb = (db: Db) => db.withTables<ReturnsTables>()
