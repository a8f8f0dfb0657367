import type { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { invalid, parseInput } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { ProductFieldsShape, ProductStatus, productColumns, withProductRules } from './product-fields.ts'
import { resolveProductKeys } from './product-keys.ts'
import { readProducts, writeProductLabels } from './product-record.ts'
import { productReferenceErrors } from './references.ts'
import { catalogDb } from './tables.ts'
import { refusingDuplicates } from './unique-violation.ts'

/** A new product: its fields, and a status (a draft until it has variants and prices, by default). */
export const CreateProductInput = withProductRules(ProductFieldsShape.extend({ status: ProductStatus.default('DRAFT') }))
export type CreateProductInput = z.input<typeof CreateProductInput>

export type SavedProduct = { productId: string; version: number; handle: string; slugs: { fr: string; en: string } }

/**
 * Creates a product (no variants yet: saveVariant adds them). Handle and slugs are made from the
 * names when left blank. Texts are stored exactly as typed. The creation is audited in the same
 * transaction; the caller's flow reindexes the product and clears the catalogue caches.
 */
export async function createProduct(ctx: Ctx, raw: CreateProductInput): Promise<SavedProduct> {
  const input = parseInput(CreateProductInput, raw)
  return inTransaction(ctx, async (tx) => {
    const errors = await productReferenceErrors(tx, input)
    if (errors.length) invalid(errors)
    const keys = await resolveProductKeys(tx, input, null)
    const id = newId('prd')
    await refusingDuplicates(() =>
      catalogDb(tx.db)
        .insertInto('products')
        .values({ id, ...productColumns(input, keys), status: input.status, version: 1, created_at: tx.now, updated_at: tx.now })
        .execute(),
    )
    await writeProductLabels(tx, id, input.labels)
    const { version: _v, ...after } = (await readProducts(tx, [id])).get(id)!
    await recordAudit(tx, { action: 'catalog.product_created', entityType: 'product', entityId: id, before: null, after })
    return { productId: id, version: 1, handle: keys.handle, slugs: { fr: keys.slugFr, en: keys.slugEn } }
  })
}
