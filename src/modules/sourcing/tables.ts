import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import type { ProducersTables } from '../producers/tables.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type ProducerApplicationsTable = {
  id: string
  producer_id: string
  contact_name: string
  email: string
  phone: string | null
  siren: string
  products_text: string
  capacity_text: string
  annual_capacity_units: number | null
  message: string | null
  locale: 'fr' | 'en'
  submitted_at: Timestamp
  /** migration 0014: keyed hash of the client address, for the rate limit */
  ip_hash: string | null
}

export type ProducerFilesTable = {
  id: string
  producer_id: string
  kind: 'photo' | 'document'
  purpose: string | null
  file_name: string
  content_type: string
  byte_size: number
  storage_key: string
  image_id: string | null
  created_at: Timestamp
}

export type ScoringCriteriaTable = {
  code: string
  position: number
  label_fr: string
  label_en: string
  help_fr: string | null
  weight: number
  max_score: number
  active: boolean
}

export type ProducerScoresTable = {
  producer_id: string
  criterion_code: string
  score: number
  note: string | null
  staff_id: string
  scored_at: Timestamp
}

export type ProducerPipelineEventsTable = {
  id: Generated<number>
  producer_id: string
  from_status: string | null
  to_status: string | null
  note: string | null
  staff_id: string | null
  created_at: Timestamp
}

// Read-only: what the agreement rules need to know of a producer's goods (excise, perishable food).
// Catalog sits above sourcing's callers; the columns are read, never written, here.
export type ProductKindReadModel = { id: string; producer_id: string; perishable: boolean; food_information: unknown; status: string }
export type VariantKindReadModel = { id: string; product_id: string; excise_category_code: string | null }
export type StaffNamesReadModel = { id: string; name: string; email: string }

export type SourcingTables = ProducersTables & {
  producer_applications: ProducerApplicationsTable
  producer_files: ProducerFilesTable
  scoring_criteria: ScoringCriteriaTable
  producer_scores: ProducerScoresTable
  producer_pipeline_events: ProducerPipelineEventsTable
  products: ProductKindReadModel
  product_variants: VariantKindReadModel
  staff_users: StaffNamesReadModel
}

export const sourcingDb = (db: Db) => db.withTables<SourcingTables>()
