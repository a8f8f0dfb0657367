/**
 * A small in-process cache of computed values with a time to live, for read models that
 * many pages need and that may lag a few seconds behind edits (category product counts,
 * the category tree). Concurrent misses share one computation. Keys are scoped by the
 * database handle, so two databases in one process (tests) never share entries.
 * Writers call `clear()` after a change for immediate effect.
 */
export type TtlCache<V> = {
  get(scope: object, key: string, compute: () => Promise<V>): Promise<V>
  clear(): void
}

export function ttlCache<V>(ttlMs: number, maxEntries = 1000): TtlCache<V> {
  let byScope = new WeakMap<object, Map<string, { expires: number; value: Promise<V> }>>()
  return {
    async get(scope, key, compute) {
      let entries = byScope.get(scope)
      if (!entries) {
        entries = new Map()
        byScope.set(scope, entries)
      }
      const now = Date.now()
      const hit = entries.get(key)
      if (hit && hit.expires > now) return hit.value
      if (entries.size >= maxEntries) entries.clear()
      const value = compute()
      entries.set(key, { expires: now + ttlMs, value })
      // a failed computation is not cached
      value.catch(() => entries.delete(key))
      return value
    },
    clear() {
      byScope = new WeakMap()
    },
  }
}

/**
 * The same idea for many small entries filled in bulk (product cards): `peek` returns a live
 * entry (its value may be null: "known not to exist"), `put` stores one. Scoped by database handle.
 */
export type EntryCache<V> = {
  peek(scope: object, key: string): { value: V } | undefined
  put(scope: object, key: string, value: V): void
  clear(): void
}

export function entryCache<V>(ttlMs: number, maxEntries = 10_000): EntryCache<V> {
  let byScope = new WeakMap<object, Map<string, { expires: number; value: V }>>()
  return {
    peek(scope, key) {
      const hit = byScope.get(scope)?.get(key)
      return hit && hit.expires > Date.now() ? { value: hit.value } : undefined
    },
    put(scope, key, value) {
      let entries = byScope.get(scope)
      if (!entries) {
        entries = new Map()
        byScope.set(scope, entries)
      }
      if (entries.size >= maxEntries) entries.clear()
      entries.set(key, { expires: Date.now() + ttlMs, value })
    },
    clear() {
      byScope = new WeakMap()
    },
  }
}
