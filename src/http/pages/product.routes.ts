import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { getProductDetail } from '../../modules/catalog/index.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { ProductPage } from '../../web/storefront/product-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { sendPage, viewCtx } from './page-kit.ts'
import { SlugParams } from './pages.contract.ts'

/** Product page `/fr/p/<slug_fr>`, `/en/p/<slug_en>`; an unknown slug is the friendly 404. */
export function registerProductPage(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    app.get(`/${locale}/p/:slug`, { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
      const product = await getProductDetail(req.ctx, { slug: req.params.slug })
      if (!product) throw notFound('Product')
      const ctx = viewCtx(req, deps, { fr: paths.product('fr', product.slugs.fr), en: paths.product('en', product.slugs.en) })
      const crumbs = [
        { name: ctx.t('nav.home'), href: paths.home(locale) },
        ...product.breadcrumb.map((c) => ({ name: c.name, href: paths.category(locale, c.path[locale]) })),
        { name: product.name, href: ctx.path },
      ]
      return sendPage(reply, h(ProductPage, { ctx, product, crumbs }))
    })
  }
}
