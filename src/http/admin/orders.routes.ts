import { h } from 'preact'
import { z } from 'zod'
import { cancelOrderByStaff, CancelOrderInput } from '../../flows/cancel-order-by-staff.ts'
import { refundOrderByStaff, RefundOrderInput } from '../../flows/refund-order.ts'
import { resendOrderEmail, ResendOrderEmailInput } from '../../flows/resend-order-email.ts'
import { AppError } from '../../kernel/errors.ts'
import { OrderSearchInput, searchOrders } from '../../modules/orders/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import type { OrderForms } from '../../web/admin/order-actions.tsx'
import { OrderDetailPage } from '../../web/admin/order-detail-page.tsx'
import { OrderListPage } from '../../web/admin/order-list-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, parseForm, sendAdmin } from './admin-kit.ts'
import { loadOrderDesk, refundInputFromForm, typedValues } from './order-desk-data.ts'

const FLASH = {
  refunded: 'Le remboursement est effectué sur le moyen de paiement d’origine, et son avoir émis.',
  refundPending: 'L’avoir est émis ; le prestataire de paiement n’a pas encore confirmé le remboursement : il est retenté automatiquement.',
  duplicate: 'Ce remboursement était déjà enregistré : rien n’a été remboursé deux fois.',
  cancelled: 'La commande est annulée.',
  resent: 'L’e-mail est renvoyé.',
  alreadyResent: 'Cet e-mail était déjà renvoyé : une seule copie part.',
}
const orderParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/) })

/** The list's query string (French names) → the order search; its errors back under those names. */
const QUERY_NAMES = { q: 'q', statuses: 'statut', from: 'du', to: 'au', market: 'marche', paymentMethod: 'paiement', sort: 'sort', dir: 'dir', page: 'page', timeZone: 'q', pageSize: 'page' } as const
const QUERY_MESSAGES: Record<string, string> = {
  q: 'Tapez un numéro de commande, une adresse e-mail ou un nom (120 caractères au plus).',
  statut: 'Choisissez un statut de la liste.',
  du: 'Indiquez une date valide, antérieure à la date de fin.',
  au: 'Indiquez une date valide.',
  marche: 'Choisissez un marché de la liste.',
  paiement: 'Choisissez un moyen de paiement de la liste.',
}

/** Form field names of the order page's forms (two forms have a reason: their fields differ). */
const renamed = (errors: FormErrors, names: Record<string, string>): FormErrors => Object.fromEntries(Object.entries(errors).map(([k, v]) => [names[k] ?? k, v]))

/** The order desk: search, one order, and the agent's actions (cancel, refund, resend an e-mail). */
export function registerOrderAdminRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin/commandes', { config: { permission: 'orders.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
    const input = { q: raw.q, statuses: raw.statut, from: raw.du, to: raw.au, market: raw.marche, paymentMethod: raw.paiement, sort: raw.sort, dir: raw.dir, page: raw.page }
    const parsed = OrderSearchInput.safeParse(input)
    const state = { path: '/admin/commandes', query: raw, sort: parsed.success ? parsed.data.sort : 'placed_at', dir: parsed.success ? parsed.data.dir : ('desc' as const) }
    if (!parsed.success) {
      const errors: FormErrors = {}
      for (const i of parsed.error.issues) {
        const field = QUERY_NAMES[String(i.path[0]) as keyof typeof QUERY_NAMES] ?? 'q'
        errors[field] ??= QUERY_MESSAGES[field] ?? 'Ce filtre n’est pas valide.'
      }
      return sendAdmin(reply, h(OrderListPage, { view: adminView(req, reply, deps), result: { rows: [], total: 0, totalCapped: false, hasMore: false, page: 1, pageSize: 50 }, state, errors }), 400)
    }
    const result = await searchOrders(req.ctx, input)
    return sendAdmin(reply, h(OrderListPage, { view: adminView(req, reply, deps), result, state }))
  })

  const detail = async (req: Parameters<typeof adminView>[0], reply: Parameters<typeof adminView>[1], id: string, forms?: OrderForms, status = 200) => {
    const desk = await loadOrderDesk(req.ctx, id)
    if (!desk) throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
    return sendAdmin(reply, h(OrderDetailPage, { view: adminView(req, reply, deps), desk, forms, flash: forms ? null : flashOf(req, FLASH) }), status)
  }

  app.get('/admin/commandes/:id', { config: { permission: 'orders.read' }, schema: { hide: true, params: orderParams } }, async (req, reply) => detail(req, reply, req.params.id))

  app.post('/admin/commandes/:id/remboursement', { config: { permission: 'orders.refund' }, schema: { hide: true, params: orderParams } }, async (req, reply) => {
    const desk = await loadOrderDesk(req.ctx, req.params.id)
    if (!desk) throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
    const body = formBody(req)
    const values = typedValues(body)
    const again = (errors: FormErrors, message: string | null, status: number) => {
      const { requestKey, ...fields } = renamed(errors, { reason: 'refundReason' })
      return detail(req, reply, desk.order.id, { refund: { errors: fields, values, message: message ?? requestKey ?? null } }, status)
    }
    const form = parseForm(RefundOrderInput, refundInputFromForm(desk.order, body))
    if (!form.ok) return again(form.errors, null, 400)
    const r = await refundOrderByStaff(req.ctx, req.server.checkoutDeps, form.data)
    if (!r.ok) {
      if (r.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
      if (r.code === 'ORDER_NOT_REFUNDABLE') return again({}, r.message, 409)
      return again({ [r.field]: r.message }, null, 409)
    }
    const ok = r.duplicate ? 'duplicate' : r.refund === 'failed' ? 'refundPending' : 'refunded'
    return reply.redirect(`/admin/commandes/${desk.order.id}?ok=${ok}#paiements`, 303)
  })

  app.post('/admin/commandes/:id/annulation', { config: { permission: 'orders.cancel' }, schema: { hide: true, params: orderParams } }, async (req, reply) => {
    const body = formBody(req)
    const form = parseForm(CancelOrderInput, { orderId: req.params.id, reason: String(body.cancelReason ?? '') })
    if (!form.ok) return detail(req, reply, req.params.id, { cancel: { errors: renamed(form.errors, { reason: 'cancelReason' }), values: typedValues(body) } }, 400)
    const r = await cancelOrderByStaff(req.ctx, req.server.checkoutDeps, form.data)
    if (!r.ok && r.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
    // the same form sent twice: the first one cancelled it
    if (!r.ok && r.status !== 'cancelled') {
      return detail(req, reply, req.params.id, { cancel: { errors: {}, values: typedValues(body), message: 'La commande est déjà emballée ou expédiée : elle ne peut plus être annulée.' } }, 409)
    }
    return reply.redirect(`/admin/commandes/${req.params.id}?ok=cancelled`, 303)
  })

  app.post('/admin/commandes/:id/emails', { config: { permission: 'orders.resend_email' }, schema: { hide: true, params: orderParams } }, async (req, reply) => {
    const body = formBody(req)
    const emailId = String(body.emailId ?? '').slice(0, 64)
    const form = parseForm(ResendOrderEmailInput, { orderId: req.params.id, emailId, n: body.n === undefined ? undefined : String(body.n), reason: String(body.reason ?? '') })
    if (!form.ok) {
      const errors = form.errors.reason ? { reason: form.errors.reason } : { reason: 'Ce formulaire a expiré : rechargez la page.' }
      return detail(req, reply, req.params.id, { resend: { emailId, errors, values: typedValues(body) } }, 400)
    }
    const r = await resendOrderEmail(req.ctx, form.data)
    if (!r.ok) throw new AppError('NOT_FOUND', 'Cet e-mail ne concerne pas cette commande.')
    return reply.redirect(`/admin/commandes/${req.params.id}?ok=${r.queued ? 'resent' : 'alreadyResent'}#emails`, 303)
  })
}
