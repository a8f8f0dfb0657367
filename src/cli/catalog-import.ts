// `npm run catalog:import -- --file catalogue.csv [--apply]`
// Checks a catalogue CSV against the configured database and lists every error by line; with
// --apply, writes it (only when the file has no error) in one transaction, audited as the CLI.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import type { Db } from '../kernel/db/client.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { AppError } from '../kernel/errors.ts'
import { importCatalogCsv } from '../flows/import-catalog-csv.ts'
import type { ImportReport } from '../modules/catalog/index.ts'

const USAGE = `npm run catalog:import -- --file catalogue.csv [--apply]
  Without --apply: a dry run, nothing is written. Columns and format: see npm run catalog:export.`

/** Runs the import on a database; prints the report; returns the process exit code. */
export async function runCatalogImport(db: Db, file: string, apply: boolean, out: (line: string) => void = console.log): Promise<number> {
  const bytes = fs.readFileSync(file)
  try {
    const report = await importCatalogCsv(systemCtx(db, 'cli:catalog-import'), { file: bytes, apply, source: file.split(/[\\/]/).pop() })
    printReport(report, out)
    return report.ok ? 0 : 1
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      out(`refused: ${err.message}`)
      return 1
    }
    throw err
  }
}

function printReport(r: ImportReport, out: (line: string) => void): void {
  for (const e of r.errors) out(`line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}`)
  if (r.errorCount > r.errors.length) out(`… and ${r.errorCount - r.errors.length} more errors`)
  const s = r.summary
  const what = `${s.productsCreated} products created, ${s.productsUpdated} updated, ${s.variantsCreated} variants created, ${s.variantsUpdated} updated, ${s.unchanged} rows unchanged`
  if (!r.ok) out(`${r.errorCount} error(s) in ${r.rows} rows: nothing written`)
  else out(r.applied ? `applied: ${what}` : `dry run, nothing written: ${what} (add --apply to write)`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { file: { type: 'string' }, apply: { type: 'boolean', default: false } } })
  if (!values.file) {
    console.error(USAGE)
    process.exit(2)
  }
  try {
    const database = await openConfiguredDatabase(loadConfig())
    try {
      process.exitCode = await runCatalogImport(database.db, values.file, values.apply)
    } finally {
      await database.close()
    }
  } catch (err) {
    console.error(err instanceof ConfigError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.stack ?? err.message : err)
    process.exit(err instanceof ConfigError ? 2 : 1)
  }
}
