import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Config } from '../../kernel/config.ts'
import { CSRF_FIELD, CSRF_PLACEHOLDER } from '../../web/storefront/account/forms.tsx'
import type { App } from '../types.ts'

/**
 * CSRF protection of every state-changing HTML form: a signed double-submit token.
 * - The browser holds a random secret in the httpOnly, SameSite=Lax cookie `lakou_csrf`.
 * - A form carries `_csrf` = HMAC-SHA256(APP_SECRET, secret + the session token): a page on
 *   another site can neither read the cookie nor compute the token, and a token planted through
 *   a tossed cookie dies with the victim's session, shopper's or staff's (OWASP "signed double-submit cookie").
 * - Every POST, PUT, PATCH and DELETE is checked before validation and before any handler:
 *   missing or wrong → 403 with a friendly page, nothing changed.
 * Exempt: `/api/…` (JSON Store API: no cookie-driven forms, CORS-protected JSON) and `/webhooks/…`
 * (server-to-server, authenticated by provider signatures). A route under an exempt prefix that
 * still takes a browser form opts in with `preHandler: requireCsrf`.
 * Cached pages (the page cache serves one copy to everyone) carry the placeholder
 * CSRF_PLACEHOLDER, replaced per response by the onSend hook below; uncached pages may call
 * `csrfToken(req, reply)` directly (which marks them no-store so they are never cached).
 */
export const CSRF_COOKIE = 'lakou_csrf'
const EXEMPT = /^\/(api|webhooks)\//
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

type CsrfSettings = { key: string; secure: boolean; reject: (req: FastifyRequest, reply: FastifyReply) => FastifyReply }

declare module 'fastify' {
  interface FastifyRequest {
    csrfSecret?: string
  }
  interface FastifyInstance {
    /** per app (two apps in one process may have two secrets) */
    csrf: CsrfSettings
  }
}

const sign = (req: FastifyRequest, secret: string): string =>
  createHmac('sha256', req.server.csrf.key).update(`csrf|${secret}|${req.customerSession?.token ?? ''}|${req.staffSession?.token ?? ''}|${req.producerSession?.token ?? ''}`).digest('base64url')

/** The CSRF token of this browser and session; creates the cookie on a first visit. Marks the reply no-store. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  reply.header('cache-control', 'private, no-store')
  return tokenFor(req, reply)
}

function tokenFor(req: FastifyRequest, reply: FastifyReply): string {
  let secret = req.csrfSecret ?? req.cookies?.[CSRF_COOKIE]
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    secret = randomBytes(32).toString('base64url')
    reply.setCookie(CSRF_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.server.csrf.secure, maxAge: 365 * 24 * 3600 })
  }
  req.csrfSecret = secret
  return sign(req, secret)
}

/** Whether the request carries the right token (form field `_csrf` or header `x-csrf-token`). */
export function hasValidCsrfToken(req: FastifyRequest): boolean {
  const secret = req.cookies?.[CSRF_COOKIE]
  const body = req.body as Record<string, unknown> | undefined
  const given = (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined) ?? req.headers['x-csrf-token']
  if (!secret || typeof given !== 'string') return false
  const expected = Buffer.from(sign(req, secret))
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export type CsrfRejection = (req: FastifyRequest) => string

/** A route-level guard for forms under an exempt prefix. */
export const requireCsrf: preHandlerAsyncHookHandler = async function (req, reply) {
  if (!hasValidCsrfToken(req)) return req.server.csrf.reject(req, reply)
}

/**
 * Installs the global check and the placeholder filling. Register it after the page cache (the
 * cache must keep the placeholder, never one visitor's token) and after the session plugin.
 */
export function registerCsrf(app: App, opts: { config: Pick<Config, 'appSecret' | 'publicUrl'>; renderRejection: CsrfRejection }): void {
  const reject = (req: FastifyRequest, reply: FastifyReply) => {
    const wantsJson = (req.headers.accept ?? '').includes('application/json') && !(req.headers.accept ?? '').includes('text/html')
    reply.code(403).header('cache-control', 'no-store')
    if (wantsJson) return reply.send({ error: { code: 'CSRF_TOKEN_INVALID', message: 'This form has expired: reload the page and try again.' } })
    return reply.type('text/html; charset=utf-8').send(opts.renderRejection(req))
  }
  app.decorate('csrf', { key: opts.config.appSecret, secure: opts.config.publicUrl.startsWith('https://'), reject })
  app.addHook('preValidation', async (req, reply) => {
    if (!UNSAFE.has(req.method) || EXEMPT.test(req.url)) return
    if (!hasValidCsrfToken(req)) return reject(req, reply)
  })
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(CSRF_PLACEHOLDER)) return payload
    return payload.replaceAll(CSRF_PLACEHOLDER, tokenFor(req, reply))
  })
}
