import type { Ctx } from '../kernel/ctx.ts'
import { applyCatalogImport, clearCatalogCache, emptySummary, planCatalogImport, readCsv, reportOf, type ImportReport } from '../modules/catalog/index.ts'
import { reindex } from '../modules/search/index.ts'

export type ImportCatalogCsvInput = {
  /** the file as uploaded (UTF-8, with or without BOM; ';' or ',') */
  file: Uint8Array
  /** false (default): dry run, nothing written; true: written only if the file has no error */
  apply?: boolean
  /** the file name, kept in the audit entries */
  source?: string
}

/**
 * Imports a catalogue CSV. A dry run lists every error by line and column and what the file would
 * change, writing nothing. Applying plans again inside one transaction (the products it names
 * locked), writes only if there is no error, audits each product, rebuilds the search rows of the
 * products it touched and commits all of it or nothing; the catalogue caches are then cleared
 * (the route clears its page cache). A file over the limits throws CATALOG_CSV_TOO_LARGE.
 */
export async function importCatalogCsv(ctx: Ctx, input: ImportCatalogCsvInput): Promise<ImportReport & { touchedProductIds: string[] }> {
  const read = readCsv(input.file)
  if (!read.ok) return { ...reportOf(read.errors, 0, emptySummary(), false), touchedProductIds: [] }
  if (!input.apply) {
    const plan = await planCatalogImport(ctx, read.table)
    return { ...reportOf(plan.errors, plan.rows, plan.summary, false), touchedProductIds: [] }
  }
  const write = async (tx: Ctx) => {
    const plan = await planCatalogImport(tx, read.table, { lock: true })
    if (plan.errors.length) return { ...reportOf(plan.errors, plan.rows, plan.summary, false), touchedProductIds: [] }
    const touched = await applyCatalogImport(tx, plan, { source: input.source })
    await reindex(tx, touched)
    return { ...reportOf([], plan.rows, plan.summary, true), touchedProductIds: touched }
  }
  const result = ctx.db.isTransaction ? await write(ctx) : await ctx.db.transaction().execute((trx) => write({ ...ctx, db: trx }))
  if (result.applied) clearCatalogCache()
  return result
}
