import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../kernel/config.ts'
import { systemCtx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { resolveSession } from '../../modules/customers/index.ts'
import type { App } from '../types.ts'

/** The httpOnly cookie holding a signed-in customer's session token (only its SHA-256 is stored). */
export const SESSION_COOKIE = 'lakou_session'

export type RequestSession = { customerId: string; token: string }

declare module 'fastify' {
  interface FastifyRequest {
    /** the valid session of this request, or null (no cookie, unknown or expired token) */
    customerSession: RequestSession | null
  }
}

/** Cookie attributes of the session: httpOnly, SameSite=Lax, Secure when the site is served over HTTPS. */
export const sessionCookieOptions = (config: Pick<Config, 'publicUrl'>, expiresAt?: Date) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.publicUrl.startsWith('https://'),
  ...(expiresAt ? { expires: expiresAt } : {}),
})

/** Puts a new session token in the browser (after sign-up, sign-in, password reset). */
export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>, session: { token: string; expiresAt: Date }): void {
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(config, session.expiresAt))
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config))
}

/**
 * Resolves the session cookie to a customer. Cheap by design: nothing at all without the cookie,
 * one indexed read with it (plus one write a day to slide the 30-day expiry, when the cookie is
 * sent again with its new lifetime). Runs in preValidation, before the CSRF check, which binds
 * its tokens to the session; the actor is set on req.ctx once request-ctx has built it.
 * Responses to a request carrying the cookie are `private, no-store` HTML: a signed-in page
 * must never be kept by a browser or shared cache (the page cache skips these requests too).
 */
export function registerSession(app: App, database: Database, config: Config): void {
  app.decorateRequest('customerSession', null)
  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = req.cookies?.[SESSION_COOKIE]
    if (!token) return
    const resolved = await resolveSession(systemCtx(database.db, 'session', { now: new Date(), requestId: String(req.id) }), { token })
    if (!resolved) {
      clearSessionCookie(reply, config) // unknown or expired: the browser forgets it
      return
    }
    req.customerSession = { customerId: resolved.customerId, token }
    if (resolved.extended) setSessionCookie(reply, config, { token, expiresAt: resolved.expiresAt })
  })
  app.addHook('preHandler', async (req) => {
    if (req.customerSession && req.ctx) req.ctx = { ...req.ctx, actor: { kind: 'customer', customerId: req.customerSession.customerId } }
  })
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.cookies?.[SESSION_COOKIE] !== undefined && /^text\/html/.test(String(reply.getHeader('content-type') ?? ''))) {
      reply.header('cache-control', 'private, no-store')
    }
    return payload
  })
}
