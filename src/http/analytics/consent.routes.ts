import { h } from 'preact'
import { z } from 'zod'
import { LOCALES } from '../../kernel/ctx.ts'
import { CONSENT_COOKIE, CONSENT_MAX_AGE_SECONDS, consentCookieValue, newVisitorId, readConsent, VISITOR_COOKIE, VISITOR_ID, VISITOR_MAX_AGE_SECONDS } from '../../modules/analytics/index.ts'
import { CookiesPage, cookiesPath } from '../../web/storefront/consent-banner.tsx'
import { seeOther, sendPrivatePage } from '../pages/cart-cookie.ts'
import { viewCtx } from '../pages/page-kit.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'

const ConsentBody = z.looseObject({ choice: z.enum(['granted', 'denied']), back: z.string().max(400).optional() })
const CookiesQuery = z.object({ saved: z.literal('1').optional().catch(undefined) })
// back to a page of this site only, never an open redirect
const safeBack = (back: string | undefined, fallback: string) => (back && /^\/(fr|en)\/[^\s\\]*$/.test(back) && !back.startsWith('//') ? back : fallback)

/**
 * The visitor's choice (form with CSRF, from the banner or the cookies page): `lakou_consent`
 * for 6 months; accepting creates the random `lakou_vid` (13 months), refusing deletes it.
 * Nothing already measured is linked to the new id: consent counts from now on.
 */
export function registerConsentRoutes(app: App, deps: RouteDeps): void {
  const secure = deps.config.publicUrl.startsWith('https://')
  app.post('/consent', { schema: { hide: true, body: ConsentBody } }, async (req, reply) => {
    const now = new Date()
    reply.setCookie(CONSENT_COOKIE, consentCookieValue(req.body.choice, now), { path: '/', sameSite: 'lax', secure, httpOnly: false, maxAge: CONSENT_MAX_AGE_SECONDS })
    if (req.body.choice === 'granted') {
      const vid = req.cookies[VISITOR_COOKIE]
      if (!vid || !VISITOR_ID.test(vid)) reply.setCookie(VISITOR_COOKIE, newVisitorId(), { path: '/', sameSite: 'lax', secure, httpOnly: true, maxAge: VISITOR_MAX_AGE_SECONDS })
    } else {
      reply.clearCookie(VISITOR_COOKIE, { path: '/', sameSite: 'lax', secure, httpOnly: true })
    }
    return seeOther(reply, safeBack(req.body.back, cookiesPath(req.ctx.locale)))
  })

  for (const locale of LOCALES) {
    app.get(cookiesPath(locale), { schema: { hide: true, querystring: CookiesQuery } }, async (req, reply) => {
      const ctx = viewCtx(req, deps, { fr: cookiesPath('fr'), en: cookiesPath('en') })
      return sendPrivatePage(reply, h(CookiesPage, { ctx, choice: readConsent(req.cookies[CONSENT_COOKIE], new Date()), saved: req.query.saved === '1' }))
    })
  }
}
