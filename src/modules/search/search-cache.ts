import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

// In-memory caches of the search engine, per database handle, keyed by the index version
// (`search_index_state.version`, bumped by triggers in the same transaction as any change to the
// documents, vocabulary, suggestions, synonyms or rules). Every search reads the version first
// (one tiny row, one round trip), so a cached entry is only ever served for the index state it
// was computed from, in this process or any other: no TTL, no stale results after a reindex or
// a rule edit. Inside a transaction nothing is cached (the transaction may see uncommitted rows).

/** A small least-recently-used map: a Map keeps insertion order, so the first key is the oldest. */
export class Lru<V> {
  private readonly map = new Map<string, V>()
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }
  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!)
  }
  get size(): number {
    return this.map.size
  }
}

// inflight: computations under way, so concurrent misses of one key share one query (no stampede)
type Caches = { version: number; entries: Lru<unknown>; inflight: Map<string, Promise<unknown>> }

// One cache per Kysely handle (one per database in a process: tests open several).
const byDb = new WeakMap<object, Caches>()
const MAX_ENTRIES = 2000

/** The caches of this context's database, or null inside a transaction. */
function cachesOf(ctx: Ctx): Caches | null {
  if (ctx.db.isTransaction) return null
  let c = byDb.get(ctx.db)
  if (!c) byDb.set(ctx.db, (c = { version: -1, entries: new Lru(MAX_ENTRIES), inflight: new Map() }))
  return c
}

/** A query to log on a cache hit (page 1 of a real query), with the cached result count. */
export type HitLog = { raw: string; normalized: string; locale: string; resultCount: number; at: Date }

/**
 * Reads the index version (dropping every entry when it moved) and returns a scope for
 * memoised lookups. `hit`, when given, is a cached result's query to log: it is inserted in the
 * same statement, only if the version is still the one it was cached under (otherwise the
 * caller recomputes and logs with the fresh result), so a hit costs one round trip.
 */
export async function cacheScope(ctx: Ctx, hit?: { version: number; log: HitLog | null }): Promise<CacheScope> {
  const caches = cachesOf(ctx)
  if (!caches) return new CacheScope(null, -1)
  const log = hit?.log
  const r = await sql<{ version: number }>`
    WITH v AS (SELECT version::int AS version FROM search_index_state),
    logged AS (
      INSERT INTO search_queries (query, normalized, locale, result_count, created_at)
      SELECT ${log?.raw ?? ''}, ${log?.normalized ?? ''}, ${log?.locale ?? ''}, ${log?.resultCount ?? 0}, ${log?.at ?? new Date(0)}
        FROM v WHERE ${log !== undefined && log !== null} AND v.version = ${hit?.version ?? -1}
    )
    SELECT version FROM v`.execute(ctx.db)
  const version = r.rows[0]?.version ?? 0
  if (version !== caches.version) {
    caches.entries = new Lru(MAX_ENTRIES)
    caches.inflight = new Map()
    caches.version = version
  }
  return new CacheScope(caches, version)
}

/** Peeks at a cached value under the last version read, before reading the version again. */
export function peek<V>(ctx: Ctx, key: string): { version: number; value: V } | null {
  const caches = cachesOf(ctx)
  const value = caches?.entries.get(key) as V | undefined
  return caches && value !== undefined ? { version: caches.version, value } : null
}

export class CacheScope {
  constructor(private readonly caches: Caches | null, readonly version: number) {}
  get<V>(key: string): V | undefined {
    return this.caches?.version === this.version ? (this.caches.entries.get(key) as V | undefined) : undefined
  }
  set(key: string, value: unknown): void {
    if (this.caches?.version === this.version) this.caches.entries.set(key, value)
  }
  /**
   * The cached value of `key`, or computes, stores and returns it. Concurrent callers of one key
   * share one computation; `shared` tells a caller it joined another's (so it did not run its
   * own side effects, e.g. the query log).
   */
  async memo<V>(key: string, compute: () => Promise<V>): Promise<V> {
    return (await this.shared(key, compute)).value
  }

  async shared<V>(key: string, compute: () => Promise<V>): Promise<{ value: V; shared: boolean }> {
    const hit = this.get<V>(key)
    if (hit !== undefined) return { value: hit, shared: true }
    const caches = this.caches?.version === this.version ? this.caches : null
    const running = caches?.inflight.get(key) as Promise<V> | undefined
    if (running) return { value: await running, shared: true }
    const p = compute()
    caches?.inflight.set(key, p)
    try {
      const value = await p
      this.set(key, value)
      return { value, shared: false }
    } finally {
      if (caches?.inflight.get(key) === p) caches.inflight.delete(key)
    }
  }
}

/** Logs a query answered from the cache or from another request's computation. */
export async function logQuery(ctx: Ctx, log: HitLog): Promise<void> {
  await sql`INSERT INTO search_queries (query, normalized, locale, result_count, created_at)
            VALUES (${log.raw}, ${log.normalized}, ${log.locale}, ${log.resultCount}, ${log.at})`.execute(ctx.db)
}
