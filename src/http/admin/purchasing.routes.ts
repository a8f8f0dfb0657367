import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { listWarehouses } from '../../modules/inventory/index.ts'
import { listProducerRefs } from '../../modules/producers/index.ts'
import {
  cancelPurchaseOrder, closePurchaseOrder, getGoodsReceipt, getPurchaseOrder, listGoodsReceipts, listPurchaseOrders, proposePurchaseLines,
  recordGoodsReceipt, renderPurchaseOrderPdf, savePurchaseOrder, sendPurchaseOrder, type Proposal,
} from '../../modules/purchasing/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { PurchaseOrderListPage, ReceiptListPage } from '../../web/admin/purchasing-list-pages.tsx'
import { NewPurchaseOrderPage, type PoFormValues } from '../../web/admin/purchasing-new-page.tsx'
import { PurchaseOrderPage } from '../../web/admin/purchasing-order-page.tsx'
import { ReceiptDetailPage, ReceiptFormPage, type ReceiptFormValues } from '../../web/admin/purchasing-receipt-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, sendAdmin } from './admin-kit.ts'
import { centsOf, str, versionOf, type Body } from './catalog-forms.ts'

const FLASH = { created: 'Le brouillon est créé.', saved: 'Le brouillon est enregistré.', envoi: 'Le bon de commande est envoyé au producteur.', annulation: 'Le bon de commande est annulé.', cloture: 'Le bon de commande est clos.', recorded: 'La réception est enregistrée : les unités acceptées sont en stock.' }
const idParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/) })
const FORM_NAMES: Record<string, string> = { producerId: 'producteur', warehouseCode: 'entrepot', coverWeeks: 'couverture', leadWeeks: 'delai', status: 'statut', page: 'page' }

const q = (req: FastifyRequest): Record<string, string> => Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
/** '' → fallback; digits → number; anything else → NaN (the schema refuses it with its message). */
const intOf = (s: string | undefined, fallback: number): number => (s === undefined || s.trim() === '' ? fallback : /^-?\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN)

/** Field errors of a refused use case, renamed for the form; line indexes mapped back to form rows. */
function formErrors(err: unknown, rowOf: (i: number) => number = (i) => i): FormErrors | null {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') return null
  const errors: FormErrors = {}
  for (const d of Array.isArray(err.details) ? (err.details as { path?: string; message?: string }[]) : []) {
    if (typeof d.path !== 'string' || typeof d.message !== 'string') continue
    const m = /^lines\.(\d+)\.(\w+)$/.exec(d.path)
    const key = m ? `lines.${rowOf(Number(m[1]))}.${m[2]}` : (FORM_NAMES[d.path] ?? d.path) || 'form'
    errors[key] ??= d.message
  }
  if (!Object.keys(errors).length) errors.form = err.message
  return errors
}

/** Purchase-order form rows → input lines (blank or 0 quantity: not ordered) and the row of each line. */
function poLinesOf(b: Body) {
  const ids = many(b.variantId)
  const qty = many(b.quantity)
  const cost = many(b.unitCost)
  const rows = ids.map((variantId, i) => ({ i, variantId, quantity: intOf(qty[i], 0), unitCost: centsOf(cost[i] ?? '') ?? 0 })).filter((r) => r.quantity !== 0)
  return { lines: rows.map(({ i: _i, ...l }) => l), rowOf: (k: number) => rows[k]?.i ?? k, values: { quantity: qty, unitCost: cost, expectedOn: str(b, 'expectedOn'), note: str(b, 'note') } }
}

/** Purchasing: purchase orders (list, new from suggestions, draft editing, send, cancel, close, PDF) and goods receipts. */
export function registerPurchasingRoutes(app: App, deps: RouteDeps): void {
  const choices = async (req: FastifyRequest) => ({
    producers: (await listProducerRefs(req.ctx)).filter((p) => p.kind === 'producer').map((p) => ({ value: p.id, label: p.tradeName })),
    warehouses: (await listWarehouses(req.ctx)).map((w) => ({ value: w.code, label: `${w.name} (${w.code})` })),
  })
  const poOr404 = async (req: FastifyRequest, id: string) => {
    const po = await getPurchaseOrder(req.ctx, id)
    if (!po) throw new AppError('NOT_FOUND', 'Ce bon de commande n’existe pas.')
    return po
  }
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: PoFormValues; errors?: FormErrors; message?: string } = {}, status = 200) =>
    sendAdmin(reply, h(PurchaseOrderPage, { view: adminView(req, reply, deps), po: await poOr404(req, id), ...extra, flash: status === 200 ? flashOf(req, FLASH) : null }), status)

  app.get('/admin/achats', { config: { permission: 'supply.read' }, schema: { hide: true } }, async (req, reply) => {
    const query = q(req)
    const state = { path: '/admin/achats', query }
    try {
      const result = await listPurchaseOrders(req.ctx, { producerId: query.producteur, status: query.statut, warehouseCode: query.entrepot, page: query.page })
      return sendAdmin(reply, h(PurchaseOrderListPage, { view: adminView(req, reply, deps), ...result, state, ...(await choices(req)), flash: flashOf(req, FLASH) }))
    } catch (err) {
      const errors = formErrors(err)
      if (!errors) throw err
      return sendAdmin(reply, h(PurchaseOrderListPage, { view: adminView(req, reply, deps), rows: [], total: 0, page: 1, pageSize: 50, state, ...(await choices(req)), errors }), 400)
    }
  })

  const newPage = async (req: FastifyRequest, reply: FastifyReply, values: PoFormValues, extra: { errors?: FormErrors; message?: string } = {}, status = 200) => {
    let proposal: Proposal | null = null
    let pickErrors: FormErrors | undefined
    if (values.producteur || values.entrepot) {
      try {
        proposal = await proposePurchaseLines(req.ctx, { producerId: values.producteur ?? '', warehouseCode: values.entrepot ?? '', coverWeeks: intOf(values.couverture, 6), leadWeeks: intOf(values.delai, 2) })
      } catch (err) {
        pickErrors = formErrors(err) ?? undefined
        if (!pickErrors) throw err
        status = 400
      }
    }
    return sendAdmin(reply, h(NewPurchaseOrderPage, { view: adminView(req, reply, deps), ...(await choices(req)), proposal, values, pickErrors, ...extra }), status)
  }
  app.get('/admin/achats/nouveau', { config: { permission: 'purchasing.manage' }, schema: { hide: true } }, async (req, reply) => {
    const query = q(req)
    return newPage(req, reply, { producteur: query.producteur, entrepot: query.entrepot, couverture: query.couverture, delai: query.delai })
  })
  app.post('/admin/achats', { config: { permission: 'purchasing.manage' }, schema: { hide: true } }, async (req, reply) => {
    const b = formBody(req)
    const form = poLinesOf(b)
    const values = { producteur: str(b, 'producteur'), entrepot: str(b, 'entrepot'), couverture: str(b, 'couverture'), delai: str(b, 'delai'), ...form.values }
    try {
      const saved = await savePurchaseOrder(req.ctx, { producerId: values.producteur, warehouseCode: values.entrepot, expectedOn: values.expectedOn, note: values.note, lines: form.lines })
      return reply.redirect(`/admin/achats/${saved.purchaseOrderId}?ok=created`, 303)
    } catch (err) {
      const errors = formErrors(err, form.rowOf)
      if (!errors) throw err
      return newPage(req, reply, values, { errors }, 400)
    }
  })

  app.get('/admin/achats/:id.pdf', { config: { permission: 'supply.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const pdf = await renderPurchaseOrderPdf(req.ctx, req.params.id)
    if (!pdf) throw new AppError('NOT_FOUND', 'Ce bon de commande n’existe pas.')
    const po = await poOr404(req, req.params.id)
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${po.number}.pdf"`).header('cache-control', 'no-store').send(pdf)
  })
  app.get('/admin/achats/:id', { config: { permission: 'supply.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => detail(req, reply, req.params.id))
  app.post('/admin/achats/:id', { config: { permission: 'purchasing.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const po = await poOr404(req, req.params.id)
    const b = formBody(req)
    const form = poLinesOf(b)
    try {
      await savePurchaseOrder(req.ctx, { purchaseOrderId: po.id, expectedVersion: versionOf(b), producerId: po.producer.id, warehouseCode: po.warehouse.code, expectedOn: form.values.expectedOn, note: form.values.note, lines: form.lines })
      return reply.redirect(`/admin/achats/${po.id}?ok=saved`, 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return detail(req, reply, po.id, { values: form.values, message: `${err.message} Rien n’a été enregistré.` }, 409)
      const errors = formErrors(err, form.rowOf)
      if (!errors) throw err
      return detail(req, reply, po.id, { values: form.values, errors }, 400)
    }
  })
  for (const action of ['envoi', 'annulation', 'cloture'] as const) {
    app.post(`/admin/achats/:id/${action}`, { config: { permission: 'purchasing.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
      const po = await poOr404(req, req.params.id)
      const version = versionOf(formBody(req))
      const input = { purchaseOrderId: po.id, ...(Number.isNaN(version) ? {} : { expectedVersion: version }) }
      try {
        if (action === 'envoi') await sendPurchaseOrder(req.ctx, { ...input, publicUrl: deps.config.publicUrl })
        else if (action === 'annulation') await cancelPurchaseOrder(req.ctx, input)
        else await closePurchaseOrder(req.ctx, input)
        return reply.redirect(`/admin/achats/${po.id}?ok=${action}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || !['CONFLICT', 'VALIDATION_FAILED'].includes(err.code)) throw err
        return detail(req, reply, po.id, { message: err.message }, err.status)
      }
    })
  }

  const receiptForm = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: ReceiptFormValues; errors?: FormErrors; message?: string } = {}, status = 200) => {
    const po = await poOr404(req, id)
    if (!po.can.receive && status === 200) extra = { ...extra, message: 'Ce bon de commande ne peut rien recevoir dans son état actuel.' }
    return sendAdmin(reply, h(ReceiptFormPage, { view: adminView(req, reply, deps), po, today: isoDay(req.ctx.now), ...extra }), status)
  }
  app.get('/admin/achats/:id/reception', { config: { permission: 'receiving.record' }, schema: { hide: true, params: idParams } }, async (req, reply) => receiptForm(req, reply, req.params.id))
  app.post('/admin/achats/:id/reception', { config: { permission: 'receiving.record' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const po = await poOr404(req, req.params.id)
    const b = formBody(req)
    const fields = ['lotCode', 'producedOn', 'bestBefore', 'accepted', 'damaged', 'refused', 'discrepancyNote'] as const
    const rows = Object.fromEntries([['line', many(b.line)], ...fields.map((f) => [f, many(b[f])])]) as Record<string, string[]>
    const values = { receivedOn: str(b, 'receivedOn'), note: str(b, 'note'), rows }
    const lines = rows.line!.map((purchaseOrderLineId, i) => ({
      purchaseOrderLineId, lotCode: rows.lotCode![i] ?? '', producedOn: rows.producedOn![i], bestBefore: rows.bestBefore![i],
      accepted: intOf(rows.accepted![i], 0), damaged: intOf(rows.damaged![i], 0), refused: intOf(rows.refused![i], 0), discrepancyNote: rows.discrepancyNote![i],
    }))
    try {
      const r = await recordGoodsReceipt(req.ctx, { purchaseOrderId: po.id, receivedOn: values.receivedOn, note: values.note, lines })
      return reply.redirect(`/admin/receptions/${r.receiptId}?ok=recorded`, 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return receiptForm(req, reply, po.id, { values, message: `${err.message} Rien n’a été enregistré.` }, 409)
      const errors = formErrors(err)
      if (!errors) throw err
      return receiptForm(req, reply, po.id, { values, errors, message: 'Rien n’a été enregistré.' }, 400)
    }
  })

  app.get('/admin/receptions', { config: { permission: 'supply.read' }, schema: { hide: true } }, async (req, reply) => {
    const query = q(req)
    const result = await listGoodsReceipts(req.ctx, { page: intOf(query.page, 1) })
    return sendAdmin(reply, h(ReceiptListPage, { view: adminView(req, reply, deps), ...result, state: { path: '/admin/receptions', query } }))
  })
  app.get('/admin/receptions/:id', { config: { permission: 'supply.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const receipt = await getGoodsReceipt(req.ctx, req.params.id)
    if (!receipt) throw new AppError('NOT_FOUND', 'Cette réception n’existe pas.')
    return sendAdmin(reply, h(ReceiptDetailPage, { view: adminView(req, reply, deps), receipt, flash: flashOf(req, FLASH) }))
  })
}
