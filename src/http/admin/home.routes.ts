import { h } from 'preact'
import { catalogCounts } from '../../modules/catalog/index.ts'
import { outboxCounts } from '../../modules/notifications/index.ts'
import { listOldestOrders, orderDeskCounts } from '../../modules/orders/index.ts'
import { listZeroResultQueries } from '../../modules/search/index.ts'
import { can, listStaff } from '../../modules/staff/index.ts'
import { AdminHomePage, type HomeData } from '../../web/admin/home-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, sendAdmin } from './admin-kit.ts'

/** The home page: each panel appears for the roles whose actions it serves; loads run in parallel. */
export function registerAdminHomeRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin', { config: { permission: 'dashboard.view' }, schema: { hide: true } }, async (req, reply) => {
    const roles = req.staffSession!.staff.roles
    const ctx = req.ctx
    const ordersPanel = can(roles, 'orders.read') || can(roles, 'finance.read')
    const prepares = roles.some((r) => r === 'logistics' || r === 'customer_service' || r === 'administrator' || r === 'director')
    const [orders, toPrepare, unpaid, catalog, zeroResults, outbox, staff] = await Promise.all([
      ordersPanel ? orderDeskCounts(ctx) : undefined,
      ordersPanel && prepares ? listOldestOrders(ctx, { statuses: ['paid'], limit: 8 }) : undefined,
      can(roles, 'orders.cancel') || can(roles, 'finance.read') ? listOldestOrders(ctx, { statuses: ['placed', 'awaiting_payment'], limit: 8 }) : undefined,
      can(roles, 'catalog.read') ? catalogCounts(ctx) : undefined,
      can(roles, 'search.insights') ? listZeroResultQueries(ctx, { since: new Date(ctx.now.getTime() - 7 * 86400_000), limit: 10 }) : undefined,
      can(roles, 'outbox.read') ? outboxCounts(ctx) : undefined,
      can(roles, 'staff.manage') ? listStaff(ctx) : undefined,
    ])
    const data: HomeData = { orders, toPrepare, unpaid, catalog, zeroResults, outbox, staffWithoutTotp: staff?.filter((s) => s.active && !s.totpEnabled).map((s) => ({ id: s.id, name: s.name })) }
    return sendAdmin(reply, h(AdminHomePage, { view: adminView(req, reply, deps), data }))
  })
}
