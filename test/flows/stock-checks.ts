import { sql } from 'kysely'
import type { Db } from '../../src/kernel/db/client.ts'

/** Brings a variant's sellable units in one warehouse down to `units` (write-offs through the ledger). */
export async function leaveOnlyUnits(db: Db, variantId: string, warehouse: string, units: number): Promise<void> {
  const lots = await sql<{ lot_id: string; available: number }>`
    SELECT lot_id, on_hand - reserved - allocated AS available FROM stock_levels WHERE variant_id = ${variantId} AND warehouse_code = ${warehouse} ORDER BY lot_id`.execute(db)
  let keep = units
  for (const l of lots.rows) {
    const remove = l.available - Math.min(keep, l.available)
    keep -= Math.min(keep, l.available)
    if (remove > 0) await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) VALUES (${l.lot_id}, ${-remove}, 'WRITE_OFF', 'test setup')`.execute(db)
  }
}

/**
 * The stock invariants: every level equals the sum of its ledger movements, reserved and
 * allocated equal the open holds and allocations, nothing is negative (CHECKs), and every
 * paid order has all its stocked units allocated.
 */
export async function stockInvariantsHold(db: Db): Promise<boolean> {
  const r = await sql<{ bad_levels: number; bad_paid: number }>`
    SELECT
      (SELECT count(*)::int FROM stock_levels s
         LEFT JOIN (SELECT lot_id, SUM(quantity) q, SUM(reserved_delta) r, SUM(allocated_delta) a FROM stock_movements GROUP BY lot_id) m ON m.lot_id = s.lot_id
         LEFT JOIN (SELECT lot_id, SUM(quantity) FILTER (WHERE status = 'HELD') h, SUM(quantity) FILTER (WHERE status = 'ALLOCATED') al FROM stock_reservations GROUP BY lot_id) x ON x.lot_id = s.lot_id
        WHERE s.on_hand <> COALESCE(m.q, 0) OR s.reserved <> COALESCE(m.r, 0) OR s.allocated <> COALESCE(m.a, 0)
           OR s.reserved <> COALESCE(x.h, 0) OR s.allocated <> COALESCE(x.al, 0)) AS bad_levels,
      (SELECT count(*)::int FROM orders o
        WHERE o.status = 'paid'
          AND (SELECT COALESCE(SUM(quantity), 0) FROM order_lines l WHERE l.order_id = o.id AND NOT l.made_to_order)
           <> (SELECT COALESCE(SUM(quantity), 0) FROM stock_reservations r WHERE r.order_id = o.id AND r.status = 'ALLOCATED')) AS bad_paid`.execute(db)
  return r.rows[0]!.bad_levels === 0 && r.rows[0]!.bad_paid === 0
}
