import { ConfigError, loadConfig } from '../kernel/config.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { checkStockLedger, formatStockMismatches } from '../modules/inventory/index.ts'

/**
 * `npm run check:stock`: every lot's level against its ledger and its open reservations.
 * Prints the mismatches grouped per product and warehouse, exits 1 when there is any.
 */
async function main() {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config)
  try {
    const bad = await checkStockLedger(database.db)
    if (!bad.length) {
      console.log(`stock ledger consistent (${database.describe})`)
      return
    }
    console.log(formatStockMismatches(bad))
    process.exitCode = 1
  } finally {
    await database.close()
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `check:stock failed: ${err instanceof Error ? err.stack : err}`)
  process.exit(err instanceof ConfigError ? 2 : 1)
})
