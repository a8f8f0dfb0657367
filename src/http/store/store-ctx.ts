import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_LOCALE, type Ctx } from '../../kernel/ctx.ts'

/**
 * The Ctx of a Store API request. The API does not guess the language from Accept-Language as
 * pages do: a JSON client gets French unless it asks, so cached answers do not vary by header.
 */
export function storeCtx(req: FastifyRequest, query: { locale?: 'fr' | 'en' | undefined; market?: string | undefined }): Ctx {
  return { ...req.ctx, locale: query.locale ?? DEFAULT_LOCALE, market: query.market ?? req.ctx.market }
}

/**
 * Store API answers may be cached by browsers and CDNs for a minute (stock and prices move slowly).
 * They vary with the market cookie when ?market= is absent, so shared caches must key on it.
 */
export function cacheForAMinute(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'public, max-age=60').header('vary', 'Cookie')
}

