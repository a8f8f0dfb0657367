import { h } from 'preact'
import { getCategoryTree, listCollections, listFeaturedProducts, listNewArrivals } from '../../modules/catalog/index.ts'
import { listProducers } from '../../modules/producers/index.ts'
import { HomePage } from '../../web/storefront/home-page.tsx'
import { LOCALES } from '../../kernel/ctx.ts'
import type { App } from '../types.ts'
import type { RouteDeps } from '../routes.ts'
import { sendPage, viewCtx } from './page-kit.ts'

/** Home in each language: departments, featured producers and selections, favourites, new arrivals. */
export function registerHomePage(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    app.get(`/${locale}/`, { schema: { hide: true } }, async (req, reply) => {
      const [categories, producers, collections, newArrivals, featured] = await Promise.all([
        getCategoryTree(req.ctx), listProducers(req.ctx, { featured: true }), listCollections(req.ctx, { featured: true }), listNewArrivals(req.ctx, 8), listFeaturedProducts(req.ctx, 8),
      ])
      const ctx = viewCtx(req, deps, { fr: '/fr/', en: '/en/' })
      return sendPage(reply, h(HomePage, { ctx, categories, producers, collections, newArrivals, featured }))
    })
  }
}
