import type { App } from '../types.ts'
import { getCategoryTree } from '../../modules/catalog/index.ts'
import { ListCategories } from './categories.contract.ts'
import { cacheForAMinute, storeCtx } from './store-ctx.ts'

/** GET /api/store/categories */
export function registerCategoryRoutes(app: App): void {
  app.get('/api/store/categories', { schema: ListCategories }, async (req, reply) => {
    const items = await getCategoryTree(storeCtx(req, req.query))
    return cacheForAMinute(reply).send({ items })
  })
}
