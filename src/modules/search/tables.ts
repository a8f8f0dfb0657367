import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type SearchSynonymsTable = {
  id: string
  locale: 'fr' | 'en'
  terms: string[]
  one_way: Generated<boolean>
  created_at: Generated<Date>
}

export type SearchRuleAction = 'PIN' | 'BOOST' | 'BURY' | 'REDIRECT'

export type SearchRulesTable = {
  id: string
  action: SearchRuleAction
  query: string | null
  category_id: string | null
  locale: 'fr' | 'en' | null
  product_id: string | null
  position: number | null
  redirect_path: string | null
  active: Generated<boolean>
  created_at: Generated<Date>
}

export type SearchQueriesTable = {
  id: Generated<number>
  query: string
  normalized: string
  locale: string
  result_count: number
  created_at: Timestamp
}

export type SearchDocumentsTable = {
  product_id: string
  category_ids: string[]
  producer_id: string
  commune: string | null
  labels: string[]
  prices: ColumnType<Record<string, number>, string, string>
  in_stock: boolean
  featured: boolean
  created_at: Timestamp
  name_fr: string
  name_en: string
  slug_fr: string
  slug_en: string
  tsv_fr: string
  tsv_en: string
  indexed_at: Generated<Date>
}

export type SearchTermsTable = { locale: 'fr' | 'en'; term: string; stem: string | null; frequency: number }

export type SearchSuggestionsTable = {
  kind: 'category' | 'producer'
  ref_id: string
  locale: 'fr' | 'en'
  label: string
  path: string
  position: number
  tsv: string
}

export type SearchTables = {
  search_synonyms: SearchSynonymsTable
  search_rules: SearchRulesTable
  search_queries: SearchQueriesTable
  search_documents: SearchDocumentsTable
  search_terms: SearchTermsTable
  search_suggestions: SearchSuggestionsTable
}

export const searchDb = (db: Db) => db.withTables<SearchTables>()
