import type { ColumnType } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type PickListStatus = 'open' | 'done' | 'cancelled'
export type ShipmentStatus = 'packing' | 'packed' | 'shipped' | 'delivered' | 'cancelled'
export type WriteOffCause = 'broken' | 'damaged' | 'expired' | 'lost' | 'theft' | 'quality' | 'return_to_producer' | 'other'

export type PickListsTable = { id: string; number: string; warehouse_code: string; status: PickListStatus; created_by: string | null; created_at: Timestamp; closed_at: Date | null }
export type ShipmentsTable = {
  id: string; number: string; order_id: string; warehouse_code: string; status: ShipmentStatus; parcel_count: number; weight_g: number | null
  protective_packing: boolean; carrier: string | null; tracking_number: string | null; tracking_url: string | null; packed_by: string | null
  packed_at: Date | null; shipped_at: Date | null; delivered_at: Date | null; created_at: Timestamp
}
export type ShipmentLinesTable = { shipment_id: string; order_line_id: string; lot_id: string; quantity: number }
export type StockCountsTable = { id: string; number: string; warehouse_code: string; status: 'open' | 'posted' | 'cancelled'; note: string | null; created_by: string | null; created_at: Timestamp; posted_at: Date | null; posted_by: string | null }
export type StockCountLinesTable = { stock_count_id: string; lot_id: string; expected: number; counted: number | null }

export type WarehouseTables = { pick_lists: PickListsTable; shipments: ShipmentsTable; shipment_lines: ShipmentLinesTable; stock_counts: StockCountsTable; stock_count_lines: StockCountLinesTable }

export const warehouseDb = (db: Db) => db.withTables<WarehouseTables>()

/** The staff member acting, for staff_id / created_by columns (null for the system). */
export const staffIdOf = (actor: { kind: string; staffId?: string }): string | null => (actor.kind === 'staff' ? (actor.staffId ?? null) : null)
