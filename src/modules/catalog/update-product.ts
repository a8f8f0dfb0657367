import type { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, invalid, parseInput, recordId, optionalText } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import type { SavedProduct } from './create-product.ts'
import { ProductFieldsShape, productColumns, withProductRules } from './product-fields.ts'
import { resolveProductKeys } from './product-keys.ts'
import { lockProductVersion, readProducts, writeProductLabels } from './product-record.ts'
import { productReferenceErrors } from './references.ts'
import { catalogDb } from './tables.ts'
import { refusingDuplicates } from './unique-violation.ts'

/** Every editable field of a product (the whole form, French and English), and the version it was loaded at. */
export const UpdateProductInput = withProductRules(
  ProductFieldsShape.extend({
    productId: recordId('Le produit est obligatoire'),
    expectedVersion: expectedVersion(),
    reason: optionalText('Le motif', 500),
  }),
)
export type UpdateProductInput = z.input<typeof UpdateProductInput>

/**
 * Saves a product's fields. The editor names the version the form was loaded with: when someone
 * saved in between, the save is refused with CONFLICT and nothing is overwritten. Otherwise the
 * version goes up by one and updated_at moves. A blank handle or slug keeps the current one.
 * Audited (only the fields that changed) in the same transaction.
 */
export async function updateProduct(ctx: Ctx, raw: UpdateProductInput): Promise<SavedProduct> {
  const input = parseInput(UpdateProductInput, raw)
  return inTransaction(ctx, async (tx) => {
    const before = await lockProductVersion(tx, input.productId, input.expectedVersion)
    const errors = await productReferenceErrors(tx, input)
    if (errors.length) invalid(errors)
    const keys = await resolveProductKeys(tx, input, before)
    const row = await refusingDuplicates(() =>
      catalogDb(tx.db)
        .updateTable('products')
        .set({ ...productColumns(input, keys), version: before.version + 1, updated_at: tx.now })
        .where('id', '=', input.productId)
        .returning('version')
        .executeTakeFirstOrThrow(),
    )
    if (before.labels.join('|') !== input.labels.join('|')) await writeProductLabels(tx, input.productId, input.labels)
    const after = (await readProducts(tx, [input.productId])).get(input.productId)!
    await recordAudit(tx, { action: 'catalog.product_updated', entityType: 'product', entityId: input.productId, before, after, reason: input.reason })
    return { productId: input.productId, version: row.version, handle: keys.handle, slugs: { fr: keys.slugFr, en: keys.slugEn } }
  })
}
