import { ConfigError, loadConfig } from '../kernel/config.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'

/** `npm run migrate`: apply pending migrations (idempotent, locked against concurrent runs). */
async function main() {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config)
  try {
    const { applied, version } = await migrateToLatest(database.db)
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply', `— schema at ${version} (${database.describe})`)
  } finally {
    await database.close()
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${err instanceof Error ? err.message : err}`)
  process.exit(err instanceof ConfigError ? 2 : 1)
})
