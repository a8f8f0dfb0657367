import type { SearchFilters, SearchSort } from '../../modules/search/types.ts'

/**
 * The state of a product listing (category page, search page) as it travels in the URL:
 * plain GET parameters, so facets, sorting and pagination work as links without JavaScript.
 */
export type ListingState = {
  q?: string
  category: string[]
  producer: string[]
  commune: string[]
  label: string[]
  /** one price bucket, 'min-max' in cents ('0-1000', '5000-') */
  price?: string
  inStock: boolean
  sort: SearchSort
  page: number
}

export const SORTS: readonly SearchSort[] = ['relevance', 'price_asc', 'price_desc', 'newest']
export const PER_PAGE = 24

export type MultiFacet = 'category' | 'producer' | 'commune' | 'label'

/** Query string of a state, parameters in a fixed order, defaults left out (one URL per state). */
export function listingQuery(s: ListingState): string {
  const p = new URLSearchParams()
  if (s.q) p.set('q', s.q)
  for (const k of ['category', 'producer', 'commune', 'label'] as const) for (const v of s[k]) p.append(k, v)
  if (s.price) p.set('price', s.price)
  if (s.inStock) p.set('in_stock', '1')
  if (s.sort !== 'relevance') p.set('sort', s.sort)
  if (s.page > 1) p.set('page', String(s.page))
  const qs = p.toString()
  return qs ? `?${qs}` : ''
}

export const listingHref = (base: string, s: ListingState): string => `${base}${listingQuery(s)}`

/** The state with one facet value switched on or off; any change of filters goes back to page 1. */
export function toggleValue(s: ListingState, facet: MultiFacet, value: string): ListingState {
  const has = s[facet].includes(value)
  return { ...s, [facet]: has ? s[facet].filter((v) => v !== value) : [...s[facet], value], page: 1 }
}

export const hasFilters = (s: ListingState): boolean =>
  s.category.length + s.producer.length + s.commune.length + s.label.length > 0 || Boolean(s.price) || s.inStock

export const clearFilters = (s: ListingState): ListingState => ({ ...s, category: [], producer: [], commune: [], label: [], price: undefined, inStock: false, page: 1 })

/** 'min-max' cents → bounds; '5000-' is open-ended. Undefined when malformed. */
export function parsePriceRange(v: string): { min: number; max: number | undefined } | undefined {
  const m = /^(\d{1,9})-(\d{0,9})$/.exec(v)
  if (!m) return undefined
  const min = Number(m[1])
  const max = m[2] ? Number(m[2]) : undefined
  return max !== undefined && max < min ? undefined : { min, max }
}

/** What the search engine receives for a state. */
export function filtersOf(s: ListingState): SearchFilters {
  const range = s.price ? parsePriceRange(s.price) : undefined
  return {
    ...(s.category.length ? { categoryIds: s.category } : {}),
    ...(s.producer.length ? { producerIds: s.producer } : {}),
    ...(s.commune.length ? { communes: s.commune } : {}),
    ...(s.label.length ? { labels: s.label } : {}),
    ...(range ? { priceMin: range.min, ...(range.max !== undefined ? { priceMax: range.max } : {}) } : {}),
    ...(s.inStock ? { inStock: true } : {}),
  }
}
