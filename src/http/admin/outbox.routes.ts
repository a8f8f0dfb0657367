import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { getOutboxEmail, listOutboxPage, OutboxListInput } from '../../modules/notifications/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { OutboxEmailPage, OutboxListPage } from '../../web/admin/outbox-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, sendAdmin } from './admin-kit.ts'

const emailParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/) })
const NAMES: Record<string, string> = { status: 'statut', template: 'modele', q: 'q', page: 'q', pageSize: 'q' }
const MESSAGES: Record<string, string> = { statut: 'Choisissez un état de la liste.', modele: 'Choisissez un modèle de la liste.', q: 'Tapez une partie de l’adresse ou du sujet (120 caractères au plus).' }

/**
 * The e-mail's own HTML, for the sandboxed frame of its page only: no script, no request out
 * but pictures, no form, framed by our pages only; `sandbox` gives it an opaque origin even
 * when opened directly, so it can never act as the back office.
 */
const PREVIEW_CSP = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox"

/** The outbox (outbox.read): what was sent or would have been sent, and each e-mail as rendered. */
export function registerOutboxAdminRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin/emails', { config: { permission: 'outbox.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
    const parsed = OutboxListInput.safeParse({ status: raw.statut, template: raw.modele, q: raw.q, page: raw.page })
    const state = { path: '/admin/emails', query: raw }
    if (!parsed.success) {
      const errors: FormErrors = {}
      for (const i of parsed.error.issues) {
        const field = NAMES[String(i.path[0])] ?? 'q'
        errors[field] ??= MESSAGES[field]
      }
      return sendAdmin(reply, h(OutboxListPage, { view: adminView(req, reply, deps), result: { rows: [], total: 0, totalCapped: false, page: 1, pageSize: 50 }, state, errors }), 400)
    }
    return sendAdmin(reply, h(OutboxListPage, { view: adminView(req, reply, deps), result: await listOutboxPage(req.ctx, parsed.data), state }))
  })

  app.get('/admin/emails/:id', { config: { permission: 'outbox.read' }, schema: { hide: true, params: emailParams } }, async (req, reply) => {
    const email = await getOutboxEmail(req.ctx, req.params.id).catch(notFoundAsNull)
    if (!email) throw new AppError('NOT_FOUND', 'Cet e-mail n’existe pas.')
    return sendAdmin(reply, h(OutboxEmailPage, { view: adminView(req, reply, deps), email }))
  })

  app.get('/admin/emails/:id/apercu', { config: { permission: 'outbox.read' }, schema: { hide: true, params: emailParams } }, async (req, reply) => {
    const email = await getOutboxEmail(req.ctx, req.params.id).catch(notFoundAsNull)
    if (!email?.html) throw new AppError('NOT_FOUND', 'Cet e-mail n’a pas encore de version HTML.')
    reply.removeHeader('x-frame-options')
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PREVIEW_CSP).header('x-content-type-options', 'nosniff').send(email.html)
  })
}

function notFoundAsNull(err: unknown): null {
  if (err instanceof AppError && err.code === 'NOT_FOUND') return null
  throw err
}
