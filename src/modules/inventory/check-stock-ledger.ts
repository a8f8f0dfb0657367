import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

/** One lot whose level disagrees with its ledger or with its open reservations. */
export type StockMismatch = {
  lotId: string
  lotCode: string
  sku: string
  warehouseCode: string
  level: { onHand: number; reserved: number; allocated: number }
  ledger: { onHand: number; reserved: number; allocated: number }
  reservations: { held: number; allocated: number }
}

/**
 * The stock ledger's invariants, lot by lot: stock_levels equals the sum of its movements
 * (quantity, reserved_delta, allocated_delta), reserved equals the HELD reservations and
 * allocated the ALLOCATED ones. A lot with movements but no level row counts too. One
 * set-based query; an empty list means the ledger is sound.
 */
export async function checkStockLedger(db: Db): Promise<StockMismatch[]> {
  const r = await sql<{ lot_id: string; lot_code: string; sku: string; warehouse_code: string; on_hand: number; reserved: number; allocated: number; m_q: number; m_r: number; m_a: number; held: number; alloc: number }>`
    WITH m AS (SELECT lot_id, SUM(quantity)::int AS q, SUM(reserved_delta)::int AS r, SUM(allocated_delta)::int AS a FROM stock_movements GROUP BY lot_id),
    x AS (SELECT lot_id, (SUM(quantity) FILTER (WHERE status = 'HELD'))::int AS h, (SUM(quantity) FILTER (WHERE status = 'ALLOCATED'))::int AS al FROM stock_reservations GROUP BY lot_id),
    lots_seen AS (SELECT lot_id FROM stock_levels UNION SELECT lot_id FROM m UNION SELECT lot_id FROM x)
    SELECT l.id AS lot_id, l.lot_code, v.sku, l.warehouse_code,
           COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.reserved, 0) AS reserved, COALESCE(s.allocated, 0) AS allocated,
           COALESCE(m.q, 0) AS m_q, COALESCE(m.r, 0) AS m_r, COALESCE(m.a, 0) AS m_a, COALESCE(x.h, 0) AS held, COALESCE(x.al, 0) AS alloc
      FROM lots_seen ls
      JOIN lots l ON l.id = ls.lot_id
      JOIN product_variants v ON v.id = l.variant_id
      LEFT JOIN stock_levels s ON s.lot_id = l.id
      LEFT JOIN m ON m.lot_id = l.id
      LEFT JOIN x ON x.lot_id = l.id
     WHERE COALESCE(s.on_hand, 0) <> COALESCE(m.q, 0) OR COALESCE(s.reserved, 0) <> COALESCE(m.r, 0) OR COALESCE(s.allocated, 0) <> COALESCE(m.a, 0)
        OR COALESCE(s.reserved, 0) <> COALESCE(x.h, 0) OR COALESCE(s.allocated, 0) <> COALESCE(x.al, 0)
     ORDER BY v.sku, l.warehouse_code, l.lot_code`.execute(db)
  return r.rows.map((row) => ({
    lotId: row.lot_id,
    lotCode: row.lot_code,
    sku: row.sku,
    warehouseCode: row.warehouse_code,
    level: { onHand: row.on_hand, reserved: row.reserved, allocated: row.allocated },
    ledger: { onHand: row.m_q, reserved: row.m_r, allocated: row.m_a },
    reservations: { held: row.held, allocated: row.alloc },
  }))
}

const triple = (t: { onHand: number; reserved: number; allocated: number }) => `${t.onHand}/${t.reserved}/${t.allocated}`

/** The mismatches as a plain table, one line per lot, grouped by SKU and warehouse (`npm run check:stock`). */
export function formatStockMismatches(bad: readonly StockMismatch[]): string {
  const head = ['SKU', 'Entrepôt', 'Lot', 'Niveau (stock/rés./alloué)', 'Mouvements', 'Réservations (HELD/ALLOCATED)']
  const rows = bad.map((m) => [m.sku, m.warehouseCode, m.lotCode, triple(m.level), triple(m.ledger), `${m.reservations.held}/${m.reservations.allocated}`])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [`${bad.length} lot(s) en écart :`, line(head), ...rows.map(line)].join('\n')
}
