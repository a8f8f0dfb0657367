import { Readable } from 'node:stream'
import { listCollections, listSitemapEntries } from '../../modules/catalog/index.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { robotsTxt, sitemapXml } from './sitemap-xml.ts'

/** /sitemap.xml (streamed) and /robots.txt. */
export function registerSeoFiles(app: App, deps: RouteDeps): void {
  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const [entries, collections] = await Promise.all([listSitemapEntries(req.ctx), listCollections(req.ctx)])
    reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600')
    return reply.send(Readable.from(sitemapXml(deps.config.publicUrl, entries, collections)))
  })
  app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(deps.config.publicUrl)),
  )
}
