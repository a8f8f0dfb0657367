import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { findProducerIds } from '../producers/index.ts'
import { loadCategories } from './queries.ts'

export type CatalogFilterNames = {
  /** category paths in ctx.locale ('rhums/rhums-vieux') or ids ('cat_…') */
  categories?: readonly string[] | undefined
  /** producer slugs or ids ('prf_…') */
  producers?: readonly string[] | undefined
}

export type CatalogFilterIds = { categoryIds: string[]; producerIds: string[] }

/**
 * Turns the names a URL or API client uses into ids. An unknown name is a NOT_FOUND error
 * (a link to a category or producer that does not exist), not a silently empty list.
 */
export async function resolveCatalogFilters(ctx: Ctx, names: CatalogFilterNames): Promise<CatalogFilterIds> {
  const categoryNames = names.categories ?? []
  const producerNames = names.producers ?? []
  const [categories, producers] = await Promise.all([
    categoryNames.length ? loadCategories(ctx) : Promise.resolve([]),
    findProducerIds(ctx, producerNames),
  ])
  const categoryIds: string[] = []
  for (const name of categoryNames) {
    const c = categories.find((row) => row.id === name || (ctx.locale === 'en' ? row.path_en : row.path_fr) === name)
    if (!c) throw new AppError('NOT_FOUND', `category ${name} not found`)
    categoryIds.push(c.id)
  }
  const producerIds: string[] = []
  for (const name of producerNames) {
    const id = producers.get(name)
    if (!id) throw new AppError('NOT_FOUND', `producer ${name} not found`)
    producerIds.push(id)
  }
  return { categoryIds, producerIds }
}
