import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JSX } from 'preact'
import { AppError } from '../../kernel/errors.ts'
import type { PortalView } from '../../web/portal/layout.tsx'
import { renderDocument } from '../../web/storefront/render.ts'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'

/** The view context of a portal page (behind the guard: a portal session exists). */
export function portalView(req: FastifyRequest, reply: FastifyReply, deps: Pick<RouteDeps, 'asset'>): PortalView {
  const s = req.producerSession!
  return { user: { name: s.user.name, email: s.user.email }, producer: { name: s.producer.name, code: s.producer.code }, path: req.url.split('?')[0] ?? req.url, csrf: csrfToken(req, reply), asset: deps.asset }
}

/** Sends a portal page (never cached). */
export function sendPortal(reply: FastifyReply, vnode: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode))
}

/** The one answer for a record that is missing or another producer's. */
export const notFound = (what = 'Cette page'): AppError => new AppError('NOT_FOUND', `${what} n’existe pas.`)

/** A PDF download, never cached. */
export function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer): FastifyReply {
  return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`).send(pdf)
}
