import { h } from 'preact'
import { LOCALES } from '../../kernel/ctx.ts'
import { LegalPage } from '../../web/storefront/legal-page.tsx'
import { LEGAL_PAGES, paths } from '../../web/storefront/page-context.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { DEMO_OPERATOR } from './operator.ts'
import { sendPage, viewCtx } from './page-kit.ts'

/** Date of the last change of the legal texts, shown on each page; update it with them. */
const LEGAL_TEXTS_UPDATED = new Date('2026-01-15T00:00:00Z')

/** `/fr/legal/{terms,notice,privacy,withdrawal}` and the same under /en/. */
export function registerLegalPages(app: App, deps: RouteDeps): void {
  for (const locale of LOCALES) {
    for (const page of LEGAL_PAGES) app.get(paths.legal(locale, page), { schema: { hide: true } }, async (req, reply) => {
      const ctx = viewCtx(req, deps, { fr: paths.legal('fr', page), en: paths.legal('en', page) })
      return sendPage(reply, h(LegalPage, { ctx, page, operator: DEMO_OPERATOR, updated: LEGAL_TEXTS_UPDATED }))
    })
  }
}
