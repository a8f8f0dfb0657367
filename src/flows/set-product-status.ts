import type { Ctx } from '../kernel/ctx.ts'
import { setProductStatus, type SetProductStatusInput } from '../modules/catalog/index.ts'
import { editCatalog } from './catalog-edit.ts'

/** Publish, unpublish or archive a product: its search row appears or goes in the same transaction. */
export function setProductStatusAndIndex(ctx: Ctx, input: SetProductStatusInput) {
  return editCatalog(ctx, (tx) => setProductStatus(tx, input), (r) => [r.productId])
}
