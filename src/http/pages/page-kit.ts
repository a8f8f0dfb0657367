import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JSX } from 'preact'
import type { Locale } from '../../kernel/ctx.ts'
import { pageContext, type PageContext } from '../../web/storefront/page-context.ts'
import { renderDocument } from '../../web/storefront/render.ts'
import type { RouteDeps } from '../routes.ts'

/** The view context of a page request: language and market from req.ctx, its path and its alternates. */
export function viewCtx(req: FastifyRequest, deps: RouteDeps, alternates: Partial<Record<Locale, string>>): PageContext {
  const path = req.url.split('?')[0] ?? req.url
  return pageContext({ locale: req.ctx.locale, market: req.ctx.market, publicUrl: deps.config.publicUrl, path, url: req.url, alternates, asset: deps.asset })
}

/**
 * Sends a rendered page. Pages vary by the market cookie (prices), so shared caches must not
 * keep them; the browser may reuse one for a minute.
 */
export function sendPage(reply: FastifyReply, vnode: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'private, max-age=60').header('vary', 'cookie').send(renderDocument(vnode))
}
