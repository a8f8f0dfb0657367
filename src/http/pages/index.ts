import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { registerCartPages } from './cart.routes.ts'
import { registerCategoryPage } from './category.routes.ts'
import { registerCheckoutPages } from './checkout.routes.ts'
import { registerCollectionPage } from './collection.routes.ts'
import { registerHomePage } from './home.routes.ts'
import { registerLegalPages } from './legal.routes.ts'
import { registerOrderPages } from './order.routes.ts'
import { registerProducerPages } from './producer.routes.ts'
import { registerProducerApplicationPages } from './producer-application.routes.ts'
import { registerProductPage } from './product.routes.ts'
import { registerReturnPages } from './return.routes.ts'
import { registerSearchPage } from './search.routes.ts'
import { registerSeoFiles } from './seo.routes.ts'
import { registerPageCache } from './page-cache.ts'

/** Every server-rendered storefront page, plus sitemap.xml and robots.txt. */
export function registerPages(app: App, deps: RouteDeps): void {
  registerPageCache(app, { ttlMs: deps.config.pageCacheSeconds * 1000 })
  registerHomePage(app, deps)
  registerCategoryPage(app, deps)
  registerProductPage(app, deps)
  registerProducerPages(app, deps)
  registerProducerApplicationPages(app, deps)
  registerCollectionPage(app, deps)
  registerSearchPage(app, deps)
  registerLegalPages(app, deps)
  registerSeoFiles(app, deps)
  // cart, checkout and order pages: one shopper's own, never page-cached (cart-cookie.ts)
  registerCartPages(app, deps)
  registerCheckoutPages(app, deps)
  registerOrderPages(app, deps)
  registerReturnPages(app, deps)
}
