import type { App } from './types.ts'
import type { FastifyRequest } from 'fastify'
import { h } from 'preact'
import type { Config } from '../kernel/config.ts'
import type { Database } from '../kernel/db/client.ts'
import { ErrorPage } from '../web/storefront/error-page.tsx'
import { pageContext } from '../web/storefront/page-context.ts'
import { renderDocument } from '../web/storefront/render.ts'
import type { ErrorPageRenderer } from './plugins/error-handler.ts'
import { localeOf, MARKETS, MARKET_COOKIE, preferredLocale } from './plugins/request-ctx.ts'
import { registerStoreApi } from './store/store.routes.ts'
import { registerAutocompleteRoutes } from './store/autocomplete.routes.ts'
import { postgresSearchEngine } from '../modules/search/index.ts'
import { registerPages } from './pages/index.ts'
import { registerAccountPages, renderCsrfRejection } from './pages/account.routes.ts'
import { listCustomerOrders } from '../modules/orders/index.ts'
import { moveCartToMarket } from '../modules/checkout/index.ts'
import { CART_COOKIE, verifyCartCookie } from './pages/cart-cookie.ts'
import { checkoutPaths } from '../web/storefront/checkout/checkout-paths.ts'
import { t } from '../web/i18n/index.ts'
import { registerCsrf } from './plugins/csrf.ts'
import { registerAdmin } from './admin/index.ts'
import { registerPortal } from './portal/index.ts'
import { registerAnalytics } from './analytics/index.ts'
import { registerPaymentWebhookRoutes } from './store/payment-webhooks.routes.ts'
import { settlePaymentEvent } from '../flows/settle-payment.ts'

/** What route groups receive: configuration, database, fingerprinted assets. */
export type RouteDeps = { config: Config; database: Database; asset: (name: string) => string }

/** Every route group of the application, in one list. */
export async function registerRoutes(app: App, deps: RouteDeps): Promise<void> {
  registerStoreApi(app, postgresSearchEngine)
  registerAutocompleteRoutes(app, postgresSearchEngine)
  app.get('/', { schema: { hide: true } }, async (req, reply) => reply.redirect(`/${preferredLocale(req.headers['accept-language'])}/`, 302))
  app.post('/market', { schema: { hide: true } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const market = MARKETS.find((m) => m === body.market)
    const back = typeof body.back === 'string' && /^\/(fr|en)\/[^\s]*$/.test(body.back) && !body.back.startsWith('//') ? body.back : '/'
    if (market) {
      reply.setCookie(MARKET_COOKIE, market, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31536000 })
      // the open cart follows: its prices are now the new market's
      const cartId = verifyCartCookie(deps.config.appSecret, req.cookies[CART_COOKIE])
      if (cartId) await moveCartToMarket(req.ctx, { cartId, market })
    }
    return reply.redirect(back, 303)
  })
  registerPages(app, deps)
  registerAccountPages(app, deps, {
    // the customer's own orders (the query is scoped by the signed-in customer id)
    listCustomerOrders: async (ctx) => {
      if (ctx.actor.kind !== 'customer') return []
      const orders = await listCustomerOrders(ctx, { customerId: ctx.actor.customerId })
      return orders.map((o) => ({ number: o.number, placedAt: o.placedAt, statusLabel: t(ctx.locale, `orderPage.status.${o.status}`), totalGross: o.totalGross, url: checkoutPaths.order(ctx.locale, o.id) }))
    },
  })
  registerAdmin(app, deps)
  registerPortal(app, deps)
  registerAnalytics(app, deps) // /api/events, /consent, /fr/cookies
  // CSRF check of every form POST, and the CSRF field of cached pages filled per response: after the
  // page cache (registered by registerPages) so it keeps the placeholder, never a visitor's token.
  // Keep it before any await: hooks bind to the routes registered in this synchronous span.
  registerCsrf(app, { config: deps.config, renderRejection: renderCsrfRejection(deps) })
  // webhooks of this process's payment providers (app.ts builds them) at /webhooks/payments/:provider
  const checkoutDeps = app.checkoutDeps
  await registerPaymentWebhookRoutes(app, checkoutDeps.providers, (ctx, event) => settlePaymentEvent(ctx, checkoutDeps, event))
}

/** The friendly error page in the request's language. */
export function renderErrorPage(config: Config, asset: (name: string) => string): ErrorPageRenderer {
  return (req: FastifyRequest, status: number) => {
    const locale = localeOf(req)
    const ctx = pageContext({ locale, market: 'FR-MAINLAND', publicUrl: config.publicUrl, path: `/${locale}/`, alternates: {}, asset })
    return renderDocument(h(ErrorPage, { ctx, status }))
  }
}
