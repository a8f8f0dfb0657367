import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify'
import type { Config } from '../../kernel/config.ts'
import { systemCtx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { resolveProducerSession, PRODUCER_SESSION_MS, type ProducerSession } from '../../modules/producer-accounts/index.ts'
import type { ProducerScope } from '../../modules/portal/index.ts'
import { sessionCookieOptions } from '../plugins/session.ts'
import type { App } from '../types.ts'

/** The portal session cookie (only its SHA-256 is stored); separate from the shopper's and the staff's. */
export const PRODUCER_COOKIE = 'lakou_producer'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public': a portal route open without a portal session (the sign-in page) */
    portal?: 'public'
  }
  interface FastifyRequest {
    producerSession: (ProducerSession & { token: string }) | null
  }
  interface FastifyInstance {
    /** every portal route as 'METHOD /url' (the isolation test walks them) */
    portalRoutes: string[]
  }
}

export const isPortalUrl = (url: string): boolean => url === '/portail' || url.startsWith('/portail/') || url.startsWith('/portail?') || url.startsWith('/portail.')

/** httpOnly, SameSite=Lax, Secure over HTTPS; 12 hours at most (the session row decides, the cookie follows). */
export const producerCookieOptions = (config: Pick<Config, 'publicUrl'>, expiresAt?: Date) => ({ ...sessionCookieOptions(config, expiresAt), maxAge: PRODUCER_SESSION_MS / 1000 })

/**
 * The scope of every portal query: the producer of the signed-in session, never a URL or form
 * value. Call it only behind the guard.
 */
export const scopeOf = (req: FastifyRequest): ProducerScope => ({ producerId: req.producerSession!.producer.id })

/**
 * Resolves the portal cookie on portal URLs only (before the CSRF check, which binds its tokens
 * to this session), guards every portal route (no session → sign-in page, 303, or 401), and marks
 * every portal answer no-store and noindex, error pages included.
 */
export function registerProducerSession(app: App, database: Database, config: Config): void {
  app.decorateRequest('producerSession', null)
  app.decorate('portalRoutes', [] as string[])

  app.addHook('onRoute', (route) => {
    if (!isPortalUrl(route.url)) return
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.portalRoutes.push(`${method} ${route.url}`)
    if (route.config?.portal === 'public') return
    route.preValidation = [guard, ...(route.preValidation ? [route.preValidation].flat() : [])] as typeof route.preValidation
    route.preHandler = [setProducerActor, ...(route.preHandler ? [route.preHandler].flat() : [])] as typeof route.preHandler
  })

  app.addHook('onRequest', async (req, reply) => {
    if (isPortalUrl(req.url)) reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow')
  })

  app.addHook('preValidation', async (req, reply) => {
    if (!isPortalUrl(req.url)) return
    const token = req.cookies?.[PRODUCER_COOKIE]
    if (!token) return
    const session = await resolveProducerSession(systemCtx(database.db, 'producer-session', { now: new Date(), requestId: String(req.id) }), { token })
    if (!session) {
      reply.clearCookie(PRODUCER_COOKIE, producerCookieOptions(config))
      return
    }
    req.producerSession = { ...session, token }
  })
}

const wantsHtml = (req: FastifyRequest) => !(req.headers.accept ?? '').startsWith('application/json')

const guard: preValidationAsyncHookHandler = async function (req: FastifyRequest, reply: FastifyReply) {
  if (req.producerSession) return
  if (wantsHtml(req) && req.method === 'GET') return reply.redirect('/portail/connexion', 303)
  return reply.code(401).type('text/plain; charset=utf-8').send('Connectez-vous au portail producteur.')
}

// Audit entries name the portal account; the Actor type has no producer kind, so a system actor carries it.
const setProducerActor: preHandlerAsyncHookHandler = async function (req) {
  const s = req.producerSession
  if (s) req.ctx = { ...req.ctx, actor: { kind: 'system', name: `portal:${s.user.email}` } }
}
