import type { Ctx } from '../kernel/ctx.ts'
import { saveVariant, setVariantPrices, type SaveVariantInput, type SavedVariant, type SetVariantPricesInput } from '../modules/catalog/index.ts'
import { editCatalog } from './catalog-edit.ts'

/** A variant created or changed; its product's search row (prices, stock, sizes) rebuilt. */
export function saveVariantAndIndex(ctx: Ctx, input: SaveVariantInput): Promise<SavedVariant> {
  return editCatalog(ctx, (tx) => saveVariant(tx, input), (r) => [r.productId])
}

/** A variant's prices replaced; its product's search row (price facets per market) rebuilt. */
export function setVariantPricesAndIndex(ctx: Ctx, input: SetVariantPricesInput) {
  return editCatalog(ctx, (tx) => setVariantPrices(tx, input), (r) => [r.productId])
}
