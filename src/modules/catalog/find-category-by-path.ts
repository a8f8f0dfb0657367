import type { Ctx } from '../../kernel/ctx.ts'
import { getCategoryTree } from './get-category-tree.ts'
import type { CategoryNode, CategoryRef } from './types.ts'

/** A category page: the node (with children and counts) and the way down to it from the top. */
export type CategoryMatch = CategoryNode & { breadcrumb: CategoryRef[] }

/**
 * The category at these URL segments in ctx.locale (['rhums', 'rhums-vieux']), or null.
 * Segments are matched in the request's language only: /en/ pages use English slugs.
 */
export async function findCategoryByPath(ctx: Ctx, segments: readonly string[]): Promise<CategoryMatch | null> {
  if (!segments.length) return null
  let level = await getCategoryTree(ctx)
  const breadcrumb: CategoryRef[] = []
  let found: CategoryNode | undefined
  for (const segment of segments) {
    found = level.find((c) => c.slugs[ctx.locale] === segment)
    if (!found) return null
    breadcrumb.push({ id: found.id, code: found.code, name: found.name, slugs: found.slugs, path: found.path })
    level = found.children
  }
  return found ? { ...found, breadcrumb } : null
}
