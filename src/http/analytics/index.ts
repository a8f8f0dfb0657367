import type { Logger } from '../../kernel/log.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { registerConsentRoutes } from './consent.routes.ts'
import { registerEventsRoute } from './events.routes.ts'
import { registerWebVitalsRoute } from './web-vitals.routes.ts'

/** First-party audience measurement: the events collector, the consent choice and the web-vitals script. */
export function registerAnalytics(app: App, deps: RouteDeps): void {
  registerEventsRoute(app, deps, { log: app.log as unknown as Logger })
  registerConsentRoutes(app, deps)
  registerWebVitalsRoute(app)
}
