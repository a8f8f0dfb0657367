import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { EventRow } from './tables.ts'

/**
 * An `order` event's value comes from the order itself (its total, tax included), never from the
 * browser; an unknown or cancelled order is dropped. Reads the orders table directly (observer
 * tier, one indexed lookup per confirmation page).
 */
export async function withOrderValues(ctx: Ctx, rows: EventRow[]): Promise<EventRow[]> {
  const ids = [...new Set(rows.filter((r) => r.type === 'order').map((r) => r.order_id!))]
  if (ids.length === 0) return rows
  const found = await sql<{ id: string; total_gross: number }>`SELECT id, total_gross FROM orders WHERE id = ANY(${ids}::text[]) AND status <> 'cancelled'`.execute(ctx.db)
  const value = new Map(found.rows.map((o) => [o.id, Number(o.total_gross)]))
  return rows.flatMap((r) => (r.type !== 'order' ? [r] : value.has(r.order_id!) ? [{ ...r, value_cents: value.get(r.order_id!)! }] : []))
}
