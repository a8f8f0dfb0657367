import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { clearCatalogCache } from './get-category-tree.ts'
import { parseInput, recordId } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProductPictures, writePictureOrder, type ProductPictures } from './product-pictures.ts'
import { catalogDb } from './tables.ts'

export const DetachProductImageInput = z.object({
  productId: recordId('Le produit est obligatoire'),
  imageId: recordId('L’image est obligatoire'),
})
export type DetachProductImageInput = z.input<typeof DetachProductImageInput>

/**
 * Takes a picture off a product; the others close up. The image itself (row and files) stays:
 * another product or a producer may show it, and the audit log names it.
 */
export async function detachProductImage(ctx: Ctx, raw: DetachProductImageInput): Promise<ProductPictures> {
  const input = parseInput(DetachProductImageInput, raw)
  const result = await inTransaction(ctx, async (tx) => {
    const before = await lockProductPictures(tx, input.productId)
    if (!before.includes(input.imageId)) throw new AppError('NOT_FOUND', 'Ce produit ne montre pas cette image.')
    await catalogDb(tx.db).deleteFrom('product_images').where('product_id', '=', input.productId).where('image_id', '=', input.imageId).execute()
    const after = before.filter((id) => id !== input.imageId)
    await writePictureOrder(tx, input.productId, after)
    await recordAudit(tx, { action: 'catalog.product_image_detached', entityType: 'product', entityId: input.productId, before: { images: before }, after: { images: after } })
    return { productId: input.productId, imageIds: after }
  })
  clearCatalogCache()
  return result
}
