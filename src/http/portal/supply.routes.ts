import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { confirmPortalPurchaseOrder, getPortalPurchaseOrder, listPortalPurchaseOrders, portalPurchaseOrderPdf, portalStatementPdf } from '../../modules/portal/index.ts'
import { PortalOrderPage, PortalOrdersPage } from '../../web/portal/portal-supply-pages.tsx'
import { flashOf } from '../admin/admin-kit.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { notFound, portalView, sendPdf, sendPortal } from './portal-kit.ts'
import { scopeOf } from './portal-session.ts'

const idParams = z.object({ id: z.string().min(1).max(64) })
const FLASH = { confirmed: 'Merci : le bon de commande est confirmé.' }

/** Purchase orders sent to the producer (confirm, PDF) and consignment statement PDFs: each behind a scoped read. */
export function registerPortalSupplyRoutes(app: App, deps: RouteDeps): void {
  app.get('/portail/commandes', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalOrdersPage, { view: portalView(req, reply, deps), orders: await listPortalPurchaseOrders(req.ctx, scopeOf(req)) })),
  )

  app.get('/portail/commandes/:id', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const order = await getPortalPurchaseOrder(req.ctx, scopeOf(req), req.params.id)
    if (!order) throw notFound('Ce bon de commande')
    return sendPortal(reply, h(PortalOrderPage, { view: portalView(req, reply, deps), order, flash: flashOf(req, FLASH) }))
  })

  app.post('/portail/commandes/:id/confirmer', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const scope = scopeOf(req)
    try {
      await confirmPortalPurchaseOrder(req.ctx, scope, req.params.id)
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err
      const order = await getPortalPurchaseOrder(req.ctx, scope, req.params.id)
      if (!order) throw notFound('Ce bon de commande')
      return sendPortal(reply, h(PortalOrderPage, { view: portalView(req, reply, deps), order, error: err.message }), 409)
    }
    return reply.redirect(`/portail/commandes/${encodeURIComponent(req.params.id)}?ok=confirmed`, 303)
  })

  app.get('/portail/commandes/:id/pdf', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const found = await portalPurchaseOrderPdf(req.ctx, scopeOf(req), req.params.id)
    if (!found) throw notFound('Ce bon de commande')
    return sendPdf(reply, `${found.number}.pdf`, found.pdf)
  })

  // '/portail/releves/:id.pdf': find-my-way takes the '.pdf' suffix as part of the pattern
  app.get('/portail/releves/:id.pdf', { schema: { hide: true, params: idParams } }, async (req, reply) => {
    const found = await portalStatementPdf(req.ctx, scopeOf(req), req.params.id)
    if (!found) throw notFound('Ce relevé')
    return sendPdf(reply, `${found.number}.pdf`, found.pdf)
  })
}
