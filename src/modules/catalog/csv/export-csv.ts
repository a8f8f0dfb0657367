import { stringify } from 'csv-stringify/sync'
import type { Ctx } from '../../../kernel/ctx.ts'
import { listProducerRefs } from '../../producers/index.ts'
import { readProducts, type ProductRecord } from '../product-record.ts'
import { loadReferenceCodes } from '../references.ts'
import { catalogDb } from '../tables.ts'
import { readPrices, readVariants, type PriceSet, type VariantRecord } from '../variant-record.ts'
import { protectCell, writeBoolean, writeDecimal, writeEuros } from './cells.ts'
import { csvColumns, VARIANT_COLUMNS } from './columns.ts'

export type ExportOptions = {
  /** ';' (default: French Excel, decimals with ',') or ',' (decimals with '.') */
  delimiter?: ';' | ','
  /** a UTF-8 byte order mark first, so Excel reads accents right (default true) */
  bom?: boolean
}

const BATCH = 500

/**
 * The whole catalogue as CSV text, in pieces: the header, then one row per variant (a product
 * without variants gets one row with blank variant columns), products by handle. Reads 4 queries
 * per 500 products. The file imports back unchanged (see cells.ts for the format).
 */
export async function* exportCatalogCsvChunks(ctx: Ctx, opts: ExportOptions = {}): AsyncGenerator<string> {
  const delimiter = opts.delimiter ?? ';'
  const dec = delimiter === ';' ? ',' : '.'
  const { markets } = await loadReferenceCodes(ctx)
  const producerSlug = new Map((await listProducerRefs(ctx)).map((p) => [p.id, p.slug]))
  const db = catalogDb(ctx.db)
  const categoryCode = new Map((await db.selectFrom('categories').select(['id', 'code']).execute()).map((c) => [c.id, c.code]))
  const line = (cells: string[]) => stringify([cells.map(protectCell)], { delimiter })
  yield (opts.bom ?? true ? '\uFEFF' : '') + line(csvColumns(markets))

  let after = ''
  for (;;) {
    const page = await db.selectFrom('products').select(['id', 'handle']).where('handle', '>', after).orderBy('handle').limit(BATCH).execute()
    if (!page.length) return
    after = page[page.length - 1]!.handle
    const products = await readProducts(ctx, page.map((p) => p.id))
    const variants = await readVariants(ctx, { productIds: page.map((p) => p.id) })
    const prices = await readPrices(ctx, variants.map((v) => v.id))
    const byProduct = new Map<string, VariantRecord[]>()
    for (const v of variants) {
      const list = byProduct.get(v.product_id)
      if (list) list.push(v)
      else byProduct.set(v.product_id, [v])
    }
    const rows: string[][] = []
    for (const { id } of page) {
      const p = products.get(id)!
      const head = productCells(p, categoryCode.get(p.category_id) ?? '', producerSlug.get(p.producer_id) ?? '', dec)
      const list = byProduct.get(id) ?? []
      if (!list.length) rows.push([...head, ...Array<string>(VARIANT_COLUMNS.length + markets.length + 2).fill('')])
      for (const v of list) rows.push([...head, ...variantCells(v, prices.get(v.id)!, markets, dec)])
    }
    yield stringify(rows.map((r) => r.map(protectCell)), { delimiter })
  }
}

/** The whole export as one string (CLI, back-office download). */
export async function exportCatalogCsv(ctx: Ctx, opts: ExportOptions = {}): Promise<string> {
  let out = ''
  for await (const chunk of exportCatalogCsvChunks(ctx, opts)) out += chunk
  return out
}

type FoodInformation = { ingredients?: { fr?: string; en?: string } | null; allergens?: string[]; nutritionDeclaration?: unknown }

function productCells(p: ProductRecord, category: string, producer: string, dec: string): string[] {
  const food = (p.food_information ?? null) as FoodInformation | null
  return [
    p.handle, p.status, p.name_fr, p.name_en, p.slug_fr, p.slug_en, p.description_fr ?? '', p.description_en ?? '',
    p.selling_points_fr.join('\n'), p.selling_points_en.join('\n'), category, producer, p.vat_category_code, p.shipping_class_code,
    writeBoolean(p.age_restricted), writeDecimal(p.min_age, dec), writeBoolean(p.perishable), writeBoolean(p.fragile), p.storage ?? '',
    p.origin_territory ?? '', p.origin_commune ?? '', writeBoolean(p.featured), p.labels.join('|'),
    food?.ingredients?.fr ?? '', food?.ingredients?.en ?? '', (food?.allergens ?? []).join('|'),
    food?.nutritionDeclaration === undefined ? '' : JSON.stringify(food.nutritionDeclaration),
  ]
}

function variantCells(v: VariantRecord, prices: PriceSet, markets: readonly string[], dec: string): string[] {
  return [
    v.sku, v.status, v.option_label_fr, v.option_label_en, v.name_fr, v.name_en, writeDecimal(v.net_quantity, dec), v.net_quantity_unit,
    String(v.gross_weight_g), v.dimensions_cm.join('x'), writeBoolean(v.glass), writeDecimal(v.abv, dec), writeDecimal(v.volume_l, dec),
    writeDecimal(v.pure_alcohol_l, dec), v.excise_category_code ?? '', writeBoolean(v.css_applies), writeBoolean(v.dom_rum_reduced_rate_eligible),
    writeDecimal(v.shelf_life_days, dec), writeDecimal(v.vase_life_days, dec), v.hs_code ?? '', writeBoolean(v.b2b_only),
    String(v.min_order_qty), String(v.pack_size), writeBoolean(v.made_to_order), String(v.lead_time_days), writeDecimal(v.limited_edition_qty, dec),
    (v.season_months ?? []).join('|'), v.allowed_zones.join('|'),
    ...markets.map((m) => writeEuros(prices.retail[m], dec)), writeEuros(prices.b2b, dec), writeEuros(prices.cost, dec),
  ]
}
