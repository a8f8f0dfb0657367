import type { Db } from '../../kernel/db/client.ts'

export type TerritoriesTable = {
  code: string
  name_fr: string
  name_en: string
  vat_territory: 'FR_DOM' | 'FR_METRO' | 'EU_OTHER' | 'THIRD_COUNTRY'
  iso3166: string | null
  iso_country_for_invoices: string | null
  eu_vat_territory: boolean
  eu_customs_territory: boolean
  excise_territory: string | null
  is_market: boolean
  notes: string | null
}

export type VatCategoriesTable = { code: string; label_fr: string; label_en: string; basis: string | null; notes: string | null }
export type VatRatesTable = { vat_category_code: string; territory_code: string; rate_bp: number; valid_from: string; valid_to: string | null }
export type ExciseCategoriesTable = { code: string; label_fr: string; label_en: string; applies_to: string | null; details: string }
export type ExciseTariffsTable = {
  code: string
  scope: 'mainland' | 'gp_local' | 'css'
  cents_per_hl_pure_alcohol: number
  valid_from: string
  valid_to: string | null
  source: string | null
}

export type TaxTables = {
  territories: TerritoriesTable
  vat_categories: VatCategoriesTable
  vat_rates: VatRatesTable
  excise_categories: ExciseCategoriesTable
  excise_tariffs: ExciseTariffsTable
}

export const taxDb = (db: Db) => db.withTables<TaxTables>()
