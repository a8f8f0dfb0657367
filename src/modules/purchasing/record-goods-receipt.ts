import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { count, day, invalid, optionalDay, optionalText, parseInput, recordId, type FieldError } from './fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { OVER_DELIVERY_TOLERANCE, RECEIVABLE, STATUS_LABELS } from './lifecycle.ts'
import { poNotFound } from './transition-purchase-order.ts'
import { purchasingDb } from './tables.ts'

const ReceiptLine = z.object({
  purchaseOrderLineId: recordId('Une ligne de réception ne correspond à aucune ligne du bon de commande'),
  lotCode: z.string().trim().max(60, 'Le numéro de lot : 60 caractères au plus').refine((s) => !s.includes('\u0000'), 'Le numéro de lot contient un caractère interdit').default(''),
  producedOn: optionalDay('La date de production'),
  bestBefore: optionalDay('La date limite (DLUO/DLC)'),
  accepted: count('La quantité acceptée'),
  damaged: count('La quantité abîmée'),
  refused: count('La quantité refusée'),
  discrepancyNote: optionalText('La note d’écart', 2000),
})

export const RecordGoodsReceiptInput = z.object({
  purchaseOrderId: recordId('Bon de commande inconnu'),
  receivedOn: day('La date de réception'),
  note: optionalText('La note', 4000),
  lines: z.array(ReceiptLine).max(500, '500 lots au plus par réception'),
})
export type RecordGoodsReceiptInput = z.input<typeof RecordGoodsReceiptInput>

/**
 * Records a delivery against a purchase order, in ONE transaction: the receipt and its lines (one
 * per lot), the lot created or reused (same variant, warehouse and code: its dates must match),
 * a RECEIPT movement per accepted lot (the only way bought stock enters the ledger), the lines'
 * received quantities and the order's status. The order row is locked first, so two receipts of
 * the same last units are serialised: the second is refused. Nothing is written on any refusal.
 */
export async function recordGoodsReceipt(ctx: Ctx, raw: RecordGoodsReceiptInput): Promise<{ receiptId: string; number: string; status: string }> {
  const input = parseInput(RecordGoodsReceiptInput, raw)
  const lines = input.lines.map((l, i) => ({ ...l, index: i })).filter((l) => l.accepted + l.damaged + l.refused > 0)
  const errors: FieldError[] = []
  if (!lines.length) errors.push({ path: 'lines', message: 'Saisissez au moins une quantité reçue (acceptée, abîmée ou refusée).' })
  const today = isoDay(ctx.now)
  if (input.receivedOn > today) errors.push({ path: 'receivedOn', message: 'La date de réception ne peut pas être dans le futur.' })
  for (const l of lines) {
    if (l.accepted > 0 && !l.lotCode) errors.push({ path: `lines.${l.index}.lotCode`, message: `Ligne ${l.index + 1} : le numéro de lot est obligatoire pour des unités acceptées.` })
    if (l.producedOn && l.bestBefore && l.bestBefore < l.producedOn) errors.push({ path: `lines.${l.index}.bestBefore`, message: `Ligne ${l.index + 1} : la date limite est antérieure à la date de production.` })
    if (l.producedOn && l.producedOn > input.receivedOn) errors.push({ path: `lines.${l.index}.producedOn`, message: `Ligne ${l.index + 1} : la date de production est postérieure à la réception.` })
  }
  if (errors.length) invalid(errors)

  return inTransaction(ctx, async (tx) => {
    const db = purchasingDb(tx.db)
    const po = await db.selectFrom('purchase_orders').selectAll().where('id', '=', input.purchaseOrderId).forUpdate().executeTakeFirst()
    if (!po) throw poNotFound()
    if (!RECEIVABLE.includes(po.status)) {
      throw new AppError('CONFLICT', po.status === 'draft' ? 'Ce bon de commande n’est pas encore envoyé : il ne peut rien recevoir.' : `Un bon de commande « ${STATUS_LABELS[po.status]} » ne peut plus rien recevoir.`)
    }
    if (po.sent_at && input.receivedOn < isoDay(po.sent_at)) invalid([{ path: 'receivedOn', message: `La date de réception est antérieure à l’envoi du bon de commande (${isoDay(po.sent_at)}).` }])
    const poLines = await db.selectFrom('purchase_order_lines').selectAll().where('purchase_order_id', '=', po.id).orderBy('position').forUpdate().execute()
    const byId = new Map(poLines.map((l) => [l.id, l]))
    const acceptedPerLine = new Map<string, number>()
    for (const l of lines) {
      const pol = byId.get(l.purchaseOrderLineId)
      if (!pol) errors.push({ path: `lines.${l.index}.purchaseOrderLineId`, message: `Ligne ${l.index + 1} : elle n’appartient pas à ce bon de commande.` })
      else acceptedPerLine.set(pol.id, (acceptedPerLine.get(pol.id) ?? 0) + l.accepted)
    }
    for (const [id, accepted] of acceptedPerLine) {
      const pol = byId.get(id)!
      const left = pol.quantity_ordered - pol.quantity_received + OVER_DELIVERY_TOLERANCE
      if (accepted > left) errors.push({ path: `lines.${lines.find((l) => l.purchaseOrderLineId === id)!.index}.accepted`, message: `Ligne ${pol.position} : ${accepted} unités acceptées, mais il n’en reste que ${Math.max(0, left)} à recevoir sur ${pol.quantity_ordered} commandées.` })
    }
    if (errors.length) invalid(errors)

    const receiptId = newId('grc')
    const staffId = tx.actor.kind === 'staff' ? tx.actor.staffId : null
    const receipt = await db.insertInto('goods_receipts').values({
      id: receiptId, number: sql<string>`'RC-' || lpad(nextval('goods_receipt_number_seq')::text, 6, '0')`, purchase_order_id: po.id, producer_id: po.producer_id,
      warehouse_code: po.warehouse_code, received_on: input.receivedOn, received_by: staffId, note: input.note, created_at: tx.now,
    }).returning('number').executeTakeFirstOrThrow()
    for (const l of lines) {
      const pol = byId.get(l.purchaseOrderLineId)!
      const lotId = l.accepted > 0 ? await lotFor(tx, { variantId: pol.variant_id, warehouseCode: po.warehouse_code, lotCode: l.lotCode, producedOn: l.producedOn, bestBefore: l.bestBefore, index: l.index }) : null
      await db.insertInto('goods_receipt_lines').values({
        id: newId('grl'), receipt_id: receiptId, purchase_order_line_id: pol.id, variant_id: pol.variant_id, lot_id: lotId?.id ?? null,
        lot_code: l.lotCode || 'sans lot', produced_on: l.producedOn ?? lotId?.producedOn ?? null, best_before: l.bestBefore ?? lotId?.bestBefore ?? null,
        quantity_accepted: l.accepted, quantity_damaged: l.damaged, quantity_refused: l.refused, discrepancy_note: l.discrepancyNote,
      }).execute()
      if (lotId) await db.insertInto('stock_movements').values({ lot_id: lotId.id, quantity: l.accepted, reason: 'RECEIPT', reference: receiptId, note: `${receipt.number} · ${po.number}`, staff_id: staffId, created_at: tx.now }).execute()
    }
    for (const [id, accepted] of acceptedPerLine) {
      if (accepted > 0) await db.updateTable('purchase_order_lines').set((eb) => ({ quantity_received: eb('quantity_received', '+', accepted) })).where('id', '=', id).execute()
    }
    const state = await db.selectFrom('purchase_order_lines').select((eb) => [eb.fn.sum<number>('quantity_received').as('received'), eb.fn.countAll<number>().filterWhere('quantity_received', '<', eb.ref('quantity_ordered')).as('open')])
      .where('purchase_order_id', '=', po.id).executeTakeFirstOrThrow()
    const status = Number(state.open) === 0 ? 'received' : Number(state.received) > 0 ? 'partially_received' : po.status
    if (status !== po.status) await db.updateTable('purchase_orders').set({ status, version: po.version + 1, updated_at: tx.now }).where('id', '=', po.id).execute()
    await recordAudit(tx, {
      action: 'purchasing.goods_received', entityType: 'purchase_order', entityId: po.id, before: { status: po.status },
      after: { status, receipt: receipt.number, lines: lines.map(({ index: _index, ...l }) => l) },
    })
    return { receiptId, number: receipt.number, status }
  })
}

/** The lot of this variant, warehouse and code: reused when its dates agree, created otherwise. */
async function lotFor(ctx: Ctx, l: { variantId: string; warehouseCode: string; lotCode: string; producedOn: string | null; bestBefore: string | null; index: number }): Promise<{ id: string; producedOn: string | null; bestBefore: string | null }> {
  const db = purchasingDb(ctx.db)
  await db.insertInto('lots').values({ id: newId('lot'), variant_id: l.variantId, warehouse_code: l.warehouseCode, lot_code: l.lotCode, produced_on: l.producedOn, best_before: l.bestBefore, created_at: ctx.now })
    .onConflict((oc) => oc.columns(['variant_id', 'warehouse_code', 'lot_code']).doNothing()).execute()
  const lot = await db.selectFrom('lots').select(['id', 'produced_on', 'best_before']).where('variant_id', '=', l.variantId).where('warehouse_code', '=', l.warehouseCode).where('lot_code', '=', l.lotCode).executeTakeFirstOrThrow()
  const stored = { producedOn: lot.produced_on ? isoDay(lot.produced_on) : null, bestBefore: lot.best_before ? isoDay(lot.best_before) : null }
  // a blank date takes the lot's; a typed one must be the lot's
  const mismatch = (given: string | null, kept: string | null) => given !== null && given !== kept
  if (mismatch(l.producedOn, stored.producedOn) || mismatch(l.bestBefore, stored.bestBefore)) {
    invalid([{ path: `lines.${l.index}.lotCode`, message: `Ligne ${l.index + 1} : le lot ${l.lotCode} existe déjà dans cet entrepôt avec d’autres dates (production ${stored.producedOn ?? 'non renseignée'}, limite ${stored.bestBefore ?? 'non renseignée'}).` }])
  }
  return { id: lot.id, ...stored }
}
