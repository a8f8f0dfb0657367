import type { Ctx } from '../../../kernel/ctx.ts'
import { newId } from '../../../kernel/ids.ts'
import { listProducerRefs } from '../../producers/index.ts'
import { B2B_MARKET, priceRowsOf } from '../price-writes.ts'
import { productColumns, type ProductStatus } from '../product-fields.ts'
import { readProducts, type ProductRecord } from '../product-record.ts'
import { loadReferenceCodes } from '../references.ts'
import { catalogDb } from '../tables.ts'
import { variantColumns, type VariantColumns } from '../variant-fields.ts'
import { readPrices, readVariants, type PriceRow, type VariantRecord } from '../variant-record.ts'
import { checkHeader, checkRows, type CheckedProduct } from './check-rows.ts'
import { resolveImportSlugs } from './import-slugs.ts'
import type { CsvTable } from './read-csv.ts'
import { emptySummary, type CsvError, type ImportSummary } from './report.ts'
import { sameValue } from './same-value.ts'
import { anyOf } from '../any-of.ts'

export type ProductValues = ReturnType<typeof productColumns> & { status: ProductStatus }

export type PlannedVariant = {
  line: number
  id: string
  existing: VariantRecord | null
  columns: VariantColumns
  position: number
  currentPrices: PriceRow[]
  wantedPrices: PriceRow[]
  fieldsChanged: boolean
  pricesChanged: boolean
}

export type PlannedProduct = {
  handle: string
  line: number
  id: string
  existing: ProductRecord | null
  values: ProductValues
  labels: string[]
  fieldsChanged: boolean
  labelsChanged: boolean
  variants: PlannedVariant[]
}

export type ImportPlan = { errors: CsvError[]; rows: number; products: PlannedProduct[]; summary: ImportSummary }

/**
 * Checks a whole file against the rules and the database and works out what it would change,
 * writing nothing. Products are matched by handle, variants by SKU; products and variants that
 * are not in the file are left as they are. With `lock`, the products the file names are locked
 * FOR UPDATE (the apply step plans again inside its transaction). The database is read in a
 * fixed number of queries, whatever the number of rows.
 */
export async function planCatalogImport(ctx: Ctx, table: CsvTable, opts: { lock?: boolean } = {}): Promise<ImportPlan> {
  const rows = table.rows.length
  const failed = (errors: CsvError[]): ImportPlan => ({ errors, rows, products: [], summary: emptySummary() })
  const codes = await loadReferenceCodes(ctx)
  const headerErrors = checkHeader(table, codes.markets)
  if (headerErrors.length) return failed(headerErrors)
  const db = catalogDb(ctx.db)
  const producers = await listProducerRefs(ctx)
  const categories = await db.selectFrom('categories').select(['id', 'code']).execute()
  const { products, errors } = checkRows(table, {
    codes,
    producerIdBySlug: new Map(producers.map((p) => [p.slug, p.id])),
    categoryIdByCode: new Map(categories.map((c) => [c.code, c.id])),
  })

  const handles = products.map((p) => p.handle)
  const ids = handles.length ? (await db.selectFrom('products').select('id').where(anyOf('handle', handles)).execute()).map((r) => r.id) : []
  const byHandle = new Map([...(await readProducts(ctx, ids, { lock: opts.lock })).values()].map((p) => [p.handle, p]))
  const variants = await readVariants(ctx, { skus: products.flatMap((p) => p.variants.map((v) => v.fields.sku)) })
  const variantBySku = new Map(variants.map((v) => [v.sku, v]))
  const ownerIds = [...new Set(variants.map((v) => v.product_id))]
  const ownerHandle = new Map(ownerIds.length ? (await db.selectFrom('products').select(['id', 'handle']).where(anyOf('id', ownerIds)).execute()).map((r) => [r.id, r.handle]) : [])
  for (const p of products) {
    for (const v of p.variants) {
      const current = variantBySku.get(v.fields.sku)
      if (current && current.product_id !== byHandle.get(p.handle)?.id) {
        errors.push({ line: v.line, column: 'sku', message: `Le SKU ${v.fields.sku} est déjà celui d’une variante du produit « ${ownerHandle.get(current.product_id)} »` })
      }
    }
  }
  for (const p of products) {
    // as in setProductStatus: a new product goes online only with an active variant
    if (!byHandle.has(p.handle) && p.status === 'ACTIVE' && p.variants.length === p.variantRows && !p.variants.some((v) => v.fields.status === 'ACTIVE')) {
      errors.push({ line: p.line, column: 'status', message: 'Un nouveau produit en ligne (ACTIVE) a besoin d’au moins une variante active' })
    }
  }
  const slugs = await resolveImportSlugs(ctx, products, byHandle, errors)
  if (errors.length) return failed(errors)

  const prices = await readPrices(ctx, variants.map((v) => v.id))
  const planned = products.map((p) => planProduct(p, byHandle.get(p.handle) ?? null, slugs.get(p.handle)!, variantBySku, prices))
  return { errors, rows, products: planned, summary: summarize(planned) }
}

function planProduct(
  p: CheckedProduct,
  existing: ProductRecord | null,
  keys: { slugFr: string; slugEn: string },
  variantBySku: Map<string, VariantRecord>,
  prices: Awaited<ReturnType<typeof readPrices>>,
): PlannedProduct {
  const id = existing?.id ?? newId('prd')
  const values: ProductValues = { ...productColumns(p.fields, { handle: p.handle, ...keys }), status: p.status }
  const fieldsChanged = !existing || (Object.keys(values) as (keyof ProductValues)[]).some((k) =>
    !sameValue(k === 'food_information' && values[k] !== null ? JSON.parse(values[k]) : values[k], existing[k]))
  const labelsChanged = !sameValue(p.fields.labels, existing?.labels ?? [])
  const positions = positionsOf(p.variants.map((v) => variantBySku.get(v.fields.sku)?.position ?? null))
  const variants = p.variants.map((v, i): PlannedVariant => {
    const current = variantBySku.get(v.fields.sku) ?? null
    const variantId = current?.id ?? newId('var')
    const columns = variantColumns(v.fields)
    const held = current ? prices.get(current.id)! : null
    const costMarket = held?.costMarket ?? p.fields.originTerritory ?? B2B_MARKET
    const currentPrices = held ? priceRowsOf(variantId, held, held.costMarket ?? costMarket) : []
    const wantedPrices = priceRowsOf(variantId, v.prices, costMarket)
    return {
      line: v.line,
      id: variantId,
      existing: current,
      columns,
      position: positions[i]!,
      currentPrices,
      wantedPrices,
      fieldsChanged: !current || current.position !== positions[i] || (Object.keys(columns) as (keyof VariantColumns)[]).some((k) => !sameValue(columns[k], current[k])),
      pricesChanged: !sameValue(currentPrices, wantedPrices),
    }
  })
  return { handle: p.handle, line: p.line, id, existing, values, labels: p.fields.labels, fieldsChanged, labelsChanged, variants }
}

/**
 * Variant order follows the file. When the file keeps the current order, current positions stay
 * (an unchanged file changes nothing) and new variants go after the one above them; otherwise
 * positions are renumbered 0, 1, 2… in file order.
 */
function positionsOf(current: (number | null)[]): number[] {
  const known = current.filter((p): p is number => p !== null)
  if (known.some((p, i) => i > 0 && p <= known[i - 1]!)) return current.map((_, i) => i)
  let last = -1
  return current.map((p) => (last = p ?? last + 1))
}

function summarize(products: PlannedProduct[]): ImportSummary {
  const s = emptySummary()
  for (const p of products) {
    const productChanged = !p.existing || p.fieldsChanged || p.labelsChanged
    if (!p.existing) s.productsCreated++
    else if (productChanged) s.productsUpdated++
    for (const v of p.variants) {
      if (!v.existing) s.variantsCreated++
      else if (v.fieldsChanged || v.pricesChanged) s.variantsUpdated++
      else if (!productChanged) s.unchanged++
    }
  }
  return s
}
