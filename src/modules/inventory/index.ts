/** Stock: lots, the append-only ledger, holds for checkouts and allocations for paid orders. */
export { pickFefo, fefoOrder, type LotStock, type LotPick } from './fefo.ts'
/** Holds stock for an unpaid order (FEFO, row locks, database CHECK as last defence). */
export { reserveStock, type ReserveStockInput, type ReserveStockResult, type ReserveLine, type Reservation } from './reserve-stock.ts'
/** Payment, cancellation and expiry moves of an order's stock. */
export { allocateReservations, releaseReservations, extendHold } from './settle-reservations.ts'
/** Units a variant can still sell per warehouse, in usable lots. */
export { availableByWarehouse } from './available-by-warehouse.ts'
export type { MovementReason, ReservationStatus } from './tables.ts'
/** Warehouses with their territory and roles. */
export { listWarehouses, type WarehouseSummary } from './list-warehouses.ts'
/** The ledger's invariants per lot (levels = movements = open reservations); used by `npm run check:stock` and tests. */
export { checkStockLedger, formatStockMismatches, type StockMismatch } from './check-stock-ledger.ts'
