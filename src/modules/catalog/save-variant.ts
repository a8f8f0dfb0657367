import type { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, integer, invalid, parseInput, recordId } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { bumpProductVersion, lockProductVersion } from './product-record.ts'
import { loadReferenceCodes } from './references.ts'
import { catalogDb } from './tables.ts'
import { refusingDuplicates, taken } from './unique-violation.ts'
import { VariantFieldsShape, variantCodeErrors, variantColumns } from './variant-fields.ts'
import { readVariants } from './variant-record.ts'

/**
 * A variant to add to a product (no variantId) or to change. Variants are edited on their
 * product's page, so the version checked is the product's: any save on the product or one of
 * its variants moves it.
 */
export const SaveVariantInput = VariantFieldsShape.extend({
  productId: recordId('Le produit est obligatoire'),
  variantId: recordId('La variante est inconnue').nullish(),
  expectedVersion: expectedVersion(),
  /** order among the product's variants; a new one goes last when absent */
  position: integer('La position', 0, 10_000).nullish(),
})
export type SaveVariantInput = z.input<typeof SaveVariantInput>

export type SavedVariant = { productId: string; variantId: string; version: number; created: boolean }

/** Creates or changes a variant. A SKU already used by another variant is refused with CATALOG_SKU_TAKEN. Audited. */
export async function saveVariant(ctx: Ctx, raw: SaveVariantInput): Promise<SavedVariant> {
  const input = parseInput(SaveVariantInput, raw)
  return inTransaction(ctx, async (tx) => {
    await lockProductVersion(tx, input.productId, input.expectedVersion)
    const db = catalogDb(tx.db)
    const before = input.variantId ? (await readVariants(tx, { ids: [input.variantId] }))[0] : undefined
    if (input.variantId && (!before || before.product_id !== input.productId)) throw notFound('variant')
    const errors = variantCodeErrors(input, await loadReferenceCodes(tx))
    if (errors.length) invalid(errors)
    const owner = await db
      .selectFrom('product_variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'p.handle'])
      .where('v.sku', '=', input.sku)
      .executeTakeFirst()
    if (owner && owner.id !== input.variantId) taken('CATALOG_SKU_TAKEN', [{ path: 'sku', message: `Le SKU ${input.sku} est déjà celui d’une variante du produit « ${owner.handle} »` }])

    const columns = variantColumns(input)
    let variantId = input.variantId ?? null
    if (before && variantId) {
      const position = input.position ?? before.position
      await refusingDuplicates(() => db.updateTable('product_variants').set({ ...columns, position }).where('id', '=', variantId!).execute())
    } else {
      variantId = newId('var')
      const last = await db.selectFrom('product_variants').select((eb) => eb.fn.max('position').as('p')).where('product_id', '=', input.productId).executeTakeFirst()
      const position = input.position ?? (last?.p == null ? 0 : Number(last.p) + 1)
      const id = variantId
      await refusingDuplicates(() =>
        db.insertInto('product_variants').values({ id, product_id: input.productId, position, ...columns, unit_codes: '{}', created_at: tx.now }).execute(),
      )
    }
    const version = await bumpProductVersion(tx, input.productId)
    const after = (await readVariants(tx, { ids: [variantId] }))[0]
    await recordAudit(tx, { action: before ? 'catalog.variant_updated' : 'catalog.variant_created', entityType: 'variant', entityId: variantId, before: before ?? null, after })
    return { productId: input.productId, variantId, version, created: !before }
  })
}
