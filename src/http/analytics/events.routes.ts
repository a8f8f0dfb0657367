import { AppError } from '../../kernel/errors.ts'
import type { Logger } from '../../kernel/log.ts'
import {
  Beacon, CONSENT_COOKIE, createEventQueue, createRateLimiter, deviceOf, eventRows, isBotAgent,
  MAX_BEACON_BYTES, resolveSessionId, resolveVisitor, VISITOR_COOKIE, withOrderValues, type EventQueue,
} from '../../modules/analytics/index.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** the collector's write buffer of this app (tests flush it) */
    eventQueue: EventQueue
  }
}

export const EVENTS_PER_MINUTE = 120

/**
 * POST /api/events: the first-party collector. Takes JSON or the text/plain body of
 * navigator.sendBeacon, at most 8 KB and 20 events; answers 202 at once and writes in batches
 * (event-queue.ts). Bots are answered the same and dropped. The address only feeds the daily
 * pseudonym and the rate limit: it is never stored.
 */
export function registerEventsRoute(app: App, deps: RouteDeps, opts: { log?: Logger | undefined } = {}): void {
  const queue = createEventQueue(deps.database.db, { log: opts.log })
  const limiter = createRateLimiter(EVENTS_PER_MINUTE)
  app.decorate('eventQueue', queue)
  app.addHook('onClose', async () => queue.close())
  const ownHosts = new Set([new URL(deps.config.publicUrl).hostname.toLowerCase()])

  app.post('/api/events', { bodyLimit: MAX_BEACON_BYTES, schema: { hide: true } }, async (req, reply) => {
    reply.header('cache-control', 'no-store')
    const ua = req.headers['user-agent']
    if (isBotAgent(ua)) return reply.code(202).send({ accepted: 0 })
    let raw: unknown = req.body
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw)
      } catch {
        throw new AppError('VALIDATION_FAILED', 'Le corps doit être du JSON.')
      }
    }
    const parsed = Beacon.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new AppError('VALIDATION_FAILED', `Événements refusés : ${issue?.path.join('.') || 'corps'} ${issue?.message ?? ''}`.trim())
    }
    const now = new Date()
    const { visitorId, consent } = await resolveVisitor(deps.database.db, { consentCookie: req.cookies?.[CONSENT_COOKIE], visitorCookie: req.cookies?.[VISITOR_COOKIE], ip: req.ip, userAgent: ua }, now)
    // per consented visitor, else per full address and agent (in memory only: never stored)
    if (!limiter.take(consent ? visitorId : `${req.ip}|${ua}`, parsed.data.events.length)) throw new AppError('RATE_LIMITED', 'Trop d’événements : réessayez dans une minute.')
    const sessionId = resolveSessionId(parsed.data.sid, visitorId, now)
    const host = req.hostname.toLowerCase().replace(/:\d+$/, '')
    let rows = eventRows(parsed.data, {
      now, visitorId, sessionId, consent, device: deviceOf(ua), market: req.ctx.market, locale: req.ctx.locale,
      ownHosts: ownHosts.has(host) ? ownHosts : new Set([...ownHosts, host]),
    })
    if (rows.some((r) => r.type === 'order')) rows = await withOrderValues(req.ctx, rows)
    queue.push(rows)
    return reply.code(202).send({ accepted: rows.length })
  })
}
