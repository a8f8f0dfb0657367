import type { Ctx } from '../kernel/ctx.ts'
import { saveCategory, type SaveCategoryInput, type SavedCategory } from '../modules/catalog/index.ts'
import { editCatalog } from './catalog-edit.ts'

/**
 * A category created or edited; the search rows of the products filed under it (any depth) are
 * rebuilt, since they carry the category names. Autocomplete's category suggestions are rebuilt
 * by a full reindex only (search module).
 */
export function saveCategoryAndIndex(ctx: Ctx, input: SaveCategoryInput): Promise<SavedCategory> {
  return editCatalog(ctx, (tx) => saveCategory(tx, input), (r) => r.affectedProductIds)
}
