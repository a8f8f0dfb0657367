import type { CategoryNode, ProductCard } from '../../modules/catalog/types.ts'
import type { Facets } from '../../modules/search/types.ts'
import { TileAddToCart } from './checkout/add-to-cart.tsx'
import { Breadcrumbs, Pagination, ProductGrid, type Crumb } from './components.tsx'
import { Layout } from './layout.tsx'
import { hasFilters, listingHref, type ListingState } from './listing.ts'
import { FacetPanel, SortForm } from './listing-view.tsx'
import { paths, type PageContext } from './page-context.ts'
import { breadcrumbJsonLd } from './seo.ts'

export type CategoryPageProps = {
  ctx: PageContext
  category: CategoryNode
  /** home, then the parents, then this category */
  crumbs: Crumb[]
  state: ListingState
  cards: ProductCard[]
  total: number
  perPage: number
  facets: Facets
  /** spirits department: age confirmation dialog */
  ageGate: boolean
}

export const pageCount = (total: number, perPage: number): number => Math.max(1, Math.ceil(total / perPage))

/** A department: facets, sorting and pagination as links and GET forms; BreadcrumbList JSON-LD. */
export function CategoryPage(props: CategoryPageProps) {
  const { ctx, category, state } = props
  const { t } = ctx
  const pages = pageCount(props.total, props.perPage)
  const base = ctx.path
  const hrefFor = (page: number) => listingHref(base, { ...state, page })
  const children = new Map(category.children.map((c) => [c.id, c]))
  const alcohol = props.ageGate || props.cards.some((c) => c.ageRestricted)
  const title = state.page > 1 ? `${t('category.title', { name: category.name })} — ${t('pagination.page', { page: state.page })}` : t('category.title', { name: category.name })
  return (
    <Layout
      ctx={ctx}
      seo={{
        title,
        description: category.description ?? t('category.description', { name: category.name, count: props.total }),
        index: !hasFilters(state) && state.sort === 'relevance',
        canonical: state.page > 1 ? `${base}?page=${state.page}` : base,
        prev: state.page > 1 ? hrefFor(state.page - 1) : undefined,
        next: state.page < pages ? hrefFor(state.page + 1) : undefined,
        jsonLd: [breadcrumbJsonLd(ctx, props.crumbs)],
      }}
      alcohol={alcohol}
      ageGate={props.ageGate}
    >
      <Breadcrumbs ctx={ctx} items={props.crumbs} />
      <div class="listing-head">
        <h1>{category.name}</h1>
        {category.description ? <p class="lead">{category.description}</p> : null}
        {category.children.length ? (
          <nav aria-label={t('category.subcategories')}>
            <ul class="chips">
              {category.children.map((c) => (
                <li><a href={paths.category(ctx.locale, ctx.locale === 'fr' ? c.path.fr : c.path.en)}>{c.name}</a></li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
      <div class="listing">
        <FacetPanel
          ctx={ctx}
          facets={{ ...props.facets, category: props.facets.category.filter((f) => children.has(f.value)) }}
          state={state}
          base={base}
          categoryHref={(f) => {
            const child = children.get(f.value)
            return child ? paths.category(ctx.locale, ctx.locale === 'fr' ? child.path.fr : child.path.en) : undefined
          }}
        />
        <section class="results" aria-labelledby="results-count">
          <div class="results-bar">
            <p id="results-count" class="count" role="status">{t('category.count', { count: props.total })}</p>
            <SortForm ctx={ctx} state={state} base={base} />
          </div>
          {props.cards.length ? (
            <ProductGrid ctx={ctx} cards={props.cards} level={2} eagerFirst={2} tileAction={(card) => <TileAddToCart ctx={ctx} card={card} />} />
          ) : (
            <div class="empty">
              <p>{t('category.empty')}</p>
              {hasFilters(state) ? <p><a href={base}>{t('category.clearFilters')}</a></p> : null}
            </div>
          )}
          <Pagination ctx={ctx} page={state.page} pages={pages} hrefFor={hrefFor} />
        </section>
      </div>
    </Layout>
  )
}
