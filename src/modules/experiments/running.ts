import type { Db } from '../../kernel/db/client.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import type { Variant } from './get-experiment.ts'
import { experimentsDb, type Surface, type Targeting } from './tables.ts'

export type RunningExperiment = { id: string; key: string; kind: 'experiment' | 'flag'; surface: Surface; targeting: Targeting; startedAt: Date; variants: Variant[] }

// Every storefront request asks: read once per 5 s per database (a start or stop in this process clears it at once).
const cache = ttlCache<Map<string, RunningExperiment>>(5_000, 10)

/** The running experiments and flags by key (draft and stopped ones never apply). */
export function runningExperiments(db: Db): Promise<Map<string, RunningExperiment>> {
  return cache.get(db, 'running', async () => {
    const x = experimentsDb(db)
    const rows = await x.selectFrom('experiments').select(['id', 'key', 'kind', 'surface', 'targeting', 'started_at']).where('status', '=', 'running').execute()
    const variants = rows.length
      ? await x.selectFrom('experiment_variants').selectAll().where('experiment_id', 'in', rows.map((r) => r.id)).orderBy('experiment_id').orderBy('position').execute()
      : []
    return new Map(rows.map((r) => [r.key, {
      id: r.id, key: r.key, kind: r.kind, surface: r.surface, targeting: r.targeting, startedAt: r.started_at ?? new Date(0),
      variants: variants.filter((v) => v.experiment_id === r.id).map((v) => ({ key: v.key, name: v.name, weight: Number(v.weight), config: v.config })),
    }]))
  })
}

export function clearRunningExperiments(): void {
  cache.clear()
}

const PRODUCT_PAGE = /^\/(fr|en)\/p\//
const SEARCH = /^\/((fr|en)\/search|api\/store\/search)/

/** Whether a running experiment can change this URL's page: then the shared page cache must not serve it. */
export async function pageVariesByExperiment(db: Db, url: string): Promise<boolean> {
  const running = await runningExperiments(db)
  if (running.size === 0) return false
  for (const e of running.values()) {
    if ((e.surface === 'product_layout' || e.surface === 'product_text' || e.surface === 'free_shipping_banner') && PRODUCT_PAGE.test(url)) return true
    if (e.surface === 'search_ranking' && SEARCH.test(url)) return true
    // a flag fully on or off is the same page for everyone; a partial roll-out is not
    if (e.surface === 'flag' && !e.variants.some((v) => v.weight === 100)) return true
  }
  return false
}
