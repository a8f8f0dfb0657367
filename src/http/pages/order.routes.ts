import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { LOCALES, type Locale } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { cancelOrderByShopper } from '../../flows/cancel-order.ts'
import { canOpenOrder } from '../../flows/order-access.ts'
import { requestWithdrawal } from '../../flows/request-withdrawal.ts'
import { retryOrderPayment } from '../../flows/retry-order-payment.ts'
import { getInvoiceForOrder, renderInvoicePdf } from '../../modules/invoicing/index.ts'
import { getOrderView, type OrderView } from '../../modules/orders/index.ts'
import { listOrderReturns } from '../../modules/returns/index.ts'
import { listOrderShipments } from '../../modules/warehouse/index.ts'
import { returnPath } from '../../web/storefront/return-page.tsx'

/** A shopper may ask to return items once a parcel has left. */
const RETURNABLE_STATUSES: readonly string[] = ['shipped', 'delivered', 'returned']
import { getPaymentsForOrder } from '../../modules/payments/index.ts'
import { t } from '../../web/i18n/index.ts'
import { checkoutPaths, withToken } from '../../web/storefront/checkout/checkout-paths.ts'
import type { FieldError } from '../../web/storefront/checkout/kit.tsx'
import { CancelOrderPage, WithdrawalPage, WithdrawalReceiptPage, withdrawableLines, type WithdrawalValues } from '../../web/storefront/checkout/order-actions.tsx'
import { OrderPage, type OrderFlash, type OrderPageProps } from '../../web/storefront/order-page.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { readCart, seeOther, sendPrivatePage } from './cart-cookie.ts'
import { viewCtx } from './page-kit.ts'
import { CardForm, cardErrors, cardFromForm, invalidFields, refineCard, testCardHints } from './checkout-forms.ts'

// An order is opened with its signed link (?t=, or a hidden `t` in its forms) or by the signed-in
// customer who owns it. Anything else, a malformed id included, is the 404 page: never a hint
// that the order exists.
const OrderParams = z.object({ orderId: z.string().max(64) })
const ORDER_ID = /^ord_[0-9A-Z]{26}$/
const token = z.string().max(100).optional()
const FLASHES = ['cancelled', 'notCancellable', 'declined', 'cardInvalid', 'providerUnavailable', 'paid', 'withdrawalClosed'] as const
export const OrderQuery = z.object({ t: token, flash: z.enum(FLASHES).optional().catch(undefined), w: z.string().max(64).optional() })
export const TokenBody = z.object({ t: token })
export const RetryPaymentBody = CardForm.extend({ t: token, attemptKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).superRefine(refineCard)
export const WithdrawalBody = z.looseObject({ t: token, line: z.union([z.string().max(64), z.array(z.string().max(64)).max(100)]).optional(), statement: z.string().max(2000).default('') })

const attemptKey = () => randomBytes(18).toString('base64url')

/** Order pages: confirmation, follow-up, another card, cancel, withdraw, invoice. */
export function registerOrderPages(app: App, deps: RouteDeps): void {
  const { config } = deps
  const secret = { appSecret: config.appSecret }

  const openOrder = async (req: FastifyRequest, orderId: string, accessToken: string | undefined): Promise<OrderView> => {
    const order = ORDER_ID.test(orderId) ? await getOrderView(req.ctx, orderId) : null
    if (!order || !canOpenOrder(req.ctx, secret, order, accessToken)) throw notFound('Order')
    return order
  }
  // the owner without a link keeps linking without one; a guest's link goes on every URL of the page
  const tokenFor = (req: FastifyRequest, given: string | undefined) => (req.ctx.actor.kind === 'customer' && !given ? null : (given ?? null))
  const cartUnits = async (req: FastifyRequest) => (await readCart(req, config))?.lines.reduce((a, l) => a + l.quantity, 0) ?? 0
  const alternates = (id: string, tok: string | null, page: (l: Locale, id: string) => string) => ({ fr: withToken(page('fr', id), tok), en: withToken(page('en', id), tok) })

  const renderOrder = async (req: FastifyRequest, reply: FastifyReply, order: OrderView, tok: string | null, mode: OrderPageProps['mode'], flash: OrderFlash | null, retryErrors: FieldError[] = [], retryValues = { holderName: '', expiry: '' }) => {
    const locale = req.ctx.locale
    const [payments, invoice, shipments, returns] = await Promise.all([
      getPaymentsForOrder(req.ctx, order.id, req.server.checkoutDeps.providers),
      getInvoiceForOrder(req.ctx, order.id),
      listOrderShipments(req.ctx, order.id),
      listOrderReturns(req.ctx, order.id),
    ])
    const last = payments.at(-1)
    const canRetry = order.paymentMethod === 'card' && order.status === 'placed' && (!last || last.status === 'FAILED')
    const ctx = viewCtx(req, deps, alternates(order.id, tok, mode === 'confirmation' ? checkoutPaths.confirmation : checkoutPaths.order))
    const testCards = config.paymentProvider === 'test' ? testCardHints(locale) : null
    return sendPrivatePage(reply, h(OrderPage, {
      ctx, csrf: csrfToken(req, reply), order, token: tok, mode, flash, units: await cartUnits(req),
      retry: canRetry ? { attemptKey: attemptKey(), errors: retryErrors, values: retryValues, testCards } : null,
      cardPending: order.paymentMethod === 'card' && last?.status === 'PENDING',
      transfer: payments.find((p) => p.transfer)?.transfer ?? null,
      invoiceUrl: invoice ? withToken(checkoutPaths.invoice(locale, order.id), tok) : null,
      shipments,
      returns,
      returnLink: RETURNABLE_STATUSES.includes(order.status) ? withToken(returnPath(locale, order.id), tok) : null,
    }), retryErrors.length ? 422 : 200)
  }

  for (const locale of LOCALES) {
    const orderUrl = (id: string, tok: string | null, flash?: OrderFlash) => withToken(checkoutPaths.order(locale, id), tok, flash ? { flash } : {})

    app.get(checkoutPaths.confirmation(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      return renderOrder(req, reply, order, tokenFor(req, req.query.t), 'confirmation', null)
    })

    app.get(checkoutPaths.order(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      return renderOrder(req, reply, order, tokenFor(req, req.query.t), 'order', req.query.flash ?? null)
    })

    app.post(checkoutPaths.orderPay(locale, ':orderId'), { schema: { hide: true, params: OrderParams, body: RetryPaymentBody }, attachValidation: true }, async (req, reply) => {
      const given = (req.body as { t?: unknown } | undefined)?.t
      const order = await openOrder(req, req.params.orderId, typeof given === 'string' ? given : undefined)
      const tok = tokenFor(req, typeof given === 'string' ? given : undefined)
      if (req.validationError) {
        const raw = req.body as Record<string, unknown>
        const values = { holderName: typeof raw?.cardHolder === 'string' ? raw.cardHolder.slice(0, 100) : '', expiry: typeof raw?.cardExpiry === 'string' ? raw.cardExpiry.slice(0, 10) : '' }
        return renderOrder(req, reply, order, tok, 'order', null, cardErrors(locale, invalidFields(req.validationError)), values)
      }
      const r = await retryOrderPayment(req.ctx, req.server.checkoutDeps, { orderId: order.id, accessToken: req.body.t ?? null, attemptKey: req.body.attemptKey, card: cardFromForm(req.body) })
      if (r.ok) return seeOther(reply, orderUrl(order.id, tok, r.status === 'paid' ? 'paid' : undefined))
      if (r.code === 'NOT_FOUND') throw notFound('Order')
      return seeOther(reply, orderUrl(order.id, tok, r.code === 'PAYMENT_DECLINED' ? 'declined' : r.code === 'PAYMENT_CARD_INVALID' ? 'cardInvalid' : r.code === 'PAYMENT_PROVIDER_UNAVAILABLE' ? 'providerUnavailable' : undefined))
    })

    app.get(checkoutPaths.orderCancel(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      const tok = tokenFor(req, req.query.t)
      if (!order.cancellable) return seeOther(reply, orderUrl(order.id, tok, 'notCancellable'))
      return sendPrivatePage(reply, h(CancelOrderPage, { ctx: viewCtx(req, deps, alternates(order.id, tok, checkoutPaths.orderCancel)), csrf: csrfToken(req, reply), order, token: tok, units: await cartUnits(req) }))
    })

    app.post(checkoutPaths.orderCancel(locale, ':orderId'), { schema: { hide: true, params: OrderParams, body: TokenBody } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.body.t)
      const r = await cancelOrderByShopper(req.ctx, req.server.checkoutDeps, { orderId: order.id, accessToken: req.body.t ?? null })
      if (!r.ok && r.code === 'NOT_FOUND') throw notFound('Order')
      return seeOther(reply, orderUrl(order.id, tokenFor(req, req.body.t), r.ok ? 'cancelled' : 'notCancellable'))
    })

    const renderWithdrawal = async (req: FastifyRequest, reply: FastifyReply, order: OrderView, tok: string | null, values: WithdrawalValues, errors: FieldError[]) =>
      sendPrivatePage(reply, h(WithdrawalPage, { ctx: viewCtx(req, deps, alternates(order.id, tok, checkoutPaths.orderWithdraw)), csrf: csrfToken(req, reply), order, token: tok, units: await cartUnits(req), values, errors }), errors.length ? 422 : 200)

    app.get(checkoutPaths.orderWithdraw(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      const tok = tokenFor(req, req.query.t)
      if (!order.withdrawalOpen || !withdrawableLines(order).length) return seeOther(reply, orderUrl(order.id, tok, 'withdrawalClosed'))
      return renderWithdrawal(req, reply, order, tok, { lines: {}, statement: '' }, [])
    })

    app.post(checkoutPaths.orderWithdraw(locale, ':orderId'), { schema: { hide: true, params: OrderParams, body: WithdrawalBody } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.body.t)
      const tok = tokenFor(req, req.body.t)
      const picked = req.body.line === undefined ? [] : Array.isArray(req.body.line) ? req.body.line : [req.body.line]
      const open = new Map(withdrawableLines(order).map((x) => [x.id, x.left]))
      const lines = [...new Set(picked)].map((id) => {
        const qty = Number((req.body as Record<string, unknown>)[`qty_${id}`] ?? open.get(id) ?? 1)
        return { orderLineId: id, quantity: Number.isSafeInteger(qty) ? qty : 0 }
      })
      const values: WithdrawalValues = { lines: Object.fromEntries(lines.map((x) => [x.orderLineId, x.quantity])), statement: req.body.statement }
      if (!lines.length || lines.some((x) => !open.has(x.orderLineId) || x.quantity < 1 || x.quantity > open.get(x.orderLineId)!)) {
        return renderWithdrawal(req, reply, order, tok, values, [{ field: 'lines', message: t(locale, 'withdrawal.error.lines') }])
      }
      const r = await requestWithdrawal(req.ctx, req.server.checkoutDeps, { orderId: order.id, accessToken: req.body.t ?? null, lines, statement: req.body.statement.trim() || null })
      if (r.ok) return seeOther(reply, withToken(checkoutPaths.orderWithdrawReceipt(locale, order.id), tok, { w: r.withdrawalId }))
      if (r.code === 'NOT_FOUND') throw notFound('Order')
      if (r.code === 'WITHDRAWAL_CLOSED') return seeOther(reply, orderUrl(order.id, tok, 'withdrawalClosed'))
      return renderWithdrawal(req, reply, order, tok, values, [{ field: 'lines', message: t(locale, 'withdrawal.error.lines') }])
    })

    app.get(checkoutPaths.orderWithdrawReceipt(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      const tok = tokenFor(req, req.query.t)
      const withdrawal = order.withdrawals.find((w) => w.id === req.query.w) ?? order.withdrawals.at(-1)
      if (!withdrawal) return seeOther(reply, orderUrl(order.id, tok))
      const alt = { fr: withToken(checkoutPaths.orderWithdrawReceipt('fr', order.id), tok, { w: withdrawal.id }), en: withToken(checkoutPaths.orderWithdrawReceipt('en', order.id), tok, { w: withdrawal.id }) }
      return sendPrivatePage(reply, h(WithdrawalReceiptPage, { ctx: viewCtx(req, deps, alt), order, token: tok, units: await cartUnits(req), withdrawal }))
    })

    app.get(checkoutPaths.invoice(locale, ':orderId'), { schema: { hide: true, params: OrderParams, querystring: OrderQuery } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      const invoice = await getInvoiceForOrder(req.ctx, order.id)
      if (!invoice) throw notFound('Invoice')
      const pdf = await renderInvoicePdf(req.ctx, invoice.id, locale)
      const name = `${locale === 'fr' ? 'facture' : 'invoice'}-${invoice.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf`
      return reply.type('application/pdf').header('cache-control', 'private, no-store').header('content-disposition', `inline; filename="${name}"`).send(pdf)
    })
  }
}
