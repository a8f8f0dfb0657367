import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { returnableUnits, type ReturnableLine } from './returnable-units.ts'
import { returnsDb } from './tables.ts'

export type CreateReturnInput = {
  orderId: string
  reason: string
  lines: { orderLineId: string; quantity: number }[]
  /**
   * 'strict' (the shopper's return form): every line must be eligible and fit, inside the window.
   * 'clip' (a legal withdrawal already accepted): keep what fits, no window (the withdrawal checked its own).
   */
  mode: 'strict' | 'clip'
}

export type CreateReturnResult =
  | { ok: true; id: string; number: string; lines: { orderLineId: string; name: string; quantity: number }[] }
  | { ok: false; code: 'RETURN_NOT_SHIPPED' | 'RETURN_CLOSED' | 'RETURN_LINES_INVALID'; lineId?: string }

/**
 * Opens a return request (status requested) with its lines, in the caller's transaction. The
 * order row is locked first, so two requests sent at once cannot ask back more units than
 * shipped. A refusal writes nothing.
 */
export async function createReturnRequest(ctx: Ctx, input: CreateReturnInput): Promise<CreateReturnResult> {
  const db = returnsDb(ctx.db)
  await sql`SELECT id FROM orders WHERE id = ${input.orderId} FOR UPDATE`.execute(ctx.db)
  const state = await returnableUnits(ctx, input.orderId)
  if (!state.windowStart || state.lines.every((l) => l.shipped === 0)) return { ok: false, code: 'RETURN_NOT_SHIPPED' }
  if (input.mode === 'strict' && state.windowEnd && ctx.now.getTime() > state.windowEnd.getTime()) return { ok: false, code: 'RETURN_CLOSED' }
  const byId = new Map(state.lines.map((l) => [l.orderLineId, l]))
  const wanted = mergeLines(input.lines)
  const kept: { line: ReturnableLine; quantity: number }[] = []
  for (const w of wanted) {
    const line = byId.get(w.orderLineId)
    const fits = line && Number.isSafeInteger(w.quantity) && w.quantity >= 1 && w.quantity <= line.left
    if (fits) kept.push({ line, quantity: w.quantity })
    else if (input.mode === 'strict') return { ok: false, code: 'RETURN_LINES_INVALID', lineId: w.orderLineId }
    else if (line && line.left > 0 && w.quantity >= 1) kept.push({ line, quantity: line.left })
  }
  if (!kept.length) return { ok: false, code: 'RETURN_LINES_INVALID' }
  const id = newId('rtn')
  const seq = await sql<{ n: string }>`SELECT nextval('return_number_seq')::text AS n`.execute(ctx.db)
  const number = `RT-${seq.rows[0]!.n.padStart(6, '0')}`
  await db.insertInto('return_requests').values({ id, number, order_id: input.orderId, status: 'requested', reason: input.reason, requested_at: ctx.now }).execute()
  await db.insertInto('return_lines').values(kept.map((k) => ({ return_id: id, order_line_id: k.line.orderLineId, quantity: k.quantity, lot_id: k.line.lotId }))).execute()
  return { ok: true, id, number, lines: kept.map((k) => ({ orderLineId: k.line.orderLineId, name: k.line.name, quantity: k.quantity })) }
}

/** The same line twice in one form is one line with the units added (a tampered form). */
function mergeLines(lines: { orderLineId: string; quantity: number }[]): { orderLineId: string; quantity: number }[] {
  const out = new Map<string, number>()
  for (const l of lines) out.set(l.orderLineId, (out.get(l.orderLineId) ?? 0) + l.quantity)
  return [...out].map(([orderLineId, quantity]) => ({ orderLineId, quantity }))
}
