import type { FastifyReply, FastifyRequest } from 'fastify'
import { pageVariesByExperiment } from '../../modules/experiments/index.ts'
import type { App } from '../types.ts'

/**
 * Micro-cache of rendered storefront pages and Store API reads: a page is the same for every
 * shopper of one market (prices depend on the market cookie, nothing else; the age
 * confirmation is decided in the browser), so it is rendered once per `ttlMs` and served from
 * memory meanwhile. Store API GETs already answer `Cache-Control: public, max-age=60`, so any
 * shared cache may keep them longer than this. A cached search is not logged again.
 * - Concurrent misses of one page wait for the first render instead of all rendering it.
 * - After `ttlMs` a page is still served (for up to STALE_FACTOR × ttlMs more) while one
 *   request renders it again, so expiry never sends a burst of renders to the database.
 * Stock and prices may thus lag by a few `ttlMs` (checkout re-checks them); catalogue edits
 * call `clearPageCaches()`. Only 200 GET pages are kept, at most `maxEntries`, least
 * recently used dropped first. Pages a running experiment varies (modules/experiments/running.ts)
 * bypass the cache: each visitor must get their own variant and be counted as exposed.
 */
export type PageCache = { clear(): void; size(): number }

type Entry = { fresh: number; staleUntil: number; body: string; headers: Record<string, string>; refreshing: boolean }
type Rendered = { body: string; headers: Record<string, string> } | null

const STALE_FACTOR = 6
const WAIT_FOR_LEADER_MS = 5000
const caches = new Set<Map<string, Entry>>()

/** Forget every cached page in this process (after a catalogue, price or stock edit). */
export function clearPageCaches(): void {
  for (const c of caches) c.clear()
}

declare module 'fastify' {
  interface FastifyRequest {
    pageCacheLeader?: { key: string; done: (r: Rendered) => void }
  }
}

export function registerPageCache(app: App, opts: { ttlMs: number; maxEntries?: number }): PageCache {
  const entries = new Map<string, Entry>()
  const pending = new Map<string, Promise<Rendered>>()
  const max = opts.maxEntries ?? 2000
  if (opts.ttlMs <= 0) return { clear: () => {}, size: () => 0 }
  caches.add(entries)
  const keyOf = (req: FastifyRequest) => `${req.ctx.market}|${req.url}`
  // Storefront pages, and Store API reads, which already tell every shared cache they may be kept a minute.
  // Never for a shopper with a session or a cart: their pages are personal (and sent private, no-store).
  const cacheable = (req: FastifyRequest) =>
    req.method === 'GET' && /^\/(fr\/|en\/|api\/store\/)/.test(req.url) && req.cookies?.lakou_session === undefined && req.cookies?.lakou_cart === undefined
  const serve = (reply: FastifyReply, r: { body: string; headers: Record<string, string> }, state: string) => reply.headers({ ...r.headers, 'x-page-cache': state }).send(r.body)

  const lead = (req: FastifyRequest, key: string) => {
    let done!: (r: Rendered) => void
    pending.set(key, new Promise<Rendered>((resolve) => (done = resolve)))
    req.pageCacheLeader = {
      key,
      done: (r) => {
        pending.delete(key)
        done(r)
      },
    }
  }

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return
    // a page a running A/B test varies is rendered per visitor (their variant, their exposure), never shared
    if (await pageVariesByExperiment(req.ctx.db, req.url)) return
    const key = keyOf(req)
    const now = Date.now()
    const hit = entries.get(key)
    if (hit && hit.staleUntil > now) {
      entries.delete(key)
      entries.set(key, hit) // most recently used last
      if (hit.fresh > now) return serve(reply, hit, 'hit')
      if (hit.refreshing) return serve(reply, hit, 'stale')
      hit.refreshing = true
      lead(req, key) // this request renders the page again; the others get the stale copy
      return
    }
    const inFlight = pending.get(key)
    if (inFlight) {
      const r = await Promise.race([inFlight, new Promise<Rendered>((resolve) => setTimeout(() => resolve(null), WAIT_FOR_LEADER_MS).unref())])
      if (r) return serve(reply, r, 'shared')
      return // the first render failed or was slow: render this one ourselves
    }
    lead(req, key)
  })

  app.addHook('onSend', async (req, reply, payload) => {
    const leader = req.pageCacheLeader
    if (!leader) return payload
    req.pageCacheLeader = undefined
    // a page that says no-store (a form with the visitor's own CSRF token, personal data) is never kept
    const ok = reply.statusCode === 200 && typeof payload === 'string' && /^(text\/html|application\/json)/.test(String(reply.getHeader('content-type') ?? '')) &&
      !/no-store/.test(String(reply.getHeader('cache-control') ?? ''))
    if (!ok) {
      const stale = entries.get(leader.key)
      if (stale) stale.refreshing = false
      leader.done(null)
      return payload
    }
    const headers: Record<string, string> = {}
    for (const h of ['content-type', 'cache-control', 'vary']) {
      const v = reply.getHeader(h)
      if (v !== undefined) headers[h] = String(v)
    }
    const now = Date.now()
    entries.delete(leader.key)
    if (entries.size >= max) entries.delete(entries.keys().next().value!)
    entries.set(leader.key, { fresh: now + opts.ttlMs, staleUntil: now + opts.ttlMs * STALE_FACTOR, body: payload as string, headers, refreshing: false })
    leader.done({ body: payload as string, headers })
    return payload
  })

  // a request that ended without sending (aborted) must not leave followers waiting
  app.addHook('onResponse', async (req) => {
    if (req.pageCacheLeader) {
      const stale = entries.get(req.pageCacheLeader.key)
      if (stale) stale.refreshing = false
      req.pageCacheLeader.done(null)
      req.pageCacheLeader = undefined
    }
  })
  app.addHook('onClose', async () => {
    caches.delete(entries)
  })
  return { clear: () => entries.clear(), size: () => entries.size }
}
