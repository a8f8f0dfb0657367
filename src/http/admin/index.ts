import type { FastifyReply, FastifyRequest } from 'fastify'
import { csrfToken } from '../plugins/csrf.ts'
import { h } from 'preact'
import { renderDocument } from '../../web/storefront/render.ts'
import { DeniedPage } from '../../web/admin/auth-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { registerStaffAuthRoutes } from './auth.routes.ts'
import { registerAdminHomeRoutes } from './home.routes.ts'
import { registerStaffAdminRoutes } from './staff.routes.ts'
import { registerSearchAdminRoutes } from './search.routes.ts'
import { registerOrderAdminRoutes } from './orders.routes.ts'
import { registerFinanceAdminRoutes } from './finance.routes.ts'
import { registerOutboxAdminRoutes } from './outbox.routes.ts'
import { registerCatalogProductRoutes } from './catalog-products.routes.ts'
import { registerCatalogTaxonomyRoutes } from './catalog-taxonomy.routes.ts'
import { registerCatalogProducerRoutes } from './catalog-producers.routes.ts'
import { registerCatalogCsvRoutes } from './catalog-csv.routes.ts'
import { registerPurchasingRoutes } from './purchasing.routes.ts'
import { registerReturnAdminRoutes } from './returns.routes.ts'
import { registerPayablesAdminRoutes } from './payables.routes.ts'
import { registerProducerAccountRoutes } from './producer-accounts.routes.ts'
import { registerContentProposalRoutes } from './content-proposals.routes.ts'
import { registerWarehouseAdminRoutes } from './warehouse.routes.ts'
import { registerDashboardRoutes } from './dashboards.routes.ts'
import { registerSourcingAdminRoutes } from './sourcing.routes.ts'
import { registerExperimentRoutes } from './experiments.routes.ts'
import { allowedActions } from './staff-session.ts'

/** Every back-office route group (each route declares its permission: see staff-session.ts). */
export function registerAdmin(app: App, deps: RouteDeps): void {
  registerStaffAuthRoutes(app, deps)
  registerAdminHomeRoutes(app, deps)
  registerStaffAdminRoutes(app, deps)
  registerSearchAdminRoutes(app, deps)
  registerOrderAdminRoutes(app, deps)
  registerFinanceAdminRoutes(app, deps)
  registerOutboxAdminRoutes(app, deps)
  registerCatalogProductRoutes(app, deps)
  registerCatalogTaxonomyRoutes(app, deps)
  registerCatalogProducerRoutes(app, deps)
  registerCatalogCsvRoutes(app, deps)
  registerSourcingAdminRoutes(app, deps)
  registerWarehouseAdminRoutes(app, deps)
  registerDashboardRoutes(app, deps)
  registerPurchasingRoutes(app, deps)
  registerPayablesAdminRoutes(app, deps)
  registerReturnAdminRoutes(app, deps)
  registerProducerAccountRoutes(app, deps)
  registerContentProposalRoutes(app, deps)
  registerExperimentRoutes(app, deps)
}

/** The 403 page inside the back-office frame (the menu shows what the member may use). */
export const renderDenied = (asset: (name: string) => string) => (req: FastifyRequest, reply: FastifyReply): string => {
  const staff = req.staffSession!.staff
  return renderDocument(h(DeniedPage, { view: { staff, allowed: allowedActions(req), path: req.url.split('?')[0] ?? '', csrf: csrfToken(req, reply), asset } }))
}
