import type { Selectable } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { canTransition } from '../../kernel/state-machine.ts'
import { recordAudit } from '../audit/index.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { PURCHASE_ORDER_LIFECYCLE, STATUS_LABELS } from './lifecycle.ts'
import { purchasingDb, type PurchaseOrderStatus, type PurchaseOrdersTable } from './tables.ts'

type Row = Selectable<PurchaseOrdersTable>

export const poNotFound = () => new AppError('NOT_FOUND', 'Ce bon de commande n’existe pas.')

/**
 * Moves a purchase order to `to` in the caller's transaction, after locking it: refused when the
 * lifecycle forbids it or (with `expectedVersion`) when someone changed it since it was shown.
 * `extra` runs before the update with the locked row (e-mail, checks). Audited.
 */
export async function movePurchaseOrder(
  ctx: Ctx,
  input: { purchaseOrderId: string; to: PurchaseOrderStatus; expectedVersion?: number | undefined; producerId?: string; reason?: string | null },
  extra?: (tx: Ctx, po: Row) => Promise<void>,
): Promise<{ status: PurchaseOrderStatus; version: number }> {
  return inTransaction(ctx, async (tx) => {
    const db = purchasingDb(tx.db)
    let q = db.selectFrom('purchase_orders').selectAll().where('id', '=', input.purchaseOrderId)
    if (input.producerId !== undefined) q = q.where('producer_id', '=', input.producerId)
    const po = await q.forUpdate().executeTakeFirst()
    if (!po) throw poNotFound()
    if (input.expectedVersion !== undefined && po.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Ce bon de commande a été modifié entre-temps : rechargez la page pour voir la dernière version.')
    }
    const check = canTransition(PURCHASE_ORDER_LIFECYCLE, po.status, input.to)
    if (!check.ok) throw new AppError('CONFLICT', `Un bon de commande « ${STATUS_LABELS[po.status]} » ne peut pas passer à « ${STATUS_LABELS[input.to]} ».`)
    await extra?.(tx, po)
    const after = await db.updateTable('purchase_orders')
      .set({
        status: input.to, version: po.version + 1, updated_at: tx.now,
        ...(input.to === 'sent' ? { sent_at: tx.now } : {}), ...(input.to === 'confirmed' ? { confirmed_at: tx.now } : {}),
      })
      .where('id', '=', po.id).returning(['status', 'version']).executeTakeFirstOrThrow()
    await recordAudit(tx, {
      action: `purchasing.order_${input.to}`, entityType: 'purchase_order', entityId: po.id,
      before: { status: po.status }, after: { status: after.status }, reason: input.reason ?? null,
    })
    return after
  })
}

/** Cancels a draft or sent order (never one the producer confirmed). */
export const cancelPurchaseOrder = (ctx: Ctx, input: { purchaseOrderId: string; expectedVersion?: number; reason?: string | null }) =>
  movePurchaseOrder(ctx, { ...input, to: 'cancelled' })

/** Closes an order nothing more will be received on (the rest is short). */
export const closePurchaseOrder = (ctx: Ctx, input: { purchaseOrderId: string; expectedVersion?: number; reason?: string | null }) =>
  movePurchaseOrder(ctx, { ...input, to: 'closed' })

/**
 * The producer confirms an order sent to them (producer portal). Another producer's order is
 * NOT_FOUND, as an unknown one; confirming twice answers the confirmed order without a change.
 */
export async function confirmPurchaseOrder(ctx: Ctx, input: { producerId: string; purchaseOrderId: string }): Promise<{ status: PurchaseOrderStatus; version: number }> {
  const po = await purchasingDb(ctx.db).selectFrom('purchase_orders').select(['status', 'version']).where('id', '=', input.purchaseOrderId).where('producer_id', '=', input.producerId).executeTakeFirst()
  if (!po) throw poNotFound()
  if (po.status === 'confirmed') return po
  return movePurchaseOrder(ctx, { purchaseOrderId: input.purchaseOrderId, producerId: input.producerId, to: 'confirmed' })
}
