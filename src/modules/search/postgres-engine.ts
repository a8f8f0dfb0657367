import { autocomplete } from './autocomplete.ts'
import { reindex } from './reindex.ts'
import { searchProducts } from './search-products.ts'
import type { SearchEngine } from './types.ts'

/**
 * The default engine: PostgreSQL full text (french/english + unaccent), pg_trgm and
 * fuzzystrmatch for typos, on PGlite or PostgreSQL 15 alike. Another engine (Meilisearch,
 * Typesense, Algolia) plugs in by implementing SearchEngine; see README.md.
 */
export const postgresSearchEngine: SearchEngine = {
  search: searchProducts,
  autocomplete,
  reindex,
}
