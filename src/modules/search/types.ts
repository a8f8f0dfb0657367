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
  /** retail price bounds in cents, tax included, in the request's market: min inclusive, max exclusive (like the price buckets) */
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
  /**
   * the category page being browsed: limits results to it and its children (not a facet
   * selection, so the category facet then counts its subcategories), and applies its
   * merchandising rules when there is no query
   */
  contextCategoryId?: string
  /** back-office preview: the result without any merchandising rule (to compare) */
  ignoreRules?: boolean
  /** false: not written to the query log (back-office previews must not count as shoppers' searches) */
  log?: boolean
  /**
   * an A/B test's alternative relevance order (modules/experiments, surface 'search_ranking'):
   * in-stock items first, or newest first, after the merchandising tier. Absent or 'default': the usual order.
   */
  ranking?: SearchRanking
}

export type SearchRanking = 'default' | 'in_stock_first' | 'newest_first'

export type FacetValue = {
  value: string
  label: string
  count: number
  selected: boolean
  /** category facet only: the parent category id (null for a top category), to draw the tree */
  parentId?: string | null
}

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

/**
 * search: throws AppError SEARCH_QUERY_INVALID (400) for an unusable query (see normalizeQuery);
 * an absent or blank query browses. Only products with a retail price in `market` are listed.
 * autocomplete: at most `limit` suggestions of each kind (categories, producers, products).
 */
export interface SearchEngine {
  search(ctx: Ctx, request: SearchRequest): Promise<SearchResult>
  autocomplete(ctx: Ctx, input: { prefix: string; locale: Locale; market: string; limit: number }): Promise<Suggestion[]>
  /** rebuilds the index for these products (all when omitted) */
  reindex(ctx: Ctx, productIds?: string[]): Promise<void>
}

// ── managed as data by the back office (and tests) ─────────────────────────

/** A group of equivalent terms for one language; oneWay: the first term expands to the others only. */
export type SynonymGroupRecord = { id: string; locale: Locale; terms: string[]; oneWay: boolean; createdAt: Date }

/**
 * A merchandising rule for a normalised query or a category page (browse):
 * PIN puts a product at a 1-based slot, BOOST ranks it above the rest, BURY ranks it last
 * (all three on the relevance order only), REDIRECT sends a query to a site path.
 * locale null: both languages.
 */
export type SearchRule = {
  id: string
  action: 'PIN' | 'BOOST' | 'BURY' | 'REDIRECT'
  query: string | null
  categoryId: string | null
  locale: Locale | null
  productId: string | null
  position: number | null
  redirectPath: string | null
  active: boolean
  createdAt: Date
}

/** A query that found nothing: how often, and when last asked. */
export type ZeroResultQuery = { normalized: string; locale: string; count: number; lastAskedAt: Date; example: string }
