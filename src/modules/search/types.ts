import type { Ctx, Locale } from '../../kernel/ctx.ts'

// The search engine interface. The default implementation runs on PostgreSQL
// (full text + unaccent + pg_trgm); a dedicated search server can replace it
// by implementing the same interface.

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest'

export type SearchFilters = {
  /** category ids; a top category includes its children */
  categoryIds?: string[]
  producerIds?: string[]
  /** origin communes, as stored ('Capesterre-Belle-Eau') */
  communes?: string[]
  /** label codes ('AB_BIO'); a product must carry all of them */
  labels?: string[]
  /** retail price bounds in cents, tax included, in the request's market */
  priceMin?: number
  priceMax?: number
  inStock?: boolean
}

export type SearchRequest = {
  /** free text; absent or empty = browse (category page) */
  query?: string
  locale: Locale
  market: string
  filters: SearchFilters
  sort: SearchSort
  page: number
  perPage: number
  /** the category page being browsed, for category merchandising rules */
  contextCategoryId?: string
}

export type FacetValue = { value: string; label: string; count: number; selected: boolean }

export type Facets = {
  category: FacetValue[]
  producer: FacetValue[]
  commune: FacetValue[]
  label: FacetValue[]
  /** price buckets, value 'min-max' in cents ('0-1000', '5000-' for open-ended) */
  price: FacetValue[]
  inStock: { count: number; selected: boolean }
}

export type SearchResult =
  | {
      kind: 'results'
      productIds: string[]
      total: number
      page: number
      perPage: number
      facets: Facets
      /** the query actually run after typo correction ('rhim' → 'rhum'), when it differs */
      correctedQuery: string | null
    }
  | { kind: 'redirect'; path: string }

export type Suggestion = { kind: 'product' | 'category' | 'producer'; label: string; path: string }

export interface SearchEngine {
  search(ctx: Ctx, request: SearchRequest): Promise<SearchResult>
  autocomplete(ctx: Ctx, input: { prefix: string; locale: Locale; market: string; limit: number }): Promise<Suggestion[]>
  /** rebuilds the index for these products (all when omitted) */
  reindex(ctx: Ctx, productIds?: string[]): Promise<void>
}
