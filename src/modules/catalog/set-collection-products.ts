import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, invalid, parseInput, recordId } from './edit-fields.ts'
import { catalogEditDb } from './edit-tables.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'

/** The products of a collection, in the order shoppers see them. */
export const SetCollectionProductsInput = z.object({
  collectionId: recordId('La collection est obligatoire'),
  expectedVersion: expectedVersion(),
  productIds: z.array(recordId('Produit inconnu'), { error: 'La liste des produits est attendue' }).max(5000, 'Une collection compte 5 000 produits au plus')
    .transform((ids) => [...new Set(ids)]),
})
export type SetCollectionProductsInput = z.input<typeof SetCollectionProductsInput>

/** Replaces a collection's products (positions follow the list), with the collection's version check. Audited. */
export async function setCollectionProducts(ctx: Ctx, raw: SetCollectionProductsInput): Promise<{ collectionId: string; version: number; productIds: string[] }> {
  const input = parseInput(SetCollectionProductsInput, raw)
  return inTransaction(ctx, async (tx) => {
    const db = catalogEditDb(tx.db)
    const collection = await db.selectFrom('collections').select(['id', 'version']).where('id', '=', input.collectionId).forUpdate().executeTakeFirst()
    if (!collection) throw notFound('collection')
    if (collection.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Cette collection a été modifiée entre-temps : rechargez la page pour voir la dernière version.', { currentVersion: collection.version })
    }
    const known = input.productIds.length ? new Set((await db.selectFrom('products').select('id').where('id', 'in', input.productIds).execute()).map((r) => r.id)) : new Set<string>()
    const unknown = input.productIds.filter((id) => !known.has(id))
    if (unknown.length) invalid([{ path: 'productIds', message: `Produit inconnu : ${unknown.join(', ')}` }])
    const before = (await db.selectFrom('collection_products').select('product_id').where('collection_id', '=', collection.id).orderBy('position').execute()).map((r) => r.product_id)
    await db.deleteFrom('collection_products').where('collection_id', '=', collection.id).execute()
    if (input.productIds.length) {
      await db.insertInto('collection_products').values(input.productIds.map((product_id, position) => ({ collection_id: collection.id, product_id, position }))).execute()
    }
    const row = await db.updateTable('collections').set({ version: collection.version + 1 }).where('id', '=', collection.id).returning('version').executeTakeFirstOrThrow()
    await recordAudit(tx, { action: 'catalog.collection_products_set', entityType: 'collection', entityId: collection.id, before: { productIds: before }, after: { productIds: input.productIds } })
    return { collectionId: collection.id, version: row.version, productIds: input.productIds }
  })
}
