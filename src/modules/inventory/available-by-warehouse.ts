import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/**
 * Sellable units per variant and warehouse (neither held nor allocated, in lots still good
 * on `usableUntil`), for many variants in one query: the checkout picks a warehouse per line.
 */
export async function availableByWarehouse(ctx: Ctx, input: { variantIds: readonly string[]; usableUntil?: string }): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>()
  if (input.variantIds.length === 0) return out
  const day = input.usableUntil ?? ctx.now.toISOString().slice(0, 10)
  const rows = await sql<{ variant_id: string; warehouse_code: string; available: number }>`
    SELECT s.variant_id, s.warehouse_code, SUM(s.on_hand - s.reserved - s.allocated)::int AS available
      FROM stock_levels s JOIN lots l ON l.id = s.lot_id
     WHERE s.variant_id = ANY(${input.variantIds as string[]}) AND (l.best_before IS NULL OR l.best_before > ${day}::date)
     GROUP BY s.variant_id, s.warehouse_code`.execute(ctx.db)
  for (const r of rows.rows) {
    const m = out.get(r.variant_id) ?? new Map<string, number>()
    m.set(r.warehouse_code, r.available)
    out.set(r.variant_id, m)
  }
  return out
}
