import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { CONSENT_COOKIE, SESSION_COOKIE, VISITOR_COOKIE } from '../../modules/analytics/index.ts'
import { getProductDetail } from '../../modules/catalog/index.ts'
import { exposureRows, productPageExperimentsRunning, productPageVariation, visitOf, type ProductVariation } from '../../modules/experiments/index.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { ProductPage } from '../../web/storefront/product-page.tsx'
import { buyable } from '../../web/storefront/checkout/add-to-cart.tsx'
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
      // a running A/B test: this visitor's variant, and its exposure once it is rendered (page cache bypassed: page-cache.ts)
      let variation: ProductVariation | undefined
      if (await productPageExperimentsRunning(req.ctx)) {
        const visit = await visitOf(req.ctx.db, {
          consentCookie: req.cookies[CONSENT_COOKIE], visitorCookie: req.cookies[VISITOR_COOKIE], sessionCookie: req.cookies[SESSION_COOKIE],
          ip: req.ip, userAgent: req.headers['user-agent'], market: req.ctx.market, locale,
        }, new Date())
        const varied = await productPageVariation(req.ctx, visit, { canBuy: product.variants.some(buyable) })
        variation = varied.variation
        const sent = sendPage(reply, h(ProductPage, { ctx, product, crumbs, variation }))
        req.server.eventQueue.push(exposureRows(req.ctx.db, visit, varied.shown, { path: ctx.path, pageType: 'product' }))
        return sent
      }
      return sendPage(reply, h(ProductPage, { ctx, product, crumbs, variation }))
    })
  }
}
