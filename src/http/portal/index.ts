import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { registerPortalAuthRoutes } from './auth.routes.ts'
import { registerPortalPageRoutes } from './pages.routes.ts'
import { registerProducerSession } from './portal-session.ts'
import { registerPortalProposalRoutes } from './proposals.routes.ts'
import { registerPortalSupplyRoutes } from './supply.routes.ts'

/**
 * The producer portal under /portail: its own session (cookie lakou_producer), then its routes.
 * Call it synchronously before registerCsrf (the session must be resolved before the CSRF check).
 */
export function registerPortal(app: App, deps: RouteDeps): void {
  registerProducerSession(app, deps.database, deps.config)
  registerPortalAuthRoutes(app, deps)
  registerPortalPageRoutes(app, deps)
  registerPortalSupplyRoutes(app, deps)
  registerPortalProposalRoutes(app, deps)
}
