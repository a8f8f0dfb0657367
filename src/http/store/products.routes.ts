import type { App } from '../types.ts'
import { notFound } from '../../kernel/errors.ts'
import { getProductDetail, listProducts, resolveCatalogFilters } from '../../modules/catalog/index.ts'
import { GetProduct, ListProducts } from './products.contract.ts'
import { cacheForAMinute, storeCtx } from './store-ctx.ts'

/** GET /api/store/products and /api/store/products/:slug */
export function registerProductRoutes(app: App): void {
  app.get('/api/store/products', { schema: ListProducts }, async (req, reply) => {
    const ctx = storeCtx(req, req.query)
    const q = req.query
    const filters = await resolveCatalogFilters(ctx, { categories: q.category ? [q.category] : [], producers: q.producer ? [q.producer] : [] })
    const page = await listProducts(ctx, { ...filters, sort: q.sort, page: q.page, perPage: q.per_page })
    return cacheForAMinute(reply).send(page)
  })

  app.get('/api/store/products/:slug', { schema: GetProduct }, async (req, reply) => {
    const product = await getProductDetail(storeCtx(req, req.query), { slug: req.params.slug })
    if (!product) throw notFound('product')
    return cacheForAMinute(reply).send(product)
  })
}
