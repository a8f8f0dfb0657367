import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../types.ts'

/**
 * Micro-cache of rendered storefront pages for anonymous shoppers: a page is the same for
 * every shopper of one market (prices depend on the market cookie, nothing else; the age
 * confirmation is decided in the browser), so it is rendered once per `ttlMs` and served
 * from memory meanwhile. Stock and prices may thus lag by `ttlMs` (checkout re-checks
 * them); catalogue edits call `clear()`. Only 200 GET pages are kept, at most `maxEntries`
 * (least recently used dropped first). The search page is included: its query log is
 * written by the engine, so a cached hit is not logged again (see search README).
 */
export type PageCache = { clear(): void; size(): number }

type Entry = { expires: number; body: string; headers: Record<string, string> }

const caches = new Set<Map<string, Entry>>()

/** Forget every cached page in this process (after a catalogue, price or stock edit). */
export function clearPageCaches(): void {
  for (const c of caches) c.clear()
}

export function registerPageCache(app: App, opts: { ttlMs: number; maxEntries?: number }): PageCache {
  const entries = new Map<string, Entry>()
  const max = opts.maxEntries ?? 2000
  if (opts.ttlMs <= 0) return { clear: () => {}, size: () => 0 }
  caches.add(entries)
  const keyOf = (req: FastifyRequest) => `${req.ctx.market}|${req.url}`
  const cacheable = (req: FastifyRequest) => req.method === 'GET' && /^\/(fr|en)\//.test(req.url)

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(req)) return
    const key = keyOf(req)
    const hit = entries.get(key)
    if (!hit) return
    if (hit.expires < Date.now()) {
      entries.delete(key)
      return
    }
    entries.delete(key)
    entries.set(key, hit) // most recently used last
    return reply.headers({ ...hit.headers, 'x-page-cache': 'hit' }).send(hit.body)
  })
  app.addHook('onSend', async (req, reply, payload) => {
    if (!cacheable(req) || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('x-page-cache')) return payload
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    const headers: Record<string, string> = {}
    for (const h of ['content-type', 'cache-control', 'vary']) {
      const v = reply.getHeader(h)
      if (v !== undefined) headers[h] = String(v)
    }
    if (entries.size >= max) entries.delete(entries.keys().next().value!)
    entries.set(keyOf(req), { expires: Date.now() + opts.ttlMs, body: payload, headers })
    return payload
  })
  app.addHook('onClose', async () => {
    caches.delete(entries)
  })
  return { clear: () => entries.clear(), size: () => entries.size }
}
