import type { App } from '../types.ts'
import type { SearchEngine } from '../../modules/search/types.ts'
import { registerCartRoutes } from './cart.routes.ts'
import { registerCategoryRoutes } from './categories.routes.ts'
import { registerProducerRoutes } from './producers.routes.ts'
import { registerProductRoutes } from './products.routes.ts'
import { registerSearchRoutes } from './search.routes.ts'

/** The Store API (JSON, /api/store/*): catalogue, producers, search, cart and checkout, documented in /api/openapi.json. */
export function registerStoreApi(app: App, searchEngine: SearchEngine): void {
  registerProductRoutes(app)
  registerCategoryRoutes(app)
  registerProducerRoutes(app)
  registerSearchRoutes(app, searchEngine)
  registerCartRoutes(app)
}
