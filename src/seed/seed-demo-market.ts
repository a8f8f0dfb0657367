import { sql } from 'kysely'
import type { Database } from '../kernel/db/client.ts'
import type { Logger } from '../kernel/log.ts'
import { loadDemoMarket, readDemoMarketFiles, type LoadResult } from './load-demo-market.ts'
import { generateDemoImages } from '../modules/media/index.ts'
import { indexDemoSearch } from '../modules/search/index.ts'

/** images: false skips generating picture files (tests), the rows still point at them. */
export type SeedOptions = { dataDir: string; log?: Logger | undefined; now?: Date; images?: boolean }

/** True when no producer exists yet: the only case where start-up seeds. */
export async function isEmptyMarket(database: Database): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from producers`.execute(database.db)
  return (r.rows[0]?.n ?? 0) === 0
}

/** Loads the demo market, then builds what derives from it (search index, images). */
export async function seedDemoMarket(database: Database, opts: SeedOptions): Promise<LoadResult> {
  const t0 = performance.now()
  const result = await loadDemoMarket(database.db, readDemoMarketFiles(), opts.now)
  opts.log?.info({ ...result, ms: Math.round(performance.now() - t0) }, 'demo market loaded')
  for (const step of afterSeedSteps) await step(database, opts)
  opts.log?.info({ ms: Math.round(performance.now() - t0) }, 'demo market ready')
  return result
}

/** Derived data built after the load; modules add their step here (search index, images). */
export const afterSeedSteps: ((database: Database, opts: SeedOptions) => Promise<void>)[] = []
afterSeedSteps.push(async (database, opts) => void (await generateDemoImages(database, opts)))
afterSeedSteps.push(async (database) => indexDemoSearch(database))
