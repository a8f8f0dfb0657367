import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { clearCatalogCache } from './get-category-tree.ts'
import { integer, parseInput, recordId } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProductPictures, writePictureOrder, type ProductPictures } from './product-pictures.ts'
import { catalogDb } from './tables.ts'

export const AttachProductImageInput = z.object({
  productId: recordId('Le produit est obligatoire'),
  imageId: recordId('L’image est obligatoire'),
  /** where the picture goes, 0 = first (the one on product cards); absent = last */
  position: integer('La position', 0, 1000).optional(),
})
export type AttachProductImageInput = z.input<typeof AttachProductImageInput>

/**
 * Shows a stored picture (media.uploadImage) on a product, last or at the given position.
 * Attaching a picture the product already shows changes nothing (a form posted twice).
 */
export async function attachProductImage(ctx: Ctx, raw: AttachProductImageInput): Promise<ProductPictures> {
  const input = parseInput(AttachProductImageInput, raw)
  const result = await inTransaction(ctx, async (tx) => {
    const before = await lockProductPictures(tx, input.productId)
    if (before.includes(input.imageId)) return { productId: input.productId, imageIds: before }
    const db = catalogDb(tx.db)
    const image = await db.selectFrom('images').select('id').where('id', '=', input.imageId).executeTakeFirst()
    if (!image) throw new AppError('NOT_FOUND', 'Cette image n’existe pas.')
    const after = [...before]
    after.splice(Math.min(input.position ?? before.length, before.length), 0, input.imageId)
    await db.insertInto('product_images').values({ product_id: input.productId, image_id: input.imageId, position: after.length - 1 }).execute()
    await writePictureOrder(tx, input.productId, after)
    await recordAudit(tx, { action: 'catalog.product_image_attached', entityType: 'product', entityId: input.productId, before: { images: before }, after: { images: after } })
    return { productId: input.productId, imageIds: after }
  })
  clearCatalogCache()
  return result
}
