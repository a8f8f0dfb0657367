import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { getCollection, getProductCards } from '../../modules/catalog/index.ts'
import { CollectionPage } from '../../web/storefront/collection-page.tsx'
import { paths } from '../../web/storefront/page-context.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { sendPage, viewCtx } from './page-kit.ts'
import { SlugParams } from './pages.contract.ts'

/** A selection `/fr/collections/<slug>`: its products on sale in the shopper's market. */
export function registerCollectionPage(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    app.get(`/${locale}/collections/:slug`, { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
      const collection = await getCollection(req.ctx, req.params.slug)
      if (!collection) throw notFound('Collection')
      const products = await getProductCards(req.ctx, collection.productIds)
      const ctx = viewCtx(req, deps, { fr: paths.collection('fr', collection.slugs.fr), en: paths.collection('en', collection.slugs.en) })
      const crumbs = [{ name: ctx.t('nav.home'), href: paths.home(locale) }, { name: collection.name, href: ctx.path }]
      return sendPage(reply, h(CollectionPage, { ctx, collection, products, crumbs }))
    })
  }
}
