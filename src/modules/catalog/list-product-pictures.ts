import type { Ctx } from '../../kernel/ctx.ts'
import { catalogDb } from './tables.ts'

/** A picture as the product edit page shows it: its renditions and alt texts. */
export type ProductPicture = { imageId: string; key: string; width: number; height: number; widths: number[]; alt: { fr: string; en: string } }

/** The pictures of a product in their order (first = the one on cards); one indexed query. */
export async function listProductPictures(ctx: Ctx, productId: string): Promise<ProductPicture[]> {
  const rows = await catalogDb(ctx.db)
    .selectFrom('product_images as pi')
    .innerJoin('images as i', 'i.id', 'pi.image_id')
    .select(['i.id', 'i.storage_key', 'i.width', 'i.height', 'i.widths', 'i.alt_fr', 'i.alt_en'])
    .where('pi.product_id', '=', productId)
    .orderBy('pi.position')
    .orderBy('i.id')
    .execute()
  return rows.map((r) => ({ imageId: r.id, key: r.storage_key, width: r.width, height: r.height, widths: r.widths, alt: { fr: r.alt_fr, en: r.alt_en } }))
}
