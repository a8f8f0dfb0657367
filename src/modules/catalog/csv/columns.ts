// The columns of the catalogue CSV: one row per variant, the product's columns repeated on each
// of its rows (they must agree). Retail prices get one column per market: retail_FR-MAINLAND, retail_GP.

export const PRODUCT_COLUMNS = [
  'handle', 'status', 'name_fr', 'name_en', 'slug_fr', 'slug_en', 'description_fr', 'description_en', 'selling_points_fr', 'selling_points_en',
  'category', 'producer', 'vat_category', 'shipping_class', 'age_restricted', 'min_age', 'perishable', 'fragile', 'storage',
  'origin_territory', 'origin_commune', 'featured', 'labels', 'ingredients_fr', 'ingredients_en', 'allergens', 'nutrition',
] as const

export const VARIANT_COLUMNS = [
  'sku', 'variant_status', 'option_fr', 'option_en', 'variant_name_fr', 'variant_name_en', 'net_quantity', 'net_quantity_unit',
  'gross_weight_g', 'dimensions_cm', 'glass', 'abv', 'volume_l', 'pure_alcohol_l', 'excise_category', 'css_applies', 'dom_rum_reduced_rate',
  'shelf_life_days', 'vase_life_days', 'hs_code', 'b2b_only', 'min_order_qty', 'pack_size', 'made_to_order', 'lead_time_days',
  'limited_edition_qty', 'season_months', 'allowed_zones',
] as const

export const retailColumn = (market: string) => `retail_${market}`

/** Every column, in export order, for these markets. */
export function csvColumns(markets: readonly string[]): string[] {
  return [...PRODUCT_COLUMNS, ...VARIANT_COLUMNS, ...markets.map(retailColumn), 'b2b', 'cost']
}

// Where a field error of the editing schemas is shown in the file: the longest matching path prefix.
const PRODUCT_PATHS: [string, string][] = [
  ['handle', 'handle'], ['status', 'status'], ['slugs.fr', 'slug_fr'], ['slugs.en', 'slug_en'], ['producerId', 'producer'], ['categoryId', 'category'],
  ['name.fr', 'name_fr'], ['name.en', 'name_en'], ['name', 'name_fr'], ['description.fr', 'description_fr'], ['description.en', 'description_en'],
  ['sellingPoints.fr', 'selling_points_fr'], ['sellingPoints.en', 'selling_points_en'], ['vatCategoryCode', 'vat_category'],
  ['shippingClassCode', 'shipping_class'], ['ageRestricted', 'age_restricted'], ['minAge', 'min_age'], ['perishable', 'perishable'],
  ['fragile', 'fragile'], ['storage', 'storage'], ['originTerritory', 'origin_territory'], ['originCommune', 'origin_commune'],
  ['featured', 'featured'], ['labels', 'labels'], ['foodInformation.ingredients.fr', 'ingredients_fr'], ['foodInformation.ingredients.en', 'ingredients_en'],
  ['foodInformation.allergens', 'allergens'], ['foodInformation', 'nutrition'],
]

const VARIANT_PATHS: [string, string][] = [
  ['sku', 'sku'], ['status', 'variant_status'], ['optionLabel.fr', 'option_fr'], ['optionLabel.en', 'option_en'], ['optionLabel', 'option_fr'],
  ['name.fr', 'variant_name_fr'], ['name.en', 'variant_name_en'], ['name', 'variant_name_fr'], ['netQuantityUnit', 'net_quantity_unit'],
  ['netQuantity', 'net_quantity'], ['grossWeightG', 'gross_weight_g'], ['dimensionsCm', 'dimensions_cm'], ['glass', 'glass'],
  ['alcohol.abv', 'abv'], ['alcohol.volumeL', 'volume_l'], ['alcohol.pureAlcoholL', 'pure_alcohol_l'], ['alcohol.exciseCategoryCode', 'excise_category'],
  ['alcohol.cssApplies', 'css_applies'], ['alcohol.domRumReducedRateEligible', 'dom_rum_reduced_rate'], ['alcohol', 'abv'],
  ['shelfLifeDays', 'shelf_life_days'], ['vaseLifeDays', 'vase_life_days'], ['hsCode', 'hs_code'], ['b2bOnly', 'b2b_only'],
  ['minOrderQty', 'min_order_qty'], ['packSize', 'pack_size'], ['madeToOrder', 'made_to_order'], ['leadTimeDays', 'lead_time_days'],
  ['limitedEditionQty', 'limited_edition_qty'], ['seasonMonths', 'season_months'], ['allowedZones', 'allowed_zones'],
]

function columnOf(table: [string, string][], path: string, fallback: string): string {
  let best: [string, string] | undefined
  for (const entry of table) {
    const [prefix] = entry
    if ((path === prefix || path.startsWith(`${prefix}.`)) && (!best || prefix.length > best[0].length)) best = entry
  }
  return best ? best[1] : fallback
}

export const productColumnOf = (path: string) => columnOf(PRODUCT_PATHS, path, 'handle')
export const variantColumnOf = (path: string) => columnOf(VARIANT_PATHS, path, 'sku')
