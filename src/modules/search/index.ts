// Public API of the search module: the engine, query normalisation, indexing, and the
// synonyms, merchandising rules and query log that the back office manages as data.
export type * from './types.ts'

/** The default SearchEngine on PostgreSQL (PGlite or PostgreSQL 15). */
export { postgresSearchEngine } from './postgres-engine.ts'
/** Normalises a shopper's query, or says why it cannot be searched (too long, binary, empty). */
export { normalizeQuery, normalizeQueryOrThrow, searchQueryInvalid, MAX_QUERY_LENGTH, type NormalizedQuery, type NormalizeResult, type QueryProblem } from './normalize-query.ts'
/** Rebuilds the index rows of some products (all when omitted), e.g. after a catalogue or stock edit. */
export { reindex } from './reindex.ts'
/** After-seed step: demo synonyms, then the whole index. */
export { indexDemoSearch } from './index-demo-search.ts'
/** Synonym groups as data. */
export { createSynonymGroup, listSynonymGroups, deleteSynonymGroup, replaceSynonymGroups, type CreateSynonymGroupInput } from './synonyms.ts'
/** Merchandising rules as data: PIN, BOOST, BURY per query or category, REDIRECT a query. */
export { createSearchRule, listSearchRules, deleteSearchRule, type CreateSearchRuleInput } from './merchandising-rules.ts'
/** Queries that found nothing, most asked first. */
export { listZeroResultQueries } from './list-zero-result-queries.ts'
/** Price buckets of the price facet (cents, tax included). */
export { PRICE_EDGES, bucketBounds, bucketValue } from './price-buckets.ts'
