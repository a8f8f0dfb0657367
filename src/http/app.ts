import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyBaseLogger } from 'fastify'
import fastifyCompress from '@fastify/compress'
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Config } from '../kernel/config.ts'
import type { Database } from '../kernel/db/client.ts'
import type { Logger } from '../kernel/log.ts'
import { ASSETS_DIR, assetUrls } from './assets.ts'
import { registerHealth } from './ops/health.ts'
import { registerMetrics } from './ops/metrics.ts'
import { frameworkErrorHandler, registerErrorHandling } from './plugins/error-handler.ts'
import { registerMultipart } from './plugins/multipart.ts'
import { registerRequestCtx } from './plugins/request-ctx.ts'
import { registerSession } from './plugins/session.ts'
import { registerStaffSession } from './admin/staff-session.ts'
import { renderDenied } from './admin/index.ts'
import { registerRoutes, renderErrorPage } from './routes.ts'
import type { App } from './types.ts'
import { buildPaymentProviders, type TestProviderSettings } from '../modules/payments/index.ts'
import type { CheckoutDeps } from '../flows/checkout-deps.ts'
import { registerAllJobs } from '../jobs/registry.ts'

export type AppDeps = {
  database: Database
  logger?: Logger | undefined
  /** test payment provider settings (tests deliver its webhooks through app.inject) */
  paymentTest?: TestProviderSettings | undefined
}
export type { App }

/** Builds the whole HTTP application without listening (tests use app.inject). */
export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const asset = assetUrls()
  const errorPage = renderErrorPage(config, asset)
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger as FastifyBaseLogger } : { logger: false }),
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID()
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler(errorPage),
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
  })
  await app.register(fastifyCompress, { threshold: 1024, encodings: ['br', 'gzip'] })
  await app.register(fastifyCookie)
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 })
  await registerMultipart(app) // before the CSRF hook (routes.ts): upload forms carry `_csrf` in their multipart body
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lakou Store API', version: '1.0.0', description: 'Catalogue, producers and search of the Lakou market. Money is in integer minor units (cents) with an explicit currency.' },
      tags: [{ name: 'catalog' }, { name: 'search' }, { name: 'operations' }],
    },
    transform: jsonSchemaTransform,
  })

  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply) => void reply.header('cache-control', 'public, max-age=31536000, immutable'),
  })
  fs.mkdirSync(path.join(config.dataDir, 'media'), { recursive: true })
  await app.register(fastifyStatic, {
    root: path.join(config.dataDir, 'media'),
    prefix: '/media/',
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply) => void reply.header('cache-control', 'public, max-age=31536000, immutable'),
  })

  // Payment providers and the order flows' settings, shared by routes and jobs of this process.
  const checkoutDeps: CheckoutDeps = {
    providers: buildPaymentProviders(config, { db: deps.database.db, ...(deps.paymentTest ? { test: deps.paymentTest } : {}) }),
    appSecret: config.appSecret,
    reservationMinutes: config.reservationMinutes,
    publicUrl: config.publicUrl,
  }
  app.decorate('checkoutDeps', checkoutDeps)
  registerAllJobs(config, checkoutDeps)

  registerRequestCtx(app, deps.database)
  registerSession(app, deps.database, config)
  // back-office sessions and the permission guard of every /admin route (before the routes exist)
  registerStaffSession(app, deps.database, config, renderDenied(asset))
  registerErrorHandling(app, errorPage)
  registerMetrics(app)
  registerHealth(app, deps.database)
  await registerRoutes(app, { config, database: deps.database, asset })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  return app
}
