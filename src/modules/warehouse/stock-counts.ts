import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { staffIdOf } from './tables.ts'

export type CountLine = { lotId: string; lotCode: string; sku: string; name: string; location: string | null; bestBefore: string | null; expected: number; counted: number | null; onHand: number; held: number }
export type StockCountView = { id: string; number: string; warehouseCode: string; status: string; note: string | null; createdAt: Date; postedAt: Date | null; lines: CountLine[] }

/** A refused count: which lots, and why (French), nothing posted. */
export class CountRefused extends AppError {
  constructor(message: string, readonly lots: string[]) {
    super('CONFLICT', message)
  }
}

/**
 * Opens a count of a warehouse (optionally the lots whose location starts with a prefix, or one
 * product's SKU): one line per lot with stock, expected = on hand now.
 */
export async function openStockCount(ctx: Ctx, input: { warehouse: string; locationPrefix?: string | null; sku?: string | null; note?: string | null }): Promise<{ id: string; number: string; lines: number }> {
  const prefix = input.locationPrefix?.trim().toUpperCase() || null
  const sku = input.sku?.trim() || null
  const id = newId('cnt', ctx.now.getTime())
  const head = await sql<{ number: string }>`
    INSERT INTO stock_counts (id, number, warehouse_code, status, note, created_by, created_at)
    SELECT ${id}, 'IN-' || lpad(nextval('stock_count_number_seq')::text, 6, '0'), code, 'open', ${input.note?.trim() || null}, ${staffIdOf(ctx.actor)}, ${ctx.now}
      FROM warehouses WHERE code = ${input.warehouse} RETURNING number`.execute(ctx.db)
  if (!head.rows[0]) throw new AppError('NOT_FOUND', 'Cet entrepôt n’existe pas.')
  const n = await sql`
    INSERT INTO stock_count_lines (stock_count_id, lot_id, expected)
    SELECT ${id}, l.id, s.on_hand FROM lots l JOIN stock_levels s ON s.lot_id = l.id JOIN product_variants v ON v.id = l.variant_id
     WHERE l.warehouse_code = ${input.warehouse} AND (s.on_hand > 0 OR s.allocated > 0 OR s.reserved > 0)
       AND (${prefix}::text IS NULL OR l.location LIKE ${prefix}::text || '%') AND (${sku}::text IS NULL OR v.sku = ${sku}::text)`.execute(ctx.db)
  const lines = Number(n.numAffectedRows ?? 0)
  if (lines === 0) throw new AppError('VALIDATION_FAILED', 'Aucun lot en stock ne correspond à ce périmètre : rien à compter.')
  await recordAudit(ctx, { action: 'warehouse.count_opened', entityType: 'stock_count', entityId: id, after: { number: head.rows[0].number, warehouse: input.warehouse, prefix, sku, lines } })
  return { id, number: head.rows[0].number, lines }
}

export async function getStockCount(ctx: Ctx, id: string): Promise<StockCountView | null> {
  const h = (await sql<{ id: string; number: string; warehouse_code: string; status: string; note: string | null; created_at: Date; posted_at: Date | null }>`
    SELECT id, number, warehouse_code, status, note, created_at, posted_at FROM stock_counts WHERE id = ${id}`.execute(ctx.db)).rows[0]
  if (!h) return null
  const lines = await sql<{ lot_id: string; lot_code: string; sku: string; name: string; location: string | null; best_before: Date | null; expected: number; counted: number | null; on_hand: number; held: number }>`
    SELECT c.lot_id, l.lot_code, v.sku, v.name_fr AS name, l.location, l.best_before, c.expected, c.counted, COALESCE(s.on_hand, 0) AS on_hand, COALESCE(s.reserved + s.allocated, 0) AS held
      FROM stock_count_lines c JOIN lots l ON l.id = c.lot_id JOIN product_variants v ON v.id = l.variant_id LEFT JOIN stock_levels s ON s.lot_id = l.id
     WHERE c.stock_count_id = ${id} ORDER BY l.location NULLS LAST, v.sku, l.lot_code`.execute(ctx.db)
  return {
    id: h.id, number: h.number, warehouseCode: h.warehouse_code, status: h.status, note: h.note, createdAt: h.created_at, postedAt: h.posted_at,
    lines: lines.rows.map((l) => ({ lotId: l.lot_id, lotCode: l.lot_code, sku: l.sku, name: l.name, location: l.location, bestBefore: l.best_before ? isoDay(l.best_before) : null, expected: l.expected, counted: l.counted, onHand: l.on_hand, held: l.held })),
  }
}

export async function listStockCounts(ctx: Ctx, input: { warehouse?: string | null; limit?: number }): Promise<{ id: string; number: string; warehouseCode: string; status: string; createdAt: Date; lines: number }[]> {
  const r = await sql<{ id: string; number: string; warehouse_code: string; status: string; created_at: Date; lines: number }>`
    SELECT c.id, c.number, c.warehouse_code, c.status, c.created_at, (SELECT count(*)::int FROM stock_count_lines x WHERE x.stock_count_id = c.id) AS lines
      FROM stock_counts c WHERE (${input.warehouse ?? null}::text IS NULL OR c.warehouse_code = ${input.warehouse ?? null}::text) ORDER BY c.created_at DESC, c.id DESC LIMIT ${input.limit ?? 20}`.execute(ctx.db)
  return r.rows.map((c) => ({ id: c.id, number: c.number, warehouseCode: c.warehouse_code, status: c.status, createdAt: c.created_at, lines: c.lines }))
}

/**
 * Saves the counted units and posts the count: one ADJUSTMENT movement per lot whose count
 * differs from its on-hand now (movements since the opening are respected: the adjustment is
 * counted − on hand). A count that leaves fewer units than are held or allocated is refused,
 * listing the lots; every lot must be counted. Call it inside a transaction.
 */
export async function postStockCount(ctx: Ctx, input: { countId: string; counted: Record<string, number> }): Promise<{ adjustments: number; delta: number }> {
  const count = await getStockCount(ctx, input.countId)
  if (!count) throw new AppError('NOT_FOUND', 'Cet inventaire n’existe pas.')
  if (count.status !== 'open') throw new AppError('CONFLICT', `L’inventaire ${count.number} est déjà ${count.status === 'posted' ? 'validé' : 'annulé'}.`)
  await sql`SELECT lot_id FROM stock_levels WHERE lot_id = ANY(${count.lines.map((l) => l.lotId)}::text[]) ORDER BY lot_id FOR UPDATE`.execute(ctx.db)
  const fresh = (await getStockCount(ctx, input.countId))!.lines
  const missing = fresh.filter((l) => input.counted[l.lotId] === undefined)
  if (missing.length) throw new CountRefused(`Comptez chaque lot avant de valider : ${missing.map((l) => `${l.sku} lot ${l.lotCode}`).join(', ')}.`, missing.map((l) => l.lotId))
  const short = fresh.filter((l) => input.counted[l.lotId]! < l.held)
  if (short.length) {
    throw new CountRefused(`Inventaire refusé : ces lots compteraient moins d’unités que celles déjà réservées ou allouées à des commandes — ${short.map((l) => `${l.sku} lot ${l.lotCode} (compté ${input.counted[l.lotId]}, ${l.held} promis)`).join(' ; ')}. Recomptez-les ou traitez ces commandes d’abord.`, short.map((l) => l.lotId))
  }
  const staffId = staffIdOf(ctx.actor)
  const diffs = fresh.map((l) => ({ lotId: l.lotId, counted: input.counted[l.lotId]!, delta: input.counted[l.lotId]! - l.onHand })).filter((d) => d.delta !== 0)
  await sql`UPDATE stock_count_lines c SET counted = x.counted FROM json_to_recordset(${JSON.stringify(fresh.map((l) => ({ lotId: l.lotId, counted: input.counted[l.lotId] })))}::json) AS x("lotId" text, counted int)
    WHERE c.stock_count_id = ${count.id} AND c.lot_id = x."lotId"`.execute(ctx.db)
  if (diffs.length) {
    await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference, note, staff_id, cause, created_at)
      SELECT "lotId", delta, 'ADJUSTMENT', ${count.id}::text, ${`inventaire ${count.number}`}::text, ${staffId}::text, 'count', ${ctx.now}::timestamptz
        FROM json_to_recordset(${JSON.stringify(diffs)}::json) AS x("lotId" text, delta int)`.execute(ctx.db)
  }
  await sql`UPDATE stock_counts SET status = 'posted', posted_at = ${ctx.now}, posted_by = ${staffId} WHERE id = ${count.id}`.execute(ctx.db)
  const delta = diffs.reduce((a, d) => a + d.delta, 0)
  await recordAudit(ctx, { action: 'warehouse.count_posted', entityType: 'stock_count', entityId: count.id, before: { status: 'open' }, after: { status: 'posted', adjustments: diffs } })
  return { adjustments: diffs.length, delta }
}
