import { h } from 'preact'
import { z } from 'zod'
import { closeProducerSession, signInProducer } from '../../modules/producer-accounts/index.ts'
import { PortalSignInPage } from '../../web/portal/portal-pages.tsx'
import { clientIp, formBody } from '../admin/admin-kit.ts'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { sendPortal } from './portal-kit.ts'
import { PRODUCER_COOKIE, producerCookieOptions } from './portal-session.ts'

const signInForm = z.object({ email: z.string().max(254).default(''), password: z.string().max(256).default('') })
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/** Portal sign-in (password, lockout), sign-out. */
export function registerPortalAuthRoutes(app: App, deps: RouteDeps): void {
  const { config } = deps

  app.get('/portail/connexion', { config: { portal: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.producerSession) return reply.redirect('/portail', 303)
    const q = req.query as Record<string, unknown>
    return sendPortal(reply, h(PortalSignInPage, { asset: deps.asset, csrf: csrfToken(req, reply), status: q.fin === '1' ? 'Vous êtes déconnecté.' : null }))
  })

  app.post('/portail/connexion', { config: { portal: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const form = signInForm.safeParse(formBody(req))
    const data = form.success ? form.data : { email: '', password: '' }
    const result = await signInProducer(req.ctx, { email: data.email, password: data.password, ip: clientIp(req) })
    if (!result.ok) {
      const locked = result.code === 'LOCKED'
      if (locked) reply.header('retry-after', String(result.retryAfterSeconds))
      const message = locked ? `Trop de tentatives : ce compte est bloqué pendant ${minutes(result.retryAfterSeconds)} minutes.` : 'Adresse e-mail ou mot de passe incorrect.'
      return sendPortal(reply, h(PortalSignInPage, { asset: deps.asset, csrf: csrfToken(req, reply), email: data.email, message }), locked ? 429 : 401)
    }
    // a new session replaces the browser's previous one (session fixation)
    if (req.producerSession) await closeProducerSession(req.ctx, { token: req.producerSession.token })
    reply.setCookie(PRODUCER_COOKIE, result.token, producerCookieOptions(config, result.expiresAt))
    return reply.redirect('/portail', 303)
  })

  app.post('/portail/deconnexion', { schema: { hide: true } }, async (req, reply) => {
    await closeProducerSession(req.ctx, { token: req.producerSession!.token })
    reply.clearCookie(PRODUCER_COOKIE, producerCookieOptions(config))
    return reply.redirect('/portail/connexion?fin=1', 303)
  })
}
