import type { FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify'
import type { Config } from '../../kernel/config.ts'
import { systemCtx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { actionsOf, ACTIONS, can, resolveStaffSession, type Action, type StaffSession } from '../../modules/staff/index.ts'
import type { App } from '../types.ts'
import { sessionCookieOptions } from '../plugins/session.ts'

/** The back-office session cookie (only its SHA-256 is stored); separate from the shopper's. */
export const STAFF_COOKIE = 'lakou_staff'

/**
 * What a back-office route requires, declared in its `config.permission`:
 * - an Action of modules/staff/permissions.ts: a fully signed-in member whose roles grant it;
 * - 'signed-in': any fully signed-in member (home, own account, the permission table);
 * - 'second-factor': a member past the password, before the TOTP code;
 * - 'public': no session (the sign-in page).
 * A route under /admin or /api/admin without a permission stops the application at start-up.
 */
export type RoutePermission = Action | 'signed-in' | 'second-factor' | 'public'
export type AdminRouteEntry = { method: string; url: string; permission: RoutePermission }

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission
  }
  interface FastifyRequest {
    staffSession: (StaffSession & { token: string }) | null
  }
  interface FastifyInstance {
    /** every back-office route with its permission (the role-matrix test walks them) */
    adminRoutes: AdminRouteEntry[]
  }
}

export const isAdminUrl = (url: string): boolean => url === '/admin' || url.startsWith('/admin/') || url.startsWith('/api/admin/')

/** Same attributes as the shopper's session cookie (httpOnly, SameSite=Lax, Secure over HTTPS). */
export const staffCookieOptions = sessionCookieOptions

const wantsHtml = (req: FastifyRequest) => !req.url.startsWith('/api/') && !(req.headers.accept ?? '').startsWith('application/json')

/**
 * Resolves the staff cookie on back-office URLs only (storefront requests never pay for it),
 * before the CSRF check, which binds its tokens to this session; then guards every back-office
 * route with the permission it declares. Answers: no session → sign-in page (303) or 401;
 * second factor pending → the code page; not allowed → 403. Back-office answers are never cached.
 */
export function registerStaffSession(app: App, database: Database, config: Config, renderDenied: (req: FastifyRequest, reply: FastifyReply) => string): void {
  app.decorateRequest('staffSession', null)
  app.decorate('adminRoutes', [] as AdminRouteEntry[])

  app.addHook('onRoute', (route) => {
    if (!isAdminUrl(route.url)) return
    const permission = route.config?.permission
    if (!permission || !(permission === 'signed-in' || permission === 'second-factor' || permission === 'public' || (ACTIONS as readonly string[]).includes(permission))) {
      throw new Error(`back-office route ${String(route.method)} ${route.url} must declare config.permission`)
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') app.adminRoutes.push({ method, url: route.url, permission })
    // the guard runs before the schema validation (a denied member learns nothing from a 400),
    // after the session and CSRF checks; the actor joins req.ctx once request-ctx has built it
    const guard = guardFor(permission, renderDenied)
    route.preValidation = [guard, ...(route.preValidation ? [route.preValidation].flat() : [])] as typeof route.preValidation
    route.preHandler = [setStaffActor, ...(route.preHandler ? [route.preHandler].flat() : [])] as typeof route.preHandler
    const noStore: onRequestHookHandler = (_req, reply, done) => {
      reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow')
      done()
    }
    route.onRequest = [noStore, ...(route.onRequest ? [route.onRequest].flat() : [])] as typeof route.onRequest
  })

  app.addHook('preValidation', async (req, reply) => {
    if (!isAdminUrl(req.url)) return
    const token = req.cookies?.[STAFF_COOKIE]
    if (!token) return
    const session = await resolveStaffSession(systemCtx(database.db, 'staff-session', { now: new Date(), requestId: String(req.id) }), { token })
    if (!session) {
      reply.clearCookie(STAFF_COOKIE, staffCookieOptions(config))
      return
    }
    req.staffSession = { ...session, token }
  })
}

function guardFor(permission: RoutePermission, renderDenied: (req: FastifyRequest, reply: FastifyReply) => string): preValidationAsyncHookHandler {
  return async function guard(req: FastifyRequest, reply: FastifyReply) {
    if (permission === 'public') return
    const session = req.staffSession
    if (!session) return unauthenticated(req, reply)
    if (permission === 'second-factor') return
    if (!session.totpPassed) {
      if (wantsHtml(req) && req.method === 'GET') return reply.redirect('/admin/connexion/code', 303)
      return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Second factor required.' } })
    }
    if (permission === 'signed-in' || can(session.staff.roles, permission)) return
    if (wantsHtml(req)) return reply.code(403).type('text/html; charset=utf-8').send(renderDenied(req, reply))
    return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'Your roles do not allow this action.' } })
  }
}

const setStaffActor: preHandlerAsyncHookHandler = async function (req) {
  const session = req.staffSession
  if (session?.totpPassed) req.ctx = { ...req.ctx, actor: { kind: 'staff', staffId: session.staff.id, email: session.staff.email, roles: session.staff.roles } }
}

function unauthenticated(req: FastifyRequest, reply: FastifyReply) {
  if (wantsHtml(req)) {
    const next = req.method === 'GET' && req.url.length < 500 ? `?suite=${encodeURIComponent(req.url)}` : ''
    return reply.redirect(`/admin/connexion${next}`, 303)
  }
  return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to the back office first.' } })
}

/** The actions of the signed-in member (for the menu). */
export const allowedActions = (req: FastifyRequest): Set<string> => actionsOf(req.staffSession?.staff.roles ?? [])
