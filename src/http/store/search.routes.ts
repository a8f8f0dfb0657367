import type { App } from '../types.ts'
import { getProductCards, resolveCatalogFilters } from '../../modules/catalog/index.ts'
import type { SearchEngine } from '../../modules/search/types.ts'
import { SearchProducts } from './search.contract.ts'
import { recordSearchExposure, searchExperiment } from '../search-experiment.ts'
import { cacheForAMinute, storeCtx } from './store-ctx.ts'

/** GET /api/store/search: the search engine ranks ids (in the visitor's order under a ranking test), the catalog renders them as tiles. */
export function registerSearchRoutes(app: App, engine: SearchEngine): void {
  app.get('/api/store/search', { schema: SearchProducts }, async (req, reply) => {
    const q = req.query
    const ctx = storeCtx(req, q)
    const { categoryIds, producerIds } = await resolveCatalogFilters(ctx, { categories: q.category, producers: q.producer })
    const filters = { categoryIds, producerIds, communes: q.commune, labels: q.label, priceMin: q.price_min, priceMax: q.price_max, inStock: q.in_stock === undefined ? undefined : q.in_stock === 'true' }
    const experiment = await searchExperiment(req, ctx, q)
    const result = await engine.search(ctx, { query: q.q, locale: ctx.locale, market: ctx.market, filters, sort: q.sort, page: q.page, perPage: q.per_page, ranking: experiment?.ranking ?? 'default' })
    // one visitor's order: no shared cache may hand it to another (the page cache is bypassed too: running.ts)
    const cached = (r: typeof reply) => (experiment ? r.header('cache-control', 'private, max-age=60').header('vary', 'Cookie') : cacheForAMinute(r))
    if (result.kind === 'redirect') return cached(reply).send({ redirect: result.path })
    recordSearchExposure(req, experiment, result.total)
    const items = await getProductCards(ctx, result.productIds)
    const { total, page, perPage, facets, correctedQuery } = result
    return cached(reply).send({ items, total, page, perPage, pageCount: Math.ceil(total / perPage), facets, correctedQuery })
  })
}
