import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { decideReturnByStaff, DecideReturnInput } from '../../flows/return-decide.ts'
import { receiveReturn } from '../../flows/return-receive.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { getReturn, listReturns, RETURN_STATUSES, type ReturnStatus, type ReturnView } from '../../modules/returns/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { ReturnDetailPage, ReturnListPage, type DecisionForm } from '../../web/admin/returns-desk-pages.tsx'
import { ReturnReceptionPage, WarehouseReturnListPage, type ReceiptForm } from '../../web/admin/returns-warehouse-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, parseForm, sendAdmin } from './admin-kit.ts'

const FLASH = {
  approved: 'Le retour est accepté : le client a reçu l’adresse de retour et le numéro à écrire sur le colis.',
  rejected: 'Le retour est refusé : le client a reçu votre note.',
  received: 'La réception est enregistrée et le client est remboursé des unités reçues (avoir émis).',
  refundPending: 'La réception est enregistrée et l’avoir émis ; le prestataire de paiement n’a pas encore confirmé le remboursement : il est retenté automatiquement.',
  duplicate: 'Ce retour était déjà réceptionné : rien n’a été enregistré deux fois.',
}
const idParams = z.object({ id: z.string().min(1).max(64) })
const StatusQuery = z.object({ statut: z.string().max(20).optional(), page: z.string().max(6).optional() })
const MAX_UNITS = 100_000

/** Returns: customer service decides (/admin/retours), the warehouse receives and refunds (/admin/entrepot/retours). */
export function registerReturnAdminRoutes(app: App, deps: RouteDeps): void {
  const returnOr404 = async (req: FastifyRequest, id: string): Promise<ReturnView> => {
    const ret = await getReturn(req.ctx, id)
    if (!ret) throw new AppError('NOT_FOUND', 'Ce retour n’existe pas.')
    return ret
  }

  app.get('/admin/retours', { config: { permission: 'returns.manage' }, schema: { hide: true, querystring: StatusQuery } }, async (req, reply) => {
    const raw = req.query.statut ?? 'requested'
    const status = (RETURN_STATUSES as readonly string[]).includes(raw) ? (raw as ReturnStatus) : null
    const pageNo = /^\d{1,5}$/.test(req.query.page ?? '') ? Math.max(1, Number(req.query.page)) : 1
    const page = await listReturns(req.ctx, { statuses: status ? [status] : [], page: pageNo })
    const state = { path: '/admin/retours', query: { statut: status ?? 'tous' } }
    return sendAdmin(reply, h(ReturnListPage, { view: adminView(req, reply, deps), page, status, state, flash: flashOf(req, FLASH) }))
  })

  const detail = async (req: FastifyRequest, reply: FastifyReply, ret: ReturnView, form?: DecisionForm, status = 200) =>
    sendAdmin(reply, h(ReturnDetailPage, { view: adminView(req, reply, deps), ret, form, flash: form ? null : flashOf(req, FLASH) }), status)

  app.get('/admin/retours/:id', { config: { permission: 'returns.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => detail(req, reply, await returnOr404(req, req.params.id)))

  app.post('/admin/retours/:id/decision', { config: { permission: 'returns.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const ret = await returnOr404(req, req.params.id)
    const body = formBody(req)
    const values = { decision: String(body.decision ?? '').slice(0, 20), note: String(body.note ?? '').slice(0, 4000) }
    const form = parseForm(DecideReturnInput, { returnId: ret.id, ...values })
    if (!form.ok) return detail(req, reply, ret, { errors: form.errors, values }, 400)
    const r = await decideReturnByStaff(req.ctx, req.server.checkoutDeps, form.data)
    if (!r.ok && r.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'Ce retour n’existe pas.')
    if (!r.ok) return detail(req, reply, await returnOr404(req, ret.id), { errors: {}, values, message: 'Un autre membre de l’équipe a déjà décidé de ce retour : sa décision est affichée ci-dessus.' }, 409)
    return reply.redirect(`/admin/retours/${ret.id}?ok=${r.status}`, 303)
  })

  app.get('/admin/entrepot/retours', { config: { permission: 'warehouse.operate' }, schema: { hide: true } }, async (req, reply) => {
    const page = await listReturns(req.ctx, { statuses: ['approved', 'received'], pageSize: 200 })
    return sendAdmin(reply, h(WarehouseReturnListPage, { view: adminView(req, reply, deps), page, state: { path: '/admin/entrepot/retours', query: {} }, flash: flashOf(req, FLASH) }))
  })

  const reception = async (req: FastifyRequest, reply: FastifyReply, ret: ReturnView, form?: ReceiptForm, status = 200) =>
    sendAdmin(reply, h(ReturnReceptionPage, { view: adminView(req, reply, deps), ret, today: isoDay(req.ctx.now), form, flash: form ? null : flashOf(req, FLASH) }), status)

  app.get('/admin/entrepot/retours/:id/reception', { config: { permission: 'warehouse.operate' }, schema: { hide: true, params: idParams } }, async (req, reply) => reception(req, reply, await returnOr404(req, req.params.id)))

  app.post('/admin/entrepot/retours/:id/reception', { config: { permission: 'warehouse.operate' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const ret = await returnOr404(req, req.params.id)
    const body = formBody(req)
    const values: Record<string, string> = { refundShipping: body.refundShipping === 'on' ? 'on' : '' }
    const units = (name: string): number => {
      const v = String(body[name] ?? '').trim()
      values[name] = v.slice(0, 12)
      return v === '' ? 0 : /^\d{1,6}$/.test(v) && Number(v) <= MAX_UNITS ? Number(v) : Number.NaN
    }
    const lines = ret.lines.map((l) => ({ orderLineId: l.orderLineId, restocked: units(`restock_${l.orderLineId}`), writtenOff: units(`writeoff_${l.orderLineId}`) }))
    const r = await receiveReturn(req.ctx, req.server.checkoutDeps, { returnId: ret.id, lines, refundShipping: values.refundShipping === 'on' })
    if (!r.ok) {
      if (r.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'Ce retour n’existe pas.')
      if (r.code === 'NOT_RECEIVABLE') return reception(req, reply, ret, { errors: {}, values, message: r.status === 'requested' ? 'Ce retour n’est pas encore accepté par le service client.' : 'Ce retour est refusé : il ne se réceptionne pas.' }, 409)
      const { form, ...fields } = r.errors as FormErrors
      return reception(req, reply, ret, { errors: fields, values, message: form ?? null }, 400)
    }
    if (!r.refund.ok) return reception(req, reply, (await getReturn(req.ctx, ret.id))!, { errors: {}, values, message: `La réception est enregistrée, mais le remboursement n’a pas abouti : ${r.refund.message}` }, 409)
    const ok = r.duplicate && !r.refund.creditNoteNumber ? 'duplicate' : r.refund.pending ? 'refundPending' : 'received'
    return reply.redirect(`/admin/entrepot/retours/${ret.id}/reception?ok=${ok}`, 303)
  })
}
