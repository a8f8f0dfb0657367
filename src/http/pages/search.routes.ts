import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { getCategoryTree, getProductCards } from '../../modules/catalog/index.ts'
import { postgresSearchEngine } from '../../modules/search/index.ts'
import { filtersOf, PER_PAGE } from '../../web/storefront/listing.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { SearchPage } from '../../web/storefront/search-page.tsx'
import type { RouteDeps } from '../routes.ts'
import { recordSearchExposure, searchExperiment } from '../search-experiment.ts'
import type { App } from '../types.ts'
import { sendPage, viewCtx } from './page-kit.ts'
import { ListingQuery, listingState } from './pages.contract.ts'

/** Search results `/fr/search?q=…` (noindex); a merchandising REDIRECT rule answers 302 to its path. */
export function registerSearchPage(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    app.get(paths.search(locale), { schema: { hide: true, querystring: ListingQuery } }, async (req, reply) => {
      const state = listingState(req.query)
      const ctx = viewCtx(req, deps, { fr: `${paths.search('fr')}${state.q ? `?q=${encodeURIComponent(state.q)}` : ''}`, en: `${paths.search('en')}${state.q ? `?q=${encodeURIComponent(state.q)}` : ''}` })
      if (!state.q) return sendPage(reply, h(SearchPage, { ctx, state, result: null, categories: await getCategoryTree(req.ctx) }))
      // a search-ranking A/B test: the visitor's order of relevance (the page cache is bypassed meanwhile: page-cache.ts)
      const experiment = await searchExperiment(req, req.ctx, state)
      const result = await postgresSearchEngine.search(req.ctx, { query: state.q, locale, market: req.ctx.market, filters: filtersOf(state), sort: state.sort, page: state.page, perPage: PER_PAGE, ranking: experiment?.ranking ?? 'default' })
      // exposed only when results are actually listed in the test's order
      recordSearchExposure(req, experiment, result.kind === 'results' ? result.total : 0)
      // only site paths: a rule must never turn the search box into an open redirect
      if (result.kind === 'redirect') return reply.redirect(/^\/(?![/\\])/.test(result.path) ? result.path : paths.home(locale), 302)
      const [cards, categories] = await Promise.all([getProductCards(req.ctx, result.productIds), result.total ? Promise.resolve([]) : getCategoryTree(req.ctx)])
      return sendPage(reply, h(SearchPage, { ctx, state, result: { cards, total: result.total, perPage: result.perPage, facets: result.facets, correctedQuery: result.correctedQuery }, categories }))
    })
  }
}
