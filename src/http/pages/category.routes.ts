import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { findCategoryByPath, getProductCards } from '../../modules/catalog/index.ts'
import { postgresSearchEngine } from '../../modules/search/index.ts'
import { CategoryPage } from '../../web/storefront/category-page.tsx'
import { filtersOf, PER_PAGE } from '../../web/storefront/listing.ts'
import { paths } from '../../web/storefront/page-context.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { sendPage, viewCtx } from './page-kit.ts'
import { CategoryParams, ListingQuery, listingState } from './pages.contract.ts'

/** Departments whose pages show spirits first: they carry the 18+ confirmation (C. santé publ. L3342-1). */
const SPIRIT_DEPARTMENTS = ['rum', 'spirit']

/** Category page `/fr/c/<parent>[/<child>]`: the search engine's browse mode gives facets, sorting and pages. */
export function registerCategoryPage(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    for (const url of [`/${locale}/c/:top`, `/${locale}/c/:top/:child`]) {
      app.get(url, { schema: { hide: true, params: CategoryParams, querystring: ListingQuery } }, async (req, reply) => {
        const category = await findCategoryByPath(req.ctx, [req.params.top, ...(req.params.child ? [req.params.child] : [])])
        if (!category) throw notFound('Category')
        const state = { ...listingState(req.query), q: undefined, category: [] }
        const result = await postgresSearchEngine.search(req.ctx, {
          locale, market: req.ctx.market, filters: { ...filtersOf(state), categoryIds: [category.id] }, sort: state.sort, page: state.page, perPage: PER_PAGE, contextCategoryId: category.id,
        })
        if (result.kind === 'redirect') return reply.redirect(result.path, 302)
        if (state.page > 1 && (result.page - 1) * result.perPage >= result.total) throw notFound('Page')
        const cards = await getProductCards(req.ctx, result.productIds)
        const ctx = viewCtx(req, deps, { fr: paths.category('fr', category.path.fr), en: paths.category('en', category.path.en) })
        const crumbs = [{ name: ctx.t('nav.home'), href: paths.home(locale) }, ...category.breadcrumb.map((c) => ({ name: c.name, href: paths.category(locale, c.path[locale]) }))]
        const ageGate = SPIRIT_DEPARTMENTS.includes(category.breadcrumb[0]?.code.split('/')[0] ?? '')
        return sendPage(reply, h(CategoryPage, { ctx, category, crumbs, state, cards, total: result.total, perPage: result.perPage, facets: result.facets, ageGate }))
      })
    }
  }
}
