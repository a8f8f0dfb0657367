import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { catalogDb } from './tables.ts'

// Shared steps of the product picture use cases (attach, detach, reorder). The order of a
// product's pictures is `product_images.position`, 0 first: the storefront shows the first on
// cards and all of them, in order, on the product page.

/** The ordered picture ids of a product. */
export type ProductPictures = { productId: string; imageIds: string[] }

/**
 * Locks the product row, so edits of one product's pictures run one after the other, and
 * returns its picture ids in order. NOT_FOUND when there is no such product.
 */
export async function lockProductPictures(tx: Ctx, productId: string): Promise<string[]> {
  const db = catalogDb(tx.db)
  const product = await db.selectFrom('products').select('id').where('id', '=', productId).forUpdate().executeTakeFirst()
  if (!product) throw new AppError('NOT_FOUND', 'Ce produit n’existe pas.')
  const rows = await db.selectFrom('product_images').select('image_id').where('product_id', '=', productId).orderBy('position').orderBy('image_id').execute()
  return rows.map((r) => r.image_id)
}

/** Numbers the product's pictures 0, 1, 2… in the given order, in one statement. */
export async function writePictureOrder(tx: Ctx, productId: string, imageIds: readonly string[]): Promise<void> {
  if (!imageIds.length) return
  await sql`
    update product_images pi set position = o.n - 1
      from unnest(${[...imageIds]}::text[]) with ordinality as o(image_id, n)
     where pi.product_id = ${productId} and pi.image_id = o.image_id and pi.position <> o.n - 1`.execute(tx.db)
}
