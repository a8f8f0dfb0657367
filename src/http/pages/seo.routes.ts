import { Readable } from 'node:stream'
import { z } from 'zod'
import { countSitemapProducts, listCollections, listSitemapEntries } from '../../modules/catalog/index.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { robotsTxt, sitemapIndexXml, sitemapXml } from './sitemap-xml.ts'

/**
 * A sitemap file holds at most 50,000 URLs (sitemaps.org). Each product has two (fr, en):
 * up to SINGLE_FILE_PRODUCTS products, /sitemap.xml lists everything; beyond, it becomes a
 * sitemap index of /sitemaps/pages.xml and /sitemaps/products-N.xml of PRODUCTS_PER_FILE each.
 */
export const SINGLE_FILE_PRODUCTS = 24_000
export const PRODUCTS_PER_FILE = 20_000

const xml = 'application/xml; charset=utf-8'

/** /sitemap.xml (streamed, or an index for large catalogues) and /robots.txt. */
export function registerSeoFiles(app: App, deps: RouteDeps): void {
  const origin = deps.config.publicUrl
  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    reply.type(xml).header('cache-control', 'public, max-age=3600')
    const count = await countSitemapProducts(req.ctx)
    if (count > SINGLE_FILE_PRODUCTS) return reply.send(sitemapIndexXml(origin, Math.ceil(count / PRODUCTS_PER_FILE)))
    const [entries, collections] = await Promise.all([listSitemapEntries(req.ctx), listCollections(req.ctx)])
    return reply.send(Readable.from(sitemapXml(origin, entries, collections)))
  })
  app.get('/sitemaps/pages.xml', { schema: { hide: true } }, async (req, reply) => {
    const [entries, collections] = await Promise.all([listSitemapEntries(req.ctx, 'none'), listCollections(req.ctx)])
    return reply.type(xml).header('cache-control', 'public, max-age=3600').send(Readable.from(sitemapXml(origin, entries, collections)))
  })
  app.get('/sitemaps/products-:n.xml', { schema: { hide: true, params: z.object({ n: z.coerce.number().int().min(1).max(10_000) }) } }, async (req, reply) => {
    const entries = await listSitemapEntries(req.ctx, { page: req.params.n, pageSize: PRODUCTS_PER_FILE })
    return reply.type(xml).header('cache-control', 'public, max-age=3600').send(Readable.from(sitemapXml(origin, { ...entries, categories: [], producers: [] }, [], { pages: false })))
  })
  app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(origin)),
  )
}
