import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { ReturnView } from './get-return.ts'
import { returnableUnits } from './returnable-units.ts'
import { returnsDb } from './tables.ts'

export type ReceivedLine = { orderLineId: string; restocked: number; writtenOff: number }
export type ReceiptErrors = Record<string, string>

/** Field names of the receipt form, per return line. */
export const receiptField = (kind: 'restock' | 'writeoff', orderLineId: string): string => `${kind}_${orderLineId}`

/** Refusals of a receipt, per field (French, for the warehouse form); empty: it may be recorded. */
export function checkReceipt(ctx: Ctx, ret: ReturnView, lines: ReceivedLine[]): ReceiptErrors {
  const errors: ReceiptErrors = {}
  const today = isoDay(ctx.now)
  for (const given of lines) if (!ret.lines.some((l) => l.orderLineId === given.orderLineId)) errors.form = 'Ce formulaire ne correspond pas à ce retour : rechargez la page.'
  let units = 0
  for (const l of ret.lines) {
    const g = lines.find((x) => x.orderLineId === l.orderLineId) ?? { orderLineId: l.orderLineId, restocked: 0, writtenOff: 0 }
    const ok = (n: number) => Number.isSafeInteger(n) && n >= 0
    if (!ok(g.restocked)) errors[receiptField('restock', l.orderLineId)] = `${l.name} : indiquez un nombre entier d’unités remises en stock (0 ou plus).`
    if (!ok(g.writtenOff)) errors[receiptField('writeoff', l.orderLineId)] = `${l.name} : indiquez un nombre entier d’unités mises au rebut (0 ou plus).`
    if (!ok(g.restocked) || !ok(g.writtenOff)) continue
    if (g.restocked + g.writtenOff > l.quantity) errors[receiptField('restock', l.orderLineId)] = `${l.name} : ${g.restocked + g.writtenOff} unités reçues, mais le retour n’en annonce que ${l.quantity}.`
    else if (g.restocked > 0 && !l.lotId) errors[receiptField('restock', l.orderLineId)] = `${l.name} : aucun lot connu pour remettre ces unités en stock ; mettez-les au rebut.`
    else if (g.restocked > 0 && l.bestBefore !== null && l.bestBefore < today) errors[receiptField('restock', l.orderLineId)] = `${l.name} : le lot ${l.lotCode} est périmé depuis le ${l.bestBefore} : ces unités ne peuvent pas revenir en stock, mettez-les au rebut.`
    units += g.restocked + g.writtenOff
  }
  if (!Object.keys(errors).length && units === 0) errors.form = 'Indiquez au moins une unité reçue (remise en stock ou mise au rebut).'
  return errors
}

/**
 * Records what came back, in the caller's transaction (the request row locked and checked by
 * the caller). The ledger tells the story: each unit received enters its lot by a RETURN
 * movement (reference = return id, staff_id), and a unit written off leaves it at once by a
 * WRITE_OFF movement with its cause ('expired' for a lot past its date, 'damaged' otherwise), so
 * restocked units become sellable and written-off ones never do. The request becomes `received`.
 */
export async function recordReturnReceipt(ctx: Ctx, ret: ReturnView, lines: ReceivedLine[]): Promise<void> {
  const db = returnsDb(ctx.db)
  const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null
  const today = isoDay(ctx.now)
  for (const l of ret.lines) {
    const g = lines.find((x) => x.orderLineId === l.orderLineId)
    if (!g || g.restocked + g.writtenOff === 0) continue
    await db.updateTable('return_lines').set({ quantity_restocked: g.restocked, quantity_written_off: g.writtenOff }).where('return_id', '=', ret.id).where('order_line_id', '=', l.orderLineId).execute()
    if (!l.lotId) continue // written off without a known lot: nothing enters the ledger
    const base = { lot_id: l.lotId, reference: ret.id, staff_id: staffId, created_at: ctx.now }
    await db.insertInto('stock_movements').values({ ...base, quantity: g.restocked + g.writtenOff, reason: 'RETURN', note: `retour ${ret.number}`, cause: null }).execute()
    if (g.writtenOff > 0) {
      const cause = l.bestBefore !== null && l.bestBefore < today ? 'expired' : 'damaged'
      await db.insertInto('stock_movements').values({ ...base, quantity: -g.writtenOff, reason: 'WRITE_OFF', note: `retour ${ret.number} : mis au rebut`, cause }).execute()
    }
  }
  await db.updateTable('return_requests').set({ status: 'received', received_at: ctx.now, received_by: staffId }).where('id', '=', ret.id).where('status', '=', 'approved').execute()
}

/** Whether every unit that left for this order came back (received in some return). */
export async function orderFullyReturned(ctx: Ctx, orderId: string): Promise<boolean> {
  const [state, received] = await Promise.all([
    returnableUnits(ctx, orderId),
    returnsDb(ctx.db).selectFrom('return_lines as rl').innerJoin('return_requests as r', 'r.id', 'rl.return_id')
      .select(['rl.order_line_id', 'rl.quantity_restocked', 'rl.quantity_written_off'])
      .where('r.order_id', '=', orderId).where('r.status', 'in', ['received', 'refunded']).execute(),
  ])
  const back = (id: string) => received.filter((r) => r.order_line_id === id).reduce((n, r) => n + r.quantity_restocked + r.quantity_written_off, 0)
  const shipped = state.lines.filter((l) => l.shipped > 0)
  return shipped.length > 0 && shipped.every((l) => back(l.orderLineId) >= l.shipped)
}

/** The refund of a received return: its credit note and amount; the request becomes `refunded`. */
export async function markReturnRefunded(ctx: Ctx, input: { returnId: string; creditNoteId: string | null; amount: number }): Promise<{ changed: boolean }> {
  const r = await returnsDb(ctx.db).updateTable('return_requests')
    .set({ status: 'refunded', refunded_at: ctx.now, credit_note_id: input.creditNoteId, refund_amount: input.amount })
    .where('id', '=', input.returnId).where('status', '=', 'received').executeTakeFirst()
  return { changed: Number(r.numUpdatedRows) === 1 }
}
