import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { clearCatalogCache } from './get-category-tree.ts'
import { parseInput, recordId } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { lockProductPictures, writePictureOrder, type ProductPictures } from './product-pictures.ts'

export const ReorderProductImagesInput = z.object({
  productId: recordId('Le produit est obligatoire'),
  /** every picture of the product, in the new order (first = the one on product cards) */
  imageIds: z.array(recordId('L’image est obligatoire')).max(100, '100 images au plus'),
})
export type ReorderProductImagesInput = z.input<typeof ReorderProductImagesInput>

/**
 * Puts a product's pictures in the given order. The list must name exactly the pictures the
 * product has now: if someone attached or removed one since the page was loaded, CONFLICT
 * and nothing changes, rather than an order that silently drops or misplaces a picture.
 */
export async function reorderProductImages(ctx: Ctx, raw: ReorderProductImagesInput): Promise<ProductPictures> {
  const input = parseInput(ReorderProductImagesInput, raw)
  const result = await inTransaction(ctx, async (tx) => {
    const before = await lockProductPictures(tx, input.productId)
    const same = input.imageIds.length === before.length && new Set(input.imageIds).size === before.length && input.imageIds.every((id) => before.includes(id))
    if (!same) throw new AppError('CONFLICT', 'Les images de ce produit ont changé entre-temps : rechargez la page et recommencez.')
    if (input.imageIds.every((id, i) => id === before[i])) return { productId: input.productId, imageIds: before }
    await writePictureOrder(tx, input.productId, input.imageIds)
    await recordAudit(tx, { action: 'catalog.product_images_reordered', entityType: 'product', entityId: input.productId, before: { images: before }, after: { images: input.imageIds } })
    return { productId: input.productId, imageIds: input.imageIds }
  })
  clearCatalogCache()
  return result
}
