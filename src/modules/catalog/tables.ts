import type { ColumnType, Generated } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>

export type CategoriesTable = {
  id: string
  code: string
  parent_id: string | null
  slug_fr: string
  slug_en: string
  name_fr: string
  name_en: string
  description_fr: string | null
  description_en: string | null
  position: Generated<number>
}

export type ProductsTable = {
  id: string
  handle: string
  slug_fr: string
  slug_en: string
  producer_id: string
  category_id: string
  status: Generated<'DRAFT' | 'ACTIVE' | 'ARCHIVED'>
  name_fr: string
  name_en: string
  description_fr: string | null
  description_en: string | null
  selling_points_fr: Generated<string[]>
  selling_points_en: Generated<string[]>
  vat_category_code: string
  shipping_class_code: string
  age_restricted: Generated<boolean>
  min_age: number | null
  perishable: Generated<boolean>
  fragile: Generated<boolean>
  storage: string | null
  origin_territory: string | null
  origin_commune: string | null
  food_information: Json | null
  featured: Generated<boolean>
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export type ProductVariantsTable = {
  id: string
  product_id: string
  sku: string
  position: Generated<number>
  option_label_fr: string
  option_label_en: string
  name_fr: string
  name_en: string
  net_quantity: number
  net_quantity_unit: 'ml' | 'g' | 'stem' | 'pod' | 'piece'
  gross_weight_g: number
  dimensions_cm: number[]
  glass: Generated<boolean>
  abv: number | null
  volume_l: number | null
  pure_alcohol_l: number | null
  excise_category_code: string | null
  css_applies: Generated<boolean>
  dom_rum_reduced_rate_eligible: Generated<boolean>
  shelf_life_days: number | null
  vase_life_days: number | null
  hs_code: string | null
  unit_codes: Json
  b2b_only: Generated<boolean>
  min_order_qty: Generated<number>
  pack_size: Generated<number>
  made_to_order: Generated<boolean>
  lead_time_days: Generated<number>
  limited_edition_qty: number | null
  season_months: number[] | null
  allowed_zones: Generated<string[]>
  components: Json | null
  status: Generated<'ACTIVE' | 'ARCHIVED'>
  created_at: Timestamp
}

export type VariantPricesTable = {
  variant_id: string
  price_list: 'RETAIL' | 'B2B' | 'COST'
  market: string
  currency: Generated<string>
  amount: number
  tax_included: boolean
  valid_from: Timestamp
}

export type ProductLabelsTable = { product_id: string; label_code: string }

export type ImagesTable = {
  id: string
  storage_key: string
  width: number
  height: number
  widths: number[]
  dominant_color: string | null
  alt_fr: Generated<string>
  alt_en: Generated<string>
  created_at: Timestamp
}

export type ProductImagesTable = { product_id: string; image_id: string; position: Generated<number> }

export type CollectionsTable = {
  id: string
  slug_fr: string
  slug_en: string
  name_fr: string
  name_en: string
  description_fr: string | null
  description_en: string | null
  featured: Generated<boolean>
  position: Generated<number>
}

export type CollectionProductsTable = { collection_id: string; product_id: string; position: Generated<number> }

export type LabelsTable = { code: string; kind: 'official' | 'internal'; label_fr: string; label_en: string; note: string | null }

// Read models the catalog reads but does not own (declared in migrations by the modules above it):
// stock per variant from inventory's view, and the shipping class names for the product page.
// Catalog sits below inventory and shipping in the dependency graph, so it cannot call them;
// these read-only row types are the agreed seam (ARCHITECTURE.md §5: read other modules through views).
export type VariantAvailabilityReadModel = { variant_id: string; available: number; made_to_order: boolean }
export type ShippingClassNamesReadModel = { code: string; label_fr: string; label_en: string }

export type CatalogTables = {
  categories: CategoriesTable
  products: ProductsTable
  product_variants: ProductVariantsTable
  variant_prices: VariantPricesTable
  product_labels: ProductLabelsTable
  images: ImagesTable
  product_images: ProductImagesTable
  collections: CollectionsTable
  collection_products: CollectionProductsTable
  labels: LabelsTable
  variant_availability: VariantAvailabilityReadModel
  shipping_classes: ShippingClassNamesReadModel
}

export const catalogDb = (db: Db) => db.withTables<CatalogTables>()
