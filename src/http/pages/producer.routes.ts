import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { getProducerDetail, getProductCards } from '../../modules/catalog/index.ts'
import { listProducers } from '../../modules/producers/index.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { ProducerPage, ProducersPage } from '../../web/storefront/producer-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { sendPage, viewCtx } from './page-kit.ts'
import { SlugParams } from './pages.contract.ts'

/** `/fr/producteurs`, `/en/producers` and "meet the producer" pages under them. */
export function registerProducerPages(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    app.get(paths.producers(locale), { schema: { hide: true } }, async (req, reply) => {
      const producers = await listProducers(req.ctx)
      const ctx = viewCtx(req, deps, { fr: paths.producers('fr'), en: paths.producers('en') })
      return sendPage(reply, h(ProducersPage, { ctx, producers }))
    })
    app.get(`${paths.producers(locale)}/:slug`, { schema: { hide: true, params: SlugParams } }, async (req, reply) => {
      const producer = await getProducerDetail(req.ctx, req.params.slug)
      if (!producer) throw notFound('Producer')
      const products = await getProductCards(req.ctx, producer.productIds)
      const ctx = viewCtx(req, deps, { fr: paths.producer('fr', producer.slug), en: paths.producer('en', producer.slug) })
      const crumbs = [{ name: ctx.t('nav.home'), href: paths.home(locale) }, { name: ctx.t('nav.producers'), href: paths.producers(locale) }, { name: producer.name, href: ctx.path }]
      return sendPage(reply, h(ProducerPage, { ctx, producer, products, crumbs }))
    })
  }
}
