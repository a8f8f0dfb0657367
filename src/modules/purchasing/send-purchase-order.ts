import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { queueEmail } from '../notifications/index.ts'
import { getPurchaseOrder } from './get-purchase-order.ts'
import { movePurchaseOrder, poNotFound } from './transition-purchase-order.ts'

/**
 * Sends a draft to its producer: status `sent`, and in the same transaction the e-mail
 * `purchase-order-sent` (fr) with the lines, the expected date and the portal link to confirm it
 * (deduplicated per order). Refused when the producer has no e-mail address.
 */
export async function sendPurchaseOrder(ctx: Ctx, input: { purchaseOrderId: string; expectedVersion?: number; publicUrl: string }): Promise<{ version: number }> {
  return movePurchaseOrder(ctx, { purchaseOrderId: input.purchaseOrderId, expectedVersion: input.expectedVersion, to: 'sent' }, async (tx) => {
    const po = await getPurchaseOrder(tx, input.purchaseOrderId)
    if (!po) throw poNotFound()
    if (!po.producer.email) throw new AppError('VALIDATION_FAILED', `${po.producer.name} n’a pas d’adresse e-mail : ajoutez-la à sa fiche avant d’envoyer le bon de commande.`)
    await queueEmail(tx, {
      to: po.producer.email, locale: 'fr', template: 'purchase-order-sent', dedupeKey: `purchase-order-sent:${po.id}`,
      data: {
        purchaseOrderNumber: po.number, producerName: po.producer.name, warehouseName: po.warehouse.name, consignment: po.model === 'CONSIGNMENT',
        expectedOn: po.expectedOn, totalNet: po.totals.net, portalUrl: `${input.publicUrl.replace(/\/$/, '')}/portail/commandes/${po.id}`,
        lines: po.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantityOrdered, unitCost: l.unitCost })),
      },
    })
  })
}
