import type { CategoryNode, ProductCard } from '../../modules/catalog/types.ts'
import type { Facets } from '../../modules/search/types.ts'
import { Pagination, ProductGrid } from './components.tsx'
import { Layout } from './layout.tsx'
import { hasFilters, listingHref, type ListingState } from './listing.ts'
import { FacetPanel, SortForm } from './listing-view.tsx'
import { paths, type PageContext } from './page-context.ts'

export type SearchPageProps = {
  ctx: PageContext
  state: ListingState
  /** null when no query was typed */
  result: { cards: ProductCard[]; total: number; perPage: number; facets: Facets; correctedQuery: string | null } | null
  /** departments offered when nothing matches */
  categories: CategoryNode[]
}

/**
 * Search results: typo correction notice, facets, sorting, pagination, helpful empty state.
 * The plain results of a query (first page, no filter, default order, at least one product)
 * may be indexed, canonical to `?q=`; filtered, re-sorted, later or empty pages are noindex.
 */
export function SearchPage({ ctx, state, result, categories }: SearchPageProps) {
  const { t } = ctx
  const q = state.q ?? ''
  const base = ctx.path
  const pages = result ? Math.max(1, Math.ceil(result.total / result.perPage)) : 1
  const hrefFor = (page: number) => listingHref(base, { ...state, page })
  const cards = result?.cards ?? []
  return (
    <Layout
      ctx={ctx}
      seo={{ title: q ? `${t('search.title', { query: q })} — Lakou` : `${t('search.titleEmpty')} — Lakou`, description: q ? t('search.description', { query: q }) : t('site.description'),
        index: Boolean(q && result && result.total > 0 && !hasFilters(state) && state.sort === 'relevance' && state.page === 1),
        canonical: q ? `${base}?q=${encodeURIComponent(q)}` : base }}
      alcohol={cards.some((c) => c.ageRestricted)}
    >
      <div class="listing-head">
        <h1>{q ? (result?.correctedQuery ? t('search.corrected', { corrected: result.correctedQuery, query: q }) : t('search.heading', { query: q })) : t('search.titleEmpty')}</h1>
      </div>
      {!result ? (
        <p>{t('search.prompt')}</p>
      ) : (
        <div class="listing">
          {result.total > 0 || hasFilters(state) ? <FacetPanel ctx={ctx} facets={result.facets} state={state} base={base} /> : null}
          <section class="results" aria-labelledby="results-count">
            <div class="results-bar">
              <p id="results-count" class="count" role="status">{t('search.count', { count: result.total })}</p>
              {result.total > 0 ? <SortForm ctx={ctx} state={state} base={base} /> : null}
            </div>
            {cards.length ? (
              <ProductGrid ctx={ctx} cards={cards} level={2} eagerFirst={2} />
            ) : (
              <div class="empty">
                <p>{t('search.none', { query: result.correctedQuery ?? q })}</p>
                {hasFilters(state) ? (
                  <p><a href={listingHref(base, { ...state, category: [], producer: [], commune: [], label: [], price: undefined, inStock: false, page: 1 })}>{t('category.clearFilters')}</a></p>
                ) : null}
                <p>{t('search.noneHelp')}</p>
                <ul class="chips">
                  {categories.map((c) => (
                    <li><a href={paths.category(ctx.locale, ctx.locale === 'fr' ? c.path.fr : c.path.en)}>{c.name}</a></li>
                  ))}
                </ul>
              </div>
            )}
            <Pagination ctx={ctx} page={state.page} pages={pages} hrefFor={hrefFor} />
          </section>
        </div>
      )}
    </Layout>
  )
}
