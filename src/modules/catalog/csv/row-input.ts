import { readBoolean, readDecimal, readDimensions, readEuros, readInteger, readIntegerList, readJson, readLines, readList, readText, unprotectCell, type CellResult } from './cells.ts'
import { PRODUCT_COLUMNS, retailColumn } from './columns.ts'
import type { CsvError } from './report.ts'

// One CSV row → the raw inputs of the editing schemas (ProductFieldsShape, VariantFieldsShape) and
// its prices. A cell that cannot be read (a price "12,999", a boolean "peut-être") is an error of
// that cell; the schemas then check the rest with the same rules as the back-office forms.

export type RowCells = { line: number; get: (column: string) => string }

/** Column name → position in the file, built once per file. */
export const headerIndex = (header: readonly string[]) => new Map(header.map((h, i) => [h, i]))

export function rowCells(line: number, index: Map<string, number>, cells: readonly string[]): RowCells {
  return { line, get: (column) => unprotectCell(cells[index.get(column) ?? -1] ?? '') }
}

/** Reads cells, collecting the errors of those that cannot be read. */
class CellReader {
  readonly errors: CsvError[] = []
  constructor(private readonly row: RowCells) {}
  text = (column: string) => readText(this.row.get(column))
  raw = (column: string) => this.row.get(column)
  read<T>(column: string, reader: (cell: string) => CellResult<T>): T | undefined {
    const r = reader(this.row.get(column))
    if (r.ok) return r.value
    this.errors.push({ line: this.row.line, column, message: r.message })
    return undefined
  }
  /** Columns with an unreadable cell: the schema's complaint about them would only repeat it. */
  failed = () => new Set(this.errors.map((e) => e.column))
}

const pair = <T>(fr: T, en: T) => ({ fr, en })

/** The product's columns as the same text, to check that all rows of a handle agree. */
export const productSignature = (row: RowCells) => PRODUCT_COLUMNS.map((c) => row.get(c))

export function productInputOf(row: RowCells) {
  const r = new CellReader(row)
  const ingredients = pair(r.text('ingredients_fr'), r.text('ingredients_en'))
  const allergens = readList(r.raw('allergens'))
  const nutrition = r.read('nutrition', readJson)
  const hasFood = ingredients.fr !== null || ingredients.en !== null || allergens.length > 0 || nutrition != null
  const minAge = r.read('min_age', readInteger)
  const input = {
    handle: r.text('handle'),
    slugs: pair(r.text('slug_fr'), r.text('slug_en')),
    producerId: r.raw('producer').trim(),
    categoryId: r.raw('category').trim(),
    name: pair(r.raw('name_fr'), r.raw('name_en')),
    description: pair(r.text('description_fr'), r.text('description_en')),
    sellingPoints: pair(readLines(r.raw('selling_points_fr')), readLines(r.raw('selling_points_en'))),
    vatCategoryCode: r.raw('vat_category').trim(),
    shippingClassCode: r.raw('shipping_class').trim(),
    ageRestricted: r.read('age_restricted', readBoolean),
    minAge: minAge ?? null,
    perishable: r.read('perishable', readBoolean),
    fragile: r.read('fragile', readBoolean),
    storage: r.text('storage'),
    originTerritory: r.text('origin_territory'),
    originCommune: r.text('origin_commune'),
    foodInformation: hasFood ? { ingredients, allergens, nutritionDeclaration: nutrition ?? undefined } : null,
    featured: r.read('featured', readBoolean),
    labels: readList(r.raw('labels')),
  }
  const status = r.raw('status').trim().toUpperCase() || 'DRAFT'
  return { input, status, errors: r.errors, failed: r.failed() }
}

export function variantInputOf(row: RowCells) {
  const r = new CellReader(row)
  const abv = r.read('abv', readDecimal)
  const volumeL = r.read('volume_l', readDecimal)
  const pureAlcoholL = r.read('pure_alcohol_l', readDecimal)
  const exciseCategory = r.text('excise_category')
  const alcoholic = [abv, volumeL, pureAlcoholL, exciseCategory].some((v) => v != null) || r.failed().has('abv') || r.failed().has('volume_l')
  const input = {
    sku: r.raw('sku'),
    optionLabel: pair(r.raw('option_fr'), r.raw('option_en')),
    name: pair(r.raw('variant_name_fr'), r.raw('variant_name_en')),
    netQuantity: r.read('net_quantity', readDecimal) ?? undefined,
    netQuantityUnit: r.raw('net_quantity_unit').trim(),
    grossWeightG: r.read('gross_weight_g', readInteger) ?? undefined,
    dimensionsCm: r.read('dimensions_cm', readDimensions) ?? undefined,
    glass: r.read('glass', readBoolean),
    alcohol: alcoholic
      ? {
          abv: abv ?? undefined,
          volumeL: volumeL ?? undefined,
          pureAlcoholL,
          exciseCategoryCode: exciseCategory ?? '',
          cssApplies: r.read('css_applies', readBoolean),
          domRumReducedRateEligible: r.read('dom_rum_reduced_rate', readBoolean),
        }
      : null,
    shelfLifeDays: r.read('shelf_life_days', readInteger),
    vaseLifeDays: r.read('vase_life_days', readInteger),
    hsCode: r.text('hs_code'),
    b2bOnly: r.read('b2b_only', readBoolean),
    minOrderQty: r.read('min_order_qty', readInteger) ?? undefined,
    packSize: r.read('pack_size', readInteger) ?? undefined,
    madeToOrder: r.read('made_to_order', readBoolean),
    leadTimeDays: r.read('lead_time_days', readInteger) ?? undefined,
    limitedEditionQty: r.read('limited_edition_qty', readInteger),
    seasonMonths: r.read('season_months', readIntegerList),
    allowedZones: readList(r.raw('allowed_zones')),
    status: r.raw('variant_status').trim().toUpperCase() || 'ACTIVE',
  }
  return { input, errors: r.errors, failed: r.failed() }
}

export type RowPrices = { retail: Record<string, number>; b2b: number | null; cost: number | null }

export function pricesOf(row: RowCells, markets: readonly string[]): { prices: RowPrices; errors: CsvError[] } {
  const r = new CellReader(row)
  const retail: Record<string, number> = {}
  for (const m of markets) {
    const amount = r.read(retailColumn(m), readEuros)
    if (amount != null) retail[m] = amount
  }
  return { prices: { retail, b2b: r.read('b2b', readEuros) ?? null, cost: r.read('cost', readEuros) ?? null }, errors: r.errors }
}
