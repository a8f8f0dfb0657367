import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { WEB_VITALS_PATH } from '../../web/storefront/consent-banner.tsx'
import type { App } from '../types.ts'

const require = createRequire(import.meta.url)
let source: string | null = null

/**
 * The `web-vitals` library's ES module build (9 KB, 3.3 KB compressed), served from our origin
 * (CSP script-src 'self') and imported by events.js only after the page has loaded.
 */
export function registerWebVitalsRoute(app: App): void {
  app.get(WEB_VITALS_PATH, { schema: { hide: true } }, async (_req, reply) => {
    source ??= fs.readFileSync(path.join(path.dirname(require.resolve('web-vitals')), 'web-vitals.js'), 'utf8')
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(source)
  })
}
