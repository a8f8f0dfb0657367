import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { CONSENT_COOKIE, SESSION_COOKIE, VISITOR_COOKIE } from '../../modules/analytics/index.ts'
import { exposureRows, searchRankingExperimentRunning, searchRankingFor, visitOf, type Assignment, type ExperimentVisit } from '../../modules/experiments/index.ts'
import { getCategoryTree, getProductCards } from '../../modules/catalog/index.ts'
import { postgresSearchEngine } from '../../modules/search/index.ts'
import { filtersOf, PER_PAGE } from '../../web/storefront/listing.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { SearchPage } from '../../web/storefront/search-page.tsx'
import type { RouteDeps } from '../routes.ts'
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
      let experiment: { visit: ExperimentVisit; shown: Assignment | null } | null = null
      let ranking: 'default' | 'in_stock_first' | 'newest_first' = 'default'
      if (state.sort === 'relevance' && (await searchRankingExperimentRunning(req.ctx))) {
        const visit = await visitOf(req.ctx.db, {
          consentCookie: req.cookies[CONSENT_COOKIE], visitorCookie: req.cookies[VISITOR_COOKIE], sessionCookie: req.cookies[SESSION_COOKIE],
          ip: req.ip, userAgent: req.headers['user-agent'], market: req.ctx.market, locale,
        }, new Date())
        const r = await searchRankingFor(req.ctx, visit)
        ranking = r.ranking
        experiment = { visit, shown: r.shown }
      }
      const result = await postgresSearchEngine.search(req.ctx, { query: state.q, locale, market: req.ctx.market, filters: filtersOf(state), sort: state.sort, page: state.page, perPage: PER_PAGE, ranking })
      // exposed only when results are actually listed in the test's order
      if (experiment?.shown && result.kind === 'results' && result.total > 1) {
        req.server.eventQueue.push(exposureRows(req.ctx.db, experiment.visit, [experiment.shown], { path: req.url.split('?')[0] ?? req.url, pageType: 'search' }))
      }
      // only site paths: a rule must never turn the search box into an open redirect
      if (result.kind === 'redirect') return reply.redirect(/^\/(?![/\\])/.test(result.path) ? result.path : paths.home(locale), 302)
      const [cards, categories] = await Promise.all([getProductCards(req.ctx, result.productIds), result.total ? Promise.resolve([]) : getCategoryTree(req.ctx)])
      return sendPage(reply, h(SearchPage, { ctx, state, result: { cards, total: result.total, perPage: result.perPage, facets: result.facets, correctedQuery: result.correctedQuery }, categories }))
    })
  }
}
