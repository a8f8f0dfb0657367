import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { count, invalid, optionalDay, optionalText, parseInput, recordId, type FieldError } from './fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { purchasingDb } from './tables.ts'
import { producerTerms, variantTerms } from './variant-terms.ts'

const Line = z.object({
  variantId: recordId('Une ligne désigne un article inconnu'),
  quantity: count('La quantité').min(1, 'La quantité doit être d’au moins 1'),
  /** net cents per unit; ignored (0) under consignment */
  unitCost: count('Le coût unitaire', 100_000_000),
})

/** A draft purchase order: created (no purchaseOrderId) or its lines, date and note replaced while it is a draft. */
export const SavePurchaseOrderInput = z.object({
  purchaseOrderId: recordId('Bon de commande inconnu').nullish(),
  expectedVersion: z.number().int().positive().nullish(),
  producerId: recordId('Choisissez un producteur de la liste.'),
  warehouseCode: z.string({ error: 'Choisissez un entrepôt de la liste.' }).regex(/^[A-Z0-9-]{2,20}$/, 'Choisissez un entrepôt de la liste.'),
  expectedOn: optionalDay('La date de livraison prévue'),
  note: optionalText('La note', 4000),
  lines: z.array(Line).min(1, 'Commandez au moins un article (une quantité de 1 ou plus)').max(500, '500 lignes au plus'),
}).refine((i) => !i.purchaseOrderId || i.expectedVersion != null, { path: ['expectedVersion'], message: 'La version est obligatoire pour modifier un bon de commande' })
export type SavePurchaseOrderInput = z.input<typeof SavePurchaseOrderInput>

/**
 * Creates a draft purchase order ('BC-001001') or replaces a draft's lines (version check). The
 * model comes from the agreement in force (consignment: no cost); VAT rates from the products'
 * categories in the producer's territory. Every line must be one of the producer's variants.
 */
export async function savePurchaseOrder(ctx: Ctx, raw: SavePurchaseOrderInput): Promise<{ purchaseOrderId: string; number: string; version: number }> {
  const input = parseInput(SavePurchaseOrderInput, raw)
  const errors: FieldError[] = []
  if (input.expectedOn && input.expectedOn < isoDay(ctx.now)) errors.push({ path: 'expectedOn', message: 'La date de livraison prévue ne peut pas être passée' })
  const seen = new Set<string>()
  input.lines.forEach((l, i) => {
    if (seen.has(l.variantId)) errors.push({ path: `lines.${i}.variantId`, message: 'Un article ne peut figurer que sur une ligne' })
    seen.add(l.variantId)
  })
  if (errors.length) invalid(errors)
  return inTransaction(ctx, async (tx) => {
    const db = purchasingDb(tx.db)
    const before = input.purchaseOrderId ? await db.selectFrom('purchase_orders').selectAll().where('id', '=', input.purchaseOrderId).forUpdate().executeTakeFirst() : undefined
    if (input.purchaseOrderId && !before) throw new AppError('NOT_FOUND', 'Ce bon de commande n’existe pas.')
    if (before && before.version !== input.expectedVersion) throw new AppError('CONFLICT', 'Ce bon de commande a été modifié entre-temps : rechargez la page pour voir la dernière version.')
    if (before && before.status !== 'draft') throw new AppError('CONFLICT', 'Seul un brouillon peut être modifié : ce bon de commande est déjà envoyé ou annulé.')
    if (before && (before.producer_id !== input.producerId || before.warehouse_code !== input.warehouseCode)) {
      invalid([{ path: 'producerId', message: 'Le producteur et l’entrepôt d’un bon de commande ne changent pas : créez-en un autre.' }])
    }
    const terms = await producerTerms(tx, input.producerId)
    const warehouse = await db.selectFrom('warehouses').select('code').where('code', '=', input.warehouseCode).executeTakeFirst()
    if (!warehouse) invalid([{ path: 'warehouseCode', message: 'Choisissez un entrepôt de la liste.' }])
    const variants = await variantTerms(tx, terms, input.lines.map((l) => l.variantId))
    input.lines.forEach((l, i) => {
      if (!variants.has(l.variantId)) errors.push({ path: `lines.${i}.variantId`, message: `La ligne ${i + 1} désigne un article qui n’est pas de ${terms.producer.trade_name}` })
    })
    if (errors.length) invalid(errors)

    const id = before?.id ?? newId('pur')
    const version = before ? before.version + 1 : 1
    if (before) {
      await db.updateTable('purchase_orders').set({ expected_on: input.expectedOn, note: input.note, model: terms.model, version, updated_at: tx.now }).where('id', '=', id).execute()
      await db.deleteFrom('purchase_order_lines').where('purchase_order_id', '=', id).execute()
    } else {
      await db.insertInto('purchase_orders').values({
        id, number: sql<string>`'BC-' || lpad(nextval('purchase_order_number_seq')::text, 6, '0')`, producer_id: terms.producer.id, warehouse_code: input.warehouseCode,
        model: terms.model, status: 'draft', expected_on: input.expectedOn, note: input.note, created_by: tx.actor.kind === 'staff' ? tx.actor.staffId : null,
        created_at: tx.now, updated_at: tx.now, version: 1,
      }).execute()
    }
    await db.insertInto('purchase_order_lines').values(input.lines.map((l, i) => ({
      id: newId('pol'), purchase_order_id: id, position: i + 1, variant_id: l.variantId, quantity_ordered: l.quantity,
      unit_cost: terms.model === 'CONSIGNMENT' ? 0 : l.unitCost, vat_rate_bp: variants.get(l.variantId)!.vatRateBp,
    }))).execute()
    const after = await db.selectFrom('purchase_orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    await recordAudit(tx, {
      action: before ? 'purchasing.order_updated' : 'purchasing.order_created', entityType: 'purchase_order', entityId: id,
      before: before ?? null, after: { ...after, lines: input.lines },
    })
    return { purchaseOrderId: id, number: after.number, version: after.version }
  })
}
