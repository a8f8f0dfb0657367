import type { Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

export type ShippingClassesTable = { code: string; label_fr: string; label_en: string; rules: string[]; allowed_zones: string[] }

export type ShippingMethodsTable = {
  id: string
  code: string
  carrier: string
  service: string
  name_fr: string
  name_en: string
  express: Generated<boolean>
  max_parcel_weight_g: Generated<number>
  position: Generated<number>
  active: Generated<boolean>
}

export type ShippingRatesTable = {
  id: string
  method_code: string
  origin_territory: string
  destination_zone: string
  free_above_gross: number | null
  handling_days: Generated<number>
  cutoff_minute: number
  timezone: string
  transit_days_min: number
  transit_days_max: number
  ship_weekdays: Generated<number[]>
  delivery_weekdays: Generated<number[]>
}

export type ShippingRateBracketsTable = { rate_id: string; max_weight_g: number; price_gross: number }

export type ShippingTables = {
  shipping_classes: ShippingClassesTable
  shipping_methods: ShippingMethodsTable
  shipping_rates: ShippingRatesTable
  shipping_rate_brackets: ShippingRateBracketsTable
}

export const shippingDb = (db: Db) => db.withTables<ShippingTables>()
