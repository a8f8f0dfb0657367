import type { App } from '../types.ts'
import type { FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, DEFAULT_MARKET, LOCALES, type Ctx, type Locale } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx
  }
}

export const MARKET_COOKIE = 'lakou_market'
export const MARKETS = ['FR-MAINLAND', 'GP'] as const

/** Language of a request: the /fr/ or /en/ prefix, else ?locale=, else Accept-Language, else French. */
export function localeOf(req: FastifyRequest): Locale {
  const prefix = req.url.slice(1, 3)
  if ((req.url[3] === '/' || req.url.length === 3 || req.url[3] === '?') && LOCALES.includes(prefix as Locale)) return prefix as Locale
  const q = (req.query as Record<string, unknown> | undefined)?.locale
  if (typeof q === 'string' && LOCALES.includes(q as Locale)) return q as Locale
  return preferredLocale(req.headers['accept-language'])
}

export function preferredLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { lang: (tag ?? '').slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .sort((a, b) => b.q - a.q)
  return (ranked.find((r) => LOCALES.includes(r.lang as Locale))?.lang as Locale | undefined) ?? DEFAULT_LOCALE
}

/** Builds `req.ctx` for every request: database, anonymous actor, locale, market, clock, request id. */
export function registerRequestCtx(app: App, database: Database): void {
  app.decorateRequest('ctx', null as unknown as Ctx)
  app.addHook('preHandler', async (req) => {
    const cookie = req.cookies?.[MARKET_COOKIE]
    const market = MARKETS.includes(cookie as (typeof MARKETS)[number]) ? (cookie as string) : DEFAULT_MARKET
    req.ctx = { db: database.db, actor: { kind: 'anonymous' }, locale: localeOf(req), market, currency: 'EUR', now: new Date(), requestId: String(req.id) }
  })
}
