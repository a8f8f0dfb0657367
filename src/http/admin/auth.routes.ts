import { h } from 'preact'
import QRCode from 'qrcode'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { closeStaffSession, confirmTotp, passTotp, pendingTotp, signInStaff, startTotpEnrollment } from '../../modules/staff/index.ts'
import { AccountPage, StaffCodePage, StaffSignInPage } from '../../web/admin/auth-pages.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, clientIp, flashOf, formBody, sendAdmin } from './admin-kit.ts'
import { STAFF_COOKIE, staffCookieOptions } from './staff-session.ts'

/** Where to go after signing in: a back-office path only (no open redirect). */
const safeNext = (v: unknown): string => (typeof v === 'string' && /^\/admin(\/[^\s]*)?$/.test(v) && !v.startsWith('//') && v.length < 500 ? v : '/admin')

const signInForm = z.object({ email: z.string().max(254).default(''), password: z.string().max(256).default(''), suite: z.string().optional() })
const codeForm = z.object({ code: z.string().max(12).default(''), suite: z.string().optional() })

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60))

/** Sign-in (password, then TOTP when enabled), sign-out, and the member's own account. */
export function registerStaffAuthRoutes(app: App, deps: RouteDeps): void {
  const { config } = deps

  app.get('/admin/connexion', { config: { permission: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (req.staffSession?.totpPassed) return reply.redirect('/admin', 303)
    const q = req.query as Record<string, unknown>
    const status = q.fin === '1' ? 'Vous êtes déconnecté.' : null
    return sendAdmin(reply, h(StaffSignInPage, { asset: deps.asset, csrf: csrfToken(req, reply), next: typeof q.suite === 'string' ? safeNext(q.suite) : undefined, status }))
  })

  app.post('/admin/connexion', { config: { permission: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const form = signInForm.safeParse(formBody(req))
    const data = form.success ? form.data : { email: '', password: '', suite: undefined }
    const next = safeNext(data.suite)
    const result = await signInStaff(req.ctx, { email: data.email, password: data.password, ip: clientIp(req) })
    if (!result.ok) {
      const message =
        result.code === 'STAFF_LOCKED'
          ? `Trop de tentatives : ce compte est bloqué pendant ${minutes(result.retryAfterSeconds)} minutes.`
          : 'Adresse e-mail ou mot de passe incorrect.'
      if (result.code === 'STAFF_LOCKED') reply.header('retry-after', String(result.retryAfterSeconds))
      return sendAdmin(reply, h(StaffSignInPage, { asset: deps.asset, csrf: csrfToken(req, reply), email: data.email, next, message }), result.code === 'STAFF_LOCKED' ? 429 : 401)
    }
    // a new session replaces the browser's previous one
    if (req.staffSession) await closeStaffSession(req.ctx, { token: req.staffSession.token })
    reply.setCookie(STAFF_COOKIE, result.token, staffCookieOptions(config, result.expiresAt))
    return reply.redirect(result.needsTotp ? `/admin/connexion/code?suite=${encodeURIComponent(next)}` : next, 303)
  })

  app.get('/admin/connexion/code', { config: { permission: 'second-factor' }, schema: { hide: true } }, async (req, reply) => {
    if (req.staffSession!.totpPassed) return reply.redirect('/admin', 303)
    const q = req.query as Record<string, unknown>
    return sendAdmin(reply, h(StaffCodePage, { asset: deps.asset, csrf: csrfToken(req, reply), next: typeof q.suite === 'string' ? safeNext(q.suite) : undefined }))
  })

  app.post('/admin/connexion/code', { config: { permission: 'second-factor' }, schema: { hide: true } }, async (req, reply) => {
    const form = codeForm.safeParse(formBody(req))
    const data = form.success ? form.data : { code: '', suite: undefined }
    const session = req.staffSession!
    const check = await passTotp(req.ctx, { token: session.token, code: data.code, appSecret: config.appSecret, ip: clientIp(req) })
    if (check.ok) return reply.redirect(safeNext(data.suite), 303)
    if (check.code === 'STAFF_LOCKED') {
      reply.clearCookie(STAFF_COOKIE, staffCookieOptions(config))
      return sendAdmin(reply, h(StaffSignInPage, { asset: deps.asset, csrf: csrfToken(req, reply), message: 'Trop de codes erronés : ce compte est bloqué pendant 15 minutes.' }), 429)
    }
    return sendAdmin(reply, h(StaffCodePage, { asset: deps.asset, csrf: csrfToken(req, reply), next: safeNext(data.suite), message: 'Code incorrect ou déjà utilisé.' }), 401)
  })

  app.post('/admin/deconnexion', { config: { permission: 'second-factor' }, schema: { hide: true } }, async (req, reply) => {
    await closeStaffSession(req.ctx, { token: req.staffSession!.token })
    reply.clearCookie(STAFF_COOKIE, staffCookieOptions(config))
    return reply.redirect('/admin/connexion?fin=1', 303)
  })

  const FLASH = { totp: 'La double authentification est active.' }
  const accountPage = async (req: Parameters<typeof adminView>[0], reply: Parameters<typeof adminView>[1], extra: { enrollment?: { qrDataUrl: string; secret: string } | null; error?: string | null } = {}) =>
    sendAdmin(reply, h(AccountPage, { view: adminView(req, reply, deps), totpEnabled: req.staffSession!.staff.totpEnabled, flash: flashOf(req, FLASH), ...extra }), extra.error ? 400 : 200)
  const qr = async (p: { secret: string; uri: string }) => ({ secret: p.secret, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(p.uri, { type: 'svg', margin: 1 })).toString('base64')}` })

  app.get('/admin/compte', { config: { permission: 'signed-in' }, schema: { hide: true } }, async (req, reply) => accountPage(req, reply))

  app.post('/admin/compte/totp', { config: { permission: 'signed-in' }, schema: { hide: true } }, async (req, reply) => {
    if (req.staffSession!.staff.totpEnabled) return reply.redirect('/admin/compte', 303)
    const started = await startTotpEnrollment(req.ctx, { staffId: req.staffSession!.staff.id, appSecret: config.appSecret })
    return accountPage(req, reply, { enrollment: await qr(started) })
  })

  app.post('/admin/compte/totp/confirmer', { config: { permission: 'signed-in' }, schema: { hide: true } }, async (req, reply) => {
    const form = codeForm.safeParse(formBody(req))
    const staffId = req.staffSession!.staff.id
    try {
      await confirmTotp(req.ctx, { staffId, appSecret: config.appSecret, code: form.success ? form.data.code : '' })
      return reply.redirect('/admin/compte?ok=totp', 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'STAFF_TOTP_INVALID') throw err
      const pending = await pendingTotp(req.ctx, { staffId, appSecret: config.appSecret })
      return accountPage(req, reply, { enrollment: pending ? await qr(pending) : null, error: err.message })
    }
  })
}
