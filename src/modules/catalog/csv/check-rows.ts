import type { z } from 'zod'
import { ProductFields, ProductStatus, type ProductFields as ProductFieldsValue } from '../product-fields.ts'
import { productCodeErrors, type ReferenceCodes } from '../references.ts'
import { VariantFieldsShape, variantCodeErrors, type VariantFields } from '../variant-fields.ts'
import { csvColumns, PRODUCT_COLUMNS, productColumnOf, variantColumnOf } from './columns.ts'
import type { CsvTable } from './read-csv.ts'
import type { CsvError } from './report.ts'
import { headerIndex, pricesOf, productInputOf, productSignature, rowCells, variantInputOf, type RowCells, type RowPrices } from './row-input.ts'

// The checks a file passes before the database is asked anything about it: header, cells, the
// editing schemas on every row, codes, and the rules across rows (one product per handle, a SKU once).

export type CheckedVariant = { line: number; fields: VariantFields; prices: RowPrices }
export type CheckedProduct = { handle: string; line: number; fields: ProductFieldsValue; status: ProductStatus; variants: CheckedVariant[]; variantRows: number }

export type Lookups = { codes: ReferenceCodes; producerIdBySlug: Map<string, string>; categoryIdByCode: Map<string, string> }

export function checkHeader(table: CsvTable, markets: readonly string[]): CsvError[] {
  const line = table.headerLine
  const expected = csvColumns(markets)
  const errors: CsvError[] = []
  const seen = new Set<string>()
  for (const h of table.header) {
    if (seen.has(h)) errors.push({ line, column: h, message: `La colonne ${h} apparaît deux fois` })
    seen.add(h)
    if (!expected.includes(h)) {
      const message = h.startsWith('retail_')
        ? `Marché inconnu dans ${h} : les marchés sont ${markets.join(', ')}`
        : `Colonne inconnue « ${h} » : partez d’un export du catalogue pour avoir les bonnes colonnes`
      errors.push({ line, column: h, message })
    }
  }
  for (const c of expected) if (!seen.has(c)) errors.push({ line, column: c, message: `La colonne ${c} manque` })
  return errors
}

const issuesAt = (line: number, error: z.ZodError, columnOf: (path: string) => string, skip: Set<string | null>): CsvError[] =>
  error.issues
    .map((i) => ({ line, column: columnOf(i.path.join('.')), message: i.message }))
    .filter((e) => !skip.has(e.column))

/** Every row checked; products grouped by handle in the order of their first row. */
export function checkRows(table: CsvTable, lookups: Lookups): { products: CheckedProduct[]; errors: CsvError[] } {
  const errors: CsvError[] = []
  const groups = new Map<string, RowCells[]>()
  const index = headerIndex(table.header)
  const variantCells = table.header.filter((h) => !(PRODUCT_COLUMNS as readonly string[]).includes(h))
  for (const { line, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      errors.push({ line, column: null, message: `La ligne a ${cells.length} cellules pour ${table.header.length} colonnes (un séparateur ou un guillemet de trop ?)` })
      continue
    }
    const row = rowCells(line, index, cells)
    const handle = row.get('handle').trim()
    if (!handle) {
      errors.push({ line, column: 'handle', message: 'La référence (handle) est obligatoire : elle regroupe les variantes d’un même produit' })
      continue
    }
    const group = groups.get(handle)
    if (group) group.push(row)
    else groups.set(handle, [row])
  }

  const skuLines = new Map<string, number>()
  const products: CheckedProduct[] = []
  for (const [handle, rows] of groups) {
    const first = rows[0]!
    const signature = productSignature(first)
    for (const row of rows.slice(1)) {
      productSignature(row).forEach((cell, i) => {
        if (cell !== signature[i]) {
          const column = PRODUCT_COLUMNS[i]!
          errors.push({ line: row.line, column, message: `Diffère de la ligne ${first.line} pour le même produit (${handle}) : les colonnes du produit doivent être identiques sur chacune de ses lignes` })
        }
      })
    }
    const product = checkProduct(first, lookups, errors)
    const variants: CheckedVariant[] = []
    let variantRows = 0
    for (const row of rows) {
      // a product-only row (a product without variants yet): every variant and price cell blank
      if (variantCells.every((c) => row.get(c).trim() === '')) continue
      variantRows++
      const sku = row.get('sku').trim().toUpperCase()
      const seen = skuLines.get(sku)
      if (sku && seen !== undefined) errors.push({ line: row.line, column: 'sku', message: `Le SKU ${sku} est déjà à la ligne ${seen} : un SKU par ligne` })
      else if (sku) skuLines.set(sku, row.line)
      const variant = checkVariant(row, lookups, errors)
      if (variant) variants.push(variant)
    }
    if (product) products.push({ handle, line: first.line, ...product, variants, variantRows })
  }
  return { products, errors }
}

function checkProduct(row: RowCells, lookups: Lookups, errors: CsvError[]): { fields: ProductFieldsValue; status: ProductStatus } | null {
  const { input, status, errors: cellErrors, failed } = productInputOf(row)
  errors.push(...cellErrors)
  const before = errors.length
  const statusResult = ProductStatus.safeParse(status)
  if (!statusResult.success) errors.push({ line: row.line, column: 'status', message: `Statut inconnu « ${status} » : DRAFT, ACTIVE ou ARCHIVED` })
  const producerId = lookups.producerIdBySlug.get(input.producerId)
  const categoryId = lookups.categoryIdByCode.get(input.categoryId)
  if (input.producerId && !producerId) errors.push({ line: row.line, column: 'producer', message: `Producteur inconnu : ${input.producerId} (son identifiant d’adresse, ex. distillerie-anse-cascade)` })
  if (input.categoryId && !categoryId) errors.push({ line: row.line, column: 'category', message: `Catégorie inconnue : ${input.categoryId} (son code, ex. rum/rhum_vieux)` })
  const parsed = ProductFields.safeParse({ ...input, producerId: producerId ?? input.producerId, categoryId: categoryId ?? input.categoryId })
  if (!parsed.success) {
    errors.push(...issuesAt(row.line, parsed.error, productColumnOf, failed))
    return null
  }
  errors.push(...productCodeErrors(parsed.data, lookups.codes).map((e) => ({ line: row.line, column: productColumnOf(e.path), message: e.message })))
  return errors.length > before || cellErrors.length || !statusResult.success ? null : { fields: parsed.data, status: statusResult.data }
}

function checkVariant(row: RowCells, lookups: Lookups, errors: CsvError[]): CheckedVariant | null {
  const { input, errors: cellErrors, failed } = variantInputOf(row)
  const { prices, errors: priceErrors } = pricesOf(row, lookups.codes.markets)
  errors.push(...cellErrors, ...priceErrors)
  const parsed = VariantFieldsShape.safeParse(input)
  if (!parsed.success) {
    errors.push(...issuesAt(row.line, parsed.error, variantColumnOf, failed))
    return null
  }
  const codeErrors = variantCodeErrors(parsed.data, lookups.codes).map((e) => ({ line: row.line, column: variantColumnOf(e.path), message: e.message }))
  errors.push(...codeErrors)
  if (cellErrors.length || priceErrors.length || codeErrors.length) return null
  return { line: row.line, fields: parsed.data, prices }
}
