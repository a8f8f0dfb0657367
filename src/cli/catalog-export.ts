// `npm run catalog:export -- [--out catalogue.csv] [--delimiter ';'|','] [--no-bom]`
// Writes the whole catalogue as CSV, one row per variant: the format catalog:import reads back.
// Default: ';' with decimal commas and a BOM (opens right in French Excel); ',' gives decimal points.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import type { Db } from '../kernel/db/client.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { exportCatalogCsvChunks, type ExportOptions } from '../modules/catalog/index.ts'

const USAGE = `npm run catalog:export -- [--out catalogue.csv] [--delimiter ';'|','] [--no-bom]`

/** Streams the export to a file (or stdout when `out` is absent); returns the number of bytes written. */
export async function runCatalogExport(db: Db, out: string | undefined, opts: ExportOptions): Promise<number> {
  const fd = out ? fs.openSync(out, 'w') : 1
  let bytes = 0
  try {
    for await (const chunk of exportCatalogCsvChunks(systemCtx(db, 'cli:catalog-export'), opts)) bytes += fs.writeSync(fd, chunk)
  } finally {
    if (out) fs.closeSync(fd)
  }
  return bytes
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, delimiter: { type: 'string', default: ';' }, 'no-bom': { type: 'boolean', default: false } } })
  if (values.delimiter !== ';' && values.delimiter !== ',') {
    console.error(USAGE)
    process.exit(2)
  }
  try {
    const database = await openConfiguredDatabase(loadConfig())
    try {
      const bytes = await runCatalogExport(database.db, values.out, { delimiter: values.delimiter, bom: !values['no-bom'] })
      if (values.out) console.error(`catalogue written to ${values.out} (${(bytes / 1024).toFixed(0)} KB)`)
    } finally {
      await database.close()
    }
  } catch (err) {
    console.error(err instanceof ConfigError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.stack ?? err.message : err)
    process.exit(err instanceof ConfigError ? 2 : 1)
  }
}
