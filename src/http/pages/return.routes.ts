import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { LOCALES } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { canOpenOrder } from '../../flows/order-access.ts'
import { requestReturn } from '../../flows/return-request.ts'
import { getOrderView, type OrderView } from '../../modules/orders/index.ts'
import { listOrderReturns, RETURN_REASONS, returnableUnits } from '../../modules/returns/index.ts'
import { withToken } from '../../web/storefront/checkout/checkout-paths.ts'
import type { FieldError } from '../../web/storefront/checkout/kit.tsx'
import { ReturnPage, returnPath, returnText, type ReturnFormValues } from '../../web/storefront/return-page.tsx'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { readCart, seeOther, sendPrivatePage } from './cart-cookie.ts'
import { viewCtx } from './page-kit.ts'

// Same access scheme as the order page (order.routes.ts): the signed link (?t=, or a hidden `t`)
// or the signed-in owner; anything else, a malformed id included, is the 404 page.
const ORDER_ID = /^ord_[0-9A-Z]{26}$/
const Params = z.object({ orderId: z.string().max(64) })
const token = z.string().max(100).optional()
const Query = z.object({ t: token, sent: z.string().regex(/^RT-\d{6,}$/).optional().catch(undefined) })
const Body = z.looseObject({ t: token, reason: z.string().max(40).default(''), details: z.string().max(4000).default('') })

/** The shopper's return request: the form, and its answer. */
export function registerReturnPages(app: App, deps: RouteDeps): void {
  const { config } = deps
  const openOrder = async (req: FastifyRequest, orderId: string, accessToken: string | undefined): Promise<OrderView> => {
    const order = ORDER_ID.test(orderId) ? await getOrderView(req.ctx, orderId, { history: false }) : null
    if (!order || !canOpenOrder(req.ctx, { appSecret: config.appSecret }, order, accessToken)) throw notFound('Order')
    return order
  }
  const tokenFor = (req: FastifyRequest, given: string | undefined) => (req.ctx.actor.kind === 'customer' && !given ? null : (given ?? null))

  const render = async (req: FastifyRequest, reply: FastifyReply, order: OrderView, tok: string | null, values: ReturnFormValues, errors: FieldError[], status: number, sent: string | null = null) => {
    const [state, returns] = await Promise.all([returnableUnits(req.ctx, order.id), listOrderReturns(req.ctx, order.id)])
    const shipped = ['shipped', 'delivered', 'returned'].includes(order.status) && state.windowEnd !== null
    const open = shipped && req.ctx.now.getTime() <= state.windowEnd!.getTime() && state.lines.some((l) => l.left > 0)
    const alternates = { fr: withToken(returnPath('fr', order.id), tok), en: withToken(returnPath('en', order.id), tok) }
    const units = (await readCart(req, config))?.lines.reduce((a, l) => a + l.quantity, 0) ?? 0
    return sendPrivatePage(reply, h(ReturnPage, {
      ctx: viewCtx(req, deps, alternates), csrf: csrfToken(req, reply), order, token: tok, units, lines: state.lines, windowEnd: state.windowEnd,
      state: open ? 'open' : shipped ? 'closed' : 'notShipped', returns, values, errors, sent,
    }), status)
  }

  for (const locale of LOCALES) {
    app.get(returnPath(locale, ':orderId'), { schema: { hide: true, params: Params, querystring: Query } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.query.t)
      return render(req, reply, order, tokenFor(req, req.query.t), { lines: {}, reason: '', details: '' }, [], 200, req.query.sent ?? null)
    })

    app.post(returnPath(locale, ':orderId'), { schema: { hide: true, params: Params, body: Body } }, async (req, reply) => {
      const order = await openOrder(req, req.params.orderId, req.body.t)
      const tok = tokenFor(req, req.body.t)
      const body = req.body as Record<string, unknown>
      const lines = Object.entries(body).filter(([k]) => k.startsWith('qty_')).slice(0, 200).map(([k, v]) => ({ orderLineId: k.slice(4, 68), quantity: typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN }))
      const picked = lines.filter((l) => l.quantity !== 0)
      const values: ReturnFormValues = { lines: Object.fromEntries(picked.filter((l) => Number.isSafeInteger(l.quantity)).map((l) => [l.orderLineId, l.quantity])), reason: req.body.reason, details: req.body.details.slice(0, 1500) }
      const x = returnText(locale)
      const r = await requestReturn(req.ctx, { appSecret: config.appSecret, publicUrl: config.publicUrl }, { orderId: order.id, accessToken: req.body.t ?? null, lines: picked, reason: req.body.reason, details: req.body.details || null })
      if (r.ok) return seeOther(reply, withToken(returnPath(locale, order.id), tok, { sent: r.number }))
      if (r.code === 'NOT_FOUND') throw notFound('Order')
      if (r.code === 'RETURN_REASON_INVALID') {
        const known = (RETURN_REASONS as readonly string[]).includes(req.body.reason)
        return render(req, reply, order, tok, values, [known ? { field: 'details', message: x.errDetails } : { field: 'reason', message: x.errReason }], 400)
      }
      if (r.code === 'RETURN_LINES_INVALID') return render(req, reply, order, tok, values, [{ field: 'lines', message: x.errLines }], 400)
      return render(req, reply, order, tok, values, [], 409)
    })
  }
}
