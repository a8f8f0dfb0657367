import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { sql } from 'kysely'
import { ConfigError, loadConfig, type Config } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { createLogger } from '../kernel/log.ts'
import { generateCategoryImages } from '../modules/media/index.ts'
import { postgresSearchEngine } from '../modules/search/index.ts'
import { isEmptyMarket, seedDemoMarket } from '../seed/seed-demo-market.ts'
import { generateCatalog } from './generate-catalog.ts'
import { generateOrders } from './generate-orders.ts'

const USAGE = `npm run seed -- [--products N] [--orders N] [--fresh] [--no-images] [--batch 1000] [--seed 42]
  Seeds the demo market into the configured database (LAKOU_DATA_DIR or DATABASE_URL) when it is empty,
  then adds N synthetic products (benchmarks) and rebuilds the search index.
  --orders N   adds N bench orders over two years (customers, lines, invoices), written directly, not through checkout
  --fresh      start from an empty database (PGlite: deletes its folder; PostgreSQL: drops schema public)
  --no-images  insert picture rows but do not render files (faster)`

/** `npm run seed`: migrate, seed the demo market if empty, optionally add a large synthetic catalogue. */
export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      products: { type: 'string', default: '0' },
      orders: { type: 'string', default: '0' },
      fresh: { type: 'boolean', default: false },
      'no-images': { type: 'boolean', default: false },
      batch: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return void console.log(USAGE)
  const products = Number(values.products)
  const batchSize = Number(values.batch)
  if (!Number.isInteger(products) || products < 0 || products > 2_000_000) throw new UsageError('--products must be an integer between 0 and 2,000,000')
  const orders = Number(values.orders)
  if (!Number.isInteger(orders) || orders < 0 || orders > 10_000_000) throw new UsageError('--orders must be an integer between 0 and 10,000,000')
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError('--batch must be an integer between 1 and 10,000')
  const config = loadConfig()
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel)
  const images = !values['no-images']
  const t0 = performance.now()
  if (values.fresh && !config.databaseUrl) {
    fs.rmSync(path.join(config.dataDir, 'pglite'), { recursive: true, force: true })
    fs.rmSync(path.join(config.dataDir, 'media'), { recursive: true, force: true })
  }
  const database = await openConfiguredDatabase(config)
  try {
    if (values.fresh && config.databaseUrl) await sql`drop schema public cascade; create schema public`.execute(database.db)
    await migrateToLatest(database.db)
    if (await isEmptyMarket(database)) {
      const s = performance.now()
      const r = await seedDemoMarket(database, { dataDir: config.dataDir, log, images })
      console.log(`demo market seeded: ${r.producers} producers, ${r.products} products, ${r.variants} variants (${secs(s)})`)
    } else console.log('demo market already present')
    if (products > 0) await addSyntheticCatalog(database, config, { products, batchSize, seed: Number(values.seed), images })
    if (orders > 0) await addBenchOrders(database, { orders, seed: Number(values.seed) })
    console.log(`done in ${secs(t0)} — ${database.describe}`)
  } finally {
    await database.close()
  }
}

async function addSyntheticCatalog(database: Database, config: Config, o: { products: number; batchSize: number; seed: number; images: boolean }) {
  const categoryImages = await generateCategoryImages(database, { dataDir: config.dataDir, images: o.images })
  const bar = new cliProgress.SingleBar({ format: 'products |{bar}| {value}/{total} {percentage}% · {rate}/s · eta {eta}s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic)
  const t0 = performance.now()
  bar.start(o.products, 0, { rate: 0 })
  const r = await generateCatalog(database, {
    products: o.products, batchSize: o.batchSize, seed: o.seed, categoryImages,
    onProgress: (done) => bar.update(done, { rate: Math.round(done / ((performance.now() - t0) / 1000)) }),
  })
  bar.stop()
  console.log(`added ${r.products} products, ${r.variants} variants, ${r.prices} prices, ${r.lots} lots with opening stock (${(r.ms / 1000).toFixed(1)} s)`)
  const s = performance.now()
  await postgresSearchEngine.reindex(systemCtx(database.db, 'seed-cli'))
  console.log(`search index rebuilt (${secs(s)})`)
  const total = await sql<{ n: number }>`select count(*)::int as n from products`.execute(database.db)
  console.log(`catalogue now holds ${total.rows[0]!.n} products`)
}

async function addBenchOrders(database: Database, o: { orders: number; seed: number }) {
  const bar = new cliProgress.SingleBar({ format: 'orders   |{bar}| {value}/{total} {percentage}% · {rate}/s · eta {eta}s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic)
  const t0 = performance.now()
  bar.start(o.orders, 0, { rate: 0 })
  const r = await generateOrders(database, {
    orders: o.orders, seed: o.seed,
    onProgress: (done) => bar.update(done, { rate: Math.round(done / ((performance.now() - t0) / 1000)) }),
  })
  bar.stop()
  console.log(`added ${r.orders} orders, ${r.lines} lines, ${r.customers} customers, ${r.invoices} invoices, ${r.creditNotes} credit notes (${(r.ms / 1000).toFixed(1)} s)`)
}

const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`

class UsageError extends Error {}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`)
      process.exit(2)
    }
    console.error(err instanceof Error ? err.stack ?? err.message : err)
    process.exit(1)
  })
}
