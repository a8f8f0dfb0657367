import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type ProducerStatus = 'APPLICANT' | 'EVALUATING' | 'SELECTED' | 'ACTIVE' | 'PAUSED' | 'ENDED'

export type ProducersTable = {
  id: string
  code: string
  kind: Generated<'producer' | 'operator'>
  slug: string
  trade_name: string
  legal_form: string | null
  status: ProducerStatus
  siren: string | null
  vat_number: string | null
  commune: string | null
  postal_code: string | null
  island: string | null
  territory_code: string | null
  lat: number | null
  lon: number | null
  since_year: number | null
  staff: number | null
  product_lines: Generated<string[]>
  story_fr: string | null
  story_en: string | null
  email: string | null
  phone: string | null
  featured: Generated<boolean>
  image_id: string | null
  /** bank account (migration 0024): normalised IBAN and BIC, the account holder; all three or none */
  iban: ColumnType<string | null, string | null | undefined, string | null>
  bic: ColumnType<string | null, string | null | undefined, string | null>
  bank_account_holder: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

export type ProducerLabelsTable = { producer_id: string; label_code: string }

export type ProducerAgreementsTable = {
  producer_id: string
  valid_from: ColumnType<Date | string, string, string>
  model: 'PURCHASE' | 'CONSIGNMENT'
  payment_terms_type: PaymentTermsType
  payment_terms_days: number
  legal_basis: string | null
  commission_bp: number | null
  settlement: string | null
  incoterm: string | null
  excise_status: string | null
  note: string | null
  created_by: string | null
  created_at: Timestamp
}

/** How a supplier invoice's due date is counted (migration 0013; legal limits in DOMAIN.md §7). */
export type PaymentTermsType = 'NET_DAYS_FROM_INVOICE' | 'DAYS_AFTER_END_OF_DELIVERY_MONTH' | 'DAYS_AFTER_DELIVERY'

// Reference tables declared by the catalog that producer pages show (label names, the portrait).
// Producers sits below catalog in the dependency graph, so it joins them read-only instead of calling
// catalog; it never writes them. The foreign keys producers.image_id and producer_labels.label_code
// already tie them in migration 0001.
export type LabelNamesReadModel = { code: string; kind: 'official' | 'internal'; label_fr: string; label_en: string }
export type ImagesReadModel = {
  id: string
  storage_key: string
  width: number
  height: number
  widths: number[]
  dominant_color: string | null
  alt_fr: string
  alt_en: string
}

export type ProducersTables = {
  producers: ProducersTable
  producer_labels: ProducerLabelsTable
  producer_agreements: ProducerAgreementsTable
  labels: LabelNamesReadModel
  images: ImagesReadModel
}

export const producersDb = (db: Db) => db.withTables<ProducersTables>()
