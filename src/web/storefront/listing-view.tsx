import type { ComponentChildren } from 'preact'
import type { FacetValue, Facets } from '../../modules/search/types.ts'
import type { PageContext } from './page-context.ts'
import { clearFilters, hasFilters, listingHref, SORTS, toggleValue, type ListingState, type MultiFacet } from './listing.ts'

function FacetLink({ ctx, href, label, count, selected }: { ctx: PageContext; href: string; label: string; count: number; selected: boolean }) {
  return (
    <li>
      <a href={href} rel="nofollow" class={selected ? 'facet selected' : 'facet'}>
        <span class="box" aria-hidden="true">{selected ? '✓' : ''}</span>
        {ctx.t('facets.valueCount', { label, count })}
        {selected ? <span class="visually-hidden"> ({ctx.t('facets.selected')})</span> : null}
      </a>
    </li>
  )
}

type FacetGroupProps = { ctx: PageContext; title: string; children: ComponentChildren }
function FacetGroup({ title, children }: FacetGroupProps) {
  return (
    <section class="facet-group">
      <h3>{title}</h3>
      <ul>{children}</ul>
    </section>
  )
}

/**
 * Facets as plain links (work without JavaScript, crawlers told not to follow them).
 * `categoryHref` lets the category page send category values to the child category's own page.
 */
export function FacetPanel(props: { ctx: PageContext; facets: Facets; state: ListingState; base: string; categoryHref?: (f: FacetValue) => string | undefined }) {
  const { ctx, facets, state, base } = props
  const { t } = ctx
  const multi = (facet: MultiFacet, values: FacetValue[], title: string) =>
    values.length ? (
      <FacetGroup ctx={ctx} title={title}>
        {values.map((f) => (
          <FacetLink ctx={ctx} href={(facet === 'category' && props.categoryHref?.(f)) || listingHref(base, toggleValue(state, facet, f.value))} label={f.label} count={f.count} selected={f.selected || state[facet].includes(f.value)} />
        ))}
      </FacetGroup>
    ) : null
  return (
    <aside class="facets" aria-labelledby="facets-title">
      <h2 id="facets-title">{t('facets.title')}</h2>
      {hasFilters(state) ? <p><a href={listingHref(base, clearFilters(state))} class="clear">{t('category.clearFilters')}</a></p> : null}
      {multi('category', facets.category, t('facets.category'))}
      {multi('producer', facets.producer, t('facets.producer'))}
      {multi('commune', facets.commune, t('facets.commune'))}
      {multi('label', facets.label, t('facets.label'))}
      {facets.price.length ? (
        <FacetGroup ctx={ctx} title={t('facets.price')}>
          {facets.price.map((f) => {
            const selected = state.price === f.value
            return <FacetLink ctx={ctx} href={listingHref(base, { ...state, price: selected ? undefined : f.value, page: 1 })} label={f.label} count={f.count} selected={selected} />
          })}
        </FacetGroup>
      ) : null}
      <FacetGroup ctx={ctx} title={t('facets.availability')}>
        <FacetLink ctx={ctx} href={listingHref(base, { ...state, inStock: !state.inStock, page: 1 })} label={t('facets.inStock')} count={facets.inStock.count} selected={state.inStock} />
      </FacetGroup>
    </aside>
  )
}

/** Sorting as a GET form carrying the current filters, so it works without JavaScript. */
export function SortForm({ ctx, state, base }: { ctx: PageContext; state: ListingState; base: string }) {
  const { t } = ctx
  const hidden: [string, string][] = []
  if (state.q) hidden.push(['q', state.q])
  for (const k of ['category', 'producer', 'commune', 'label'] as const) for (const v of state[k]) hidden.push([k, v])
  if (state.price) hidden.push(['price', state.price])
  if (state.inStock) hidden.push(['in_stock', '1'])
  return (
    <form class="sort-form" method="get" action={base}>
      {hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="sort">{t('sort.label')}</label>
      <select id="sort" name="sort">
        {SORTS.map((s) => (
          <option value={s} selected={s === state.sort}>{t(`sort.${s}`)}</option>
        ))}
      </select>
      <button type="submit" class="secondary">{t('sort.submit')}</button>
    </form>
  )
}
