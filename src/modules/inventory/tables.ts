import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type MovementReason =
  | 'OPENING' | 'RECEIPT' | 'SALE' | 'RETURN' | 'ADJUSTMENT' | 'WRITE_OFF' | 'TRANSFER'
  // checkout holds stock (reserved), payment promises it (allocated), cancellation or expiry gives it back
  | 'RESERVE' | 'RELEASE' | 'ALLOCATE' | 'DEALLOCATE'

export type WarehousesTable = {
  code: string
  name: string
  territory_code: string
  commune: string
  postal_code: string
  roles: string[]
  temperature_zones: string[]
  bonded_excise_warehouse: boolean
  notes: string | null
}

export type LotsTable = {
  id: string
  variant_id: string
  warehouse_code: string
  lot_code: string
  best_before: string | null
  produced_on: string | null
  created_at: Timestamp
}

export type StockMovementsTable = {
  id: Generated<number>
  lot_id: string
  /** change of on-hand units */
  quantity: number
  reserved_delta: ColumnType<number, number | undefined, never>
  allocated_delta: ColumnType<number, number | undefined, never>
  reason: MovementReason
  reference: string | null
  note: string | null
  created_at: Timestamp
}

export type StockLevelsTable = {
  lot_id: string
  variant_id: string
  warehouse_code: string
  on_hand: number
  reserved: number
  allocated: number
}

/** SHIPPED: the units left in a parcel (migration 0017); they are never released again. */
export type ReservationStatus = 'HELD' | 'ALLOCATED' | 'RELEASED' | 'SHIPPED'

export type StockReservationsTable = {
  id: string
  order_id: string
  order_line_id: string
  variant_id: string
  lot_id: string
  quantity: number
  status: ReservationStatus
  expires_at: Date | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type VariantAvailabilityView = { variant_id: string; available: number; made_to_order: boolean }

export type InventoryTables = {
  warehouses: WarehousesTable
  lots: LotsTable
  stock_movements: StockMovementsTable
  stock_levels: StockLevelsTable
  stock_reservations: StockReservationsTable
  variant_availability: VariantAvailabilityView
}

export const inventoryDb = (db: Db) => db.withTables<InventoryTables>()
