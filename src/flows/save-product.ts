import type { Ctx } from '../kernel/ctx.ts'
import { createProduct, updateProduct, type CreateProductInput, type SavedProduct, type UpdateProductInput } from '../modules/catalog/index.ts'
import { editCatalog } from './catalog-edit.ts'

/** A new product from the back office, with its search row (none while it is a draft). */
export function createProductAndIndex(ctx: Ctx, input: CreateProductInput): Promise<SavedProduct> {
  return editCatalog(ctx, (tx) => createProduct(tx, input), (r) => [r.productId])
}

/** A product's fields saved (version checked), with its search row rebuilt. */
export function updateProductAndIndex(ctx: Ctx, input: UpdateProductInput): Promise<SavedProduct> {
  return editCatalog(ctx, (tx) => updateProduct(tx, input), (r) => [r.productId])
}
