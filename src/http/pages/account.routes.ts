import type { FastifyReply, FastifyRequest } from 'fastify'
import { h, type JSX } from 'preact'
import { LOCALES, type Ctx, type Locale } from '../../kernel/ctx.ts'
import { checkPasswordResetToken, requestPasswordReset, resetPassword, signIn, signOut, signUp, type PasswordProblem } from '../../modules/customers/index.ts'
import type { MessageKey } from '../../web/i18n/index.ts'
import type { AccountOrderSummary } from '../../web/storefront/account/account-pages.tsx'
import { ForgotPasswordPage, ResetPasswordPage, SignInPage, SignUpPage } from '../../web/storefront/account/auth-pages.tsx'
import { CsrfErrorPage } from '../../web/storefront/account/account-pages.tsx'
import { localeOf } from '../plugins/request-ctx.ts'
import { pageContext } from '../../web/storefront/page-context.ts'
import { accountAlternates, accountPaths } from '../../web/storefront/account/paths.ts'
import { renderDocument } from '../../web/storefront/render.ts'
import { csrfToken } from '../plugins/csrf.ts'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../plugins/session.ts'
import { attachCartToCustomer } from '../../modules/checkout/index.ts'
import { CART_COOKIE, verifyCartCookie } from './cart-cookie.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { AccountQuery, ForgotPasswordForm, parseForm, ResetPasswordForm, safeNext, SignInForm, SignUpForm } from './account.contract.ts'
import { registerAccountAreaPages } from './account-area.routes.ts'
import { viewCtx } from './page-kit.ts'

/** The orders of the signed-in customer for the orders page; the checkout provides it (none until then). */
export type ListCustomerOrders = (ctx: Ctx) => Promise<AccountOrderSummary[]>

/** The guest's open cart follows them into their account (signed cookie only). */
async function keepGuestCart(req: FastifyRequest, config: RouteDeps['config'], customerId: string): Promise<void> {
  const cartId = verifyCartCookie(config.appSecret, req.cookies[CART_COOKIE])
  if (cartId) await attachCartToCustomer(req.ctx, { cartId, customerId })
}

/** Account pages send personal data or a per-visitor CSRF token: never kept by any cache. */
export function sendAccountPage(reply: FastifyReply, vnode: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(renderDocument(vnode))
}

/** View context of an account page, with its twin in the other language. */
export const accountCtx = (req: FastifyRequest, deps: RouteDeps, page: (l: Locale) => string) => viewCtx(req, deps, accountAlternates(page))

const PASSWORD_MESSAGES: Record<PasswordProblem, MessageKey> = {
  TOO_SHORT: 'account.error.passwordTooShort', TOO_LONG: 'account.error.passwordTooLong', TOO_SIMPLE: 'account.error.passwordTooSimple', CONTAINS_EMAIL: 'account.error.passwordContainsEmail',
}

/**
 * Sign up, sign in, sign out, forgotten and reset password, in French and English; then the
 * signed-in area (account-area.routes.ts). Every form works without JavaScript, keeps what was
 * typed (never a password), shows each error next to its field, and carries the CSRF token.
 */
export function registerAccountPages(app: App, deps: RouteDeps, opts: { listCustomerOrders?: ListCustomerOrders } = {}): void {
  const { config } = deps
  for (const l of LOCALES) {
    const home = accountPaths.home(l)
    const nextOf = (req: FastifyRequest) => safeNext((req.query as { next?: unknown } | undefined)?.next) ?? safeNext((req.body as { next?: unknown } | undefined)?.next)

    app.get(accountPaths.signIn(l), { schema: { hide: true, querystring: AccountQuery } }, async (req, reply) => {
      if (req.customerSession) return reply.redirect(nextOf(req) ?? home, 303)
      return sendAccountPage(reply, h(SignInPage, { ctx: accountCtx(req, deps, accountPaths.signIn), csrf: csrfToken(req, reply), next: nextOf(req), values: {}, errors: {} }))
    })
    app.post(accountPaths.signIn(l), { schema: { hide: true } }, async (req, reply) => {
      const form = parseForm(SignInForm, req.body)
      const page = (status: number, extra: object) =>
        sendAccountPage(reply, h(SignInPage, { ctx: accountCtx(req, deps, accountPaths.signIn), csrf: csrfToken(req, reply), next: nextOf(req), values: form.raw, errors: {}, ...extra }), status)
      if (!form.ok) return page(400, { errors: form.errors })
      const result = await signIn(req.ctx, { email: form.values.email, password: form.values.password, ip: req.ip, previousToken: req.cookies[SESSION_COOKIE] })
      if (!result.ok && result.code === 'RATE_LIMITED') {
        reply.header('retry-after', String(result.retryAfterSeconds))
        return page(429, { formError: 'account.error.rateLimited', formErrorValues: { minutes: Math.ceil(result.retryAfterSeconds / 60) } })
      }
      if (!result.ok) return page(401, { formError: 'account.error.invalidCredentials' })
      setSessionCookie(reply, config, result.session)
      await keepGuestCart(req, config, result.customer.id)
      return reply.redirect(nextOf(req) ?? home, 303)
    })

    app.get(accountPaths.signUp(l), { schema: { hide: true, querystring: AccountQuery } }, async (req, reply) => {
      if (req.customerSession) return reply.redirect(nextOf(req) ?? home, 303)
      return sendAccountPage(reply, h(SignUpPage, { ctx: accountCtx(req, deps, accountPaths.signUp), csrf: csrfToken(req, reply), next: nextOf(req), values: {}, errors: {} }))
    })
    app.post(accountPaths.signUp(l), { schema: { hide: true } }, async (req, reply) => {
      const form = parseForm(SignUpForm, req.body)
      const page = (status: number, extra: object) =>
        sendAccountPage(reply, h(SignUpPage, { ctx: accountCtx(req, deps, accountPaths.signUp), csrf: csrfToken(req, reply), next: nextOf(req), values: form.raw, errors: {}, ...extra }), status)
      if (!form.ok) return page(400, { errors: form.errors })
      const v = form.values
      const result = await signUp(req.ctx, { ...v, locale: l, birthDate: v.birthDate || null, previousToken: req.cookies[SESSION_COOKIE], accountUrl: `${config.publicUrl}${home}` })
      if (!result.ok) {
        if (result.code === 'CUSTOMERS_EMAIL_TAKEN') return page(409, { errors: { email: 'account.error.emailTaken' } })
        if (result.code === 'CUSTOMERS_PASSWORD_WEAK') return page(400, { errors: { password: PASSWORD_MESSAGES[result.problem] } })
        return page(400, { errors: { birthDate: 'account.error.birthDate' } })
      }
      setSessionCookie(reply, config, result.session)
      await keepGuestCart(req, config, result.customer.id)
      return reply.redirect(nextOf(req) ?? `${home}?done=welcome`, 303)
    })

    app.post(accountPaths.signOut(l), { schema: { hide: true } }, async (req, reply) => {
      await signOut(req.ctx, { token: req.cookies[SESSION_COOKIE] })
      clearSessionCookie(reply, config)
      return reply.redirect(`/${l}/`, 303)
    })

    app.get(accountPaths.forgotPassword(l), { schema: { hide: true } }, async (req, reply) =>
      sendAccountPage(reply, h(ForgotPasswordPage, { ctx: accountCtx(req, deps, accountPaths.forgotPassword), csrf: csrfToken(req, reply), sent: false, values: {}, errors: {} })))
    app.post(accountPaths.forgotPassword(l), { schema: { hide: true } }, async (req, reply) => {
      const form = parseForm(ForgotPasswordForm, req.body)
      const ctx = accountCtx(req, deps, accountPaths.forgotPassword)
      if (!form.ok) return sendAccountPage(reply, h(ForgotPasswordPage, { ctx, csrf: csrfToken(req, reply), sent: false, values: form.raw, errors: form.errors }), 400)
      await requestPasswordReset(req.ctx, { email: form.values.email, resetPageUrl: `${config.publicUrl}${accountPaths.resetPassword(l)}` })
      return sendAccountPage(reply, h(ForgotPasswordPage, { ctx, csrf: csrfToken(req, reply), sent: true, values: { email: form.values.email }, errors: {} }))
    })

    app.get(accountPaths.resetPassword(l), { schema: { hide: true, querystring: AccountQuery } }, async (req, reply) => {
      const token = req.query.token ?? ''
      const valid = await checkPasswordResetToken(req.ctx, { token })
      return sendAccountPage(reply, h(ResetPasswordPage, { ctx: accountCtx(req, deps, accountPaths.resetPassword), csrf: csrfToken(req, reply), token, valid, values: {}, errors: {} }), valid ? 200 : 410)
    })
    app.post(accountPaths.resetPassword(l), { schema: { hide: true } }, async (req, reply) => {
      const form = parseForm(ResetPasswordForm, req.body)
      const token = form.raw.token ?? ''
      const page = (status: number, valid: boolean, errors: object) =>
        sendAccountPage(reply, h(ResetPasswordPage, { ctx: accountCtx(req, deps, accountPaths.resetPassword), csrf: csrfToken(req, reply), token, valid, values: {}, errors }), status)
      if (!form.ok) return page(400, true, form.errors)
      const result = await resetPassword(req.ctx, form.values)
      if (!result.ok && result.code === 'CUSTOMERS_RESET_TOKEN_INVALID') return page(410, false, {})
      if (!result.ok) return page(400, true, { password: PASSWORD_MESSAGES[result.problem] })
      setSessionCookie(reply, config, result.session)
      return reply.redirect(`${home}?done=reset`, 303)
    })
  }
  registerAccountAreaPages(app, deps, { listCustomerOrders: opts.listCustomerOrders ?? (async () => []) })
}

/**
 * The 403 page of a form refused by the CSRF check: nothing changed; a link back to the form
 * (the GET twin of the URL posted to; a delete or sign-out goes back to the page it came from).
 */
export function renderCsrfRejection(deps: Pick<RouteDeps, 'config' | 'asset'>) {
  return (req: FastifyRequest): string => {
    const locale = localeOf(req)
    const path = req.url.split('?')[0] ?? ''
    const local = /^\/(fr|en)\/[\x21-\x7e]*$/.test(path) && !path.includes('//')
    const retry = !local ? null : /\/(deconnexion|sign-out)$/.test(path) ? accountPaths.home(locale) : path.replace(/\/(supprimer|delete)$/, '')
    const ctx = pageContext({ locale, market: req.ctx?.market ?? 'FR-MAINLAND', publicUrl: deps.config.publicUrl, path: `/${locale}/`, alternates: {}, asset: deps.asset })
    return renderDocument(h(CsrfErrorPage, { ctx, retryHref: retry }))
  }
}
