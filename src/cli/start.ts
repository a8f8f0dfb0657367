import { ConfigError, loadConfig } from '../kernel/config.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { createLogger } from '../kernel/log.ts'
import { buildApp } from '../http/app.ts'
import { listen } from '../http/server.ts'
import { startWorker } from '../kernel/jobs.ts'
import { RECURRING_JOBS } from '../jobs/registry.ts'
import { isEmptyMarket, seedDemoMarket, seedMissingReferenceData } from '../seed/seed-demo-market.ts'
import { ensureDemoAdministrator } from '../seed/demo-administrator.ts'
import { ensureDemoProducerAccount } from '../seed/demo-producer-account.ts'

/** `npm start`: open the database, migrate, seed the demo market on first run, serve. */
async function main() {
  const t0 = performance.now()
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  const database = await openConfiguredDatabase(config)
  log.info({ database: database.describe }, 'database open')
  const { applied, version } = await migrateToLatest(database.db)
  log.info({ applied, version }, 'migrations up to date')
  if (config.seed === 'auto') {
    if (await isEmptyMarket(database)) await seedDemoMarket(database, { dataDir: config.dataDir, log })
    else await seedMissingReferenceData(database, { dataDir: config.dataDir, log })
    await ensureDemoAdministrator(database, log)
    await ensureDemoProducerAccount(database, log)
  }
  const app = await buildApp(config, { database, logger: log })
  // durable jobs (e-mails, webhooks, the expiry sweep) run in this process unless JOBS=off
  const worker = config.jobs ? startWorker(database.db, { recurring: RECURRING_JOBS, log }) : null
  const address = await listen(app, {
    port: config.port,
    host: config.host,
    log,
    onClosed: async () => {
      await worker?.stop()
      await database.close()
    },
  })
  log.info({ address, url: config.publicUrl, startupMs: Math.round(performance.now() - t0) }, `Lakou is ready on ${config.publicUrl}`)
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message)
    process.exit(2)
  }
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
