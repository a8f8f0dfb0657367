import type { Ctx } from '../../kernel/ctx.ts'
import { readProducts, type ProductRecord } from './product-record.ts'
import { readPrices, readVariants, type PriceSet, type VariantRecord } from './variant-record.ts'

export type ProductForEdit = ProductRecord & { variants: (VariantRecord & { prices: PriceSet })[] }

/**
 * A product as the back office edits it, any status: every field in both languages, its labels,
 * variants and prices (cents), and the version to send back with the next save. Four queries.
 */
export async function getProductForEdit(ctx: Ctx, productId: string): Promise<ProductForEdit | null> {
  const product = (await readProducts(ctx, [productId])).get(productId)
  if (!product) return null
  const variants = await readVariants(ctx, { productIds: [productId] })
  const prices = await readPrices(ctx, variants.map((v) => v.id))
  return { ...product, variants: variants.map((v) => ({ ...v, prices: prices.get(v.id)! })) }
}
