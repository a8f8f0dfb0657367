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

/**
 * A data folder seeded by an earlier version lacks the reference data added since (shipping
 * rates, promotion codes, the seller's profile): load what is missing, leave the rest alone.
 */
export async function seedMissingReferenceData(database: Database, opts: SeedOptions): Promise<string[]> {
  const r = await sql<{ shipping: number; profile: number }>`
    select (select count(*)::int from shipping_methods) as shipping, (select count(*)::int from company_profiles) as profile`.execute(database.db)
  const done: string[] = []
  if (r.rows[0]!.shipping === 0) {
    await (await import('./load-shipping-promotions.ts')).loadShippingPromotions(database)
    done.push('shipping and promotions')
  }
  if (r.rows[0]!.profile === 0) {
    await (await import('./load-company-profile.ts')).loadCompanyProfile(database, opts)
    done.push('company profile')
  }
  if (done.length) opts.log?.info({ loaded: done }, 'reference data added to an existing market')
  return done
}

/** Derived data built after the load; modules add their step here (search index, images). */
export const afterSeedSteps: ((database: Database, opts: SeedOptions) => Promise<void>)[] = []
afterSeedSteps.push(async (database, opts) => void (await generateDemoImages(database, opts)))
afterSeedSteps.push(async (database) => indexDemoSearch(database))
afterSeedSteps.push(async (database) => (await import('./load-shipping-promotions.ts')).loadShippingPromotions(database))
afterSeedSteps.push(async (database, opts) => (await import('./load-company-profile.ts')).loadCompanyProfile(database, opts))
afterSeedSteps.push(async (database) => void (await (await import('../modules/producers/index.ts')).loadDemoProducerBanks(database.db)))
