import type { App } from '../types.ts'
import client from 'prom-client'

/** Prometheus metrics: process defaults plus request duration by route and status. */
export function registerMetrics(app: App): void {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry, prefix: 'lakou_' })
  const duration = new client.Histogram({
    name: 'lakou_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
}
