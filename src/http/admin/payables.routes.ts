import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import * as payables from '../../modules/payables/index.ts'
import { listProducerRefs } from '../../modules/producers/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { PayablesInvoiceFormPage, type InvoiceFormValues } from '../../web/admin/payables-invoice-form-page.tsx'
import { PayablesInvoiceListPage } from '../../web/admin/payables-invoice-list-page.tsx'
import { PayablesInvoicePage, type InvoiceForms } from '../../web/admin/payables-invoice-page.tsx'
import { decimalInput } from '../../web/admin/payables-labels.ts'
import { PayablesRunPage, PayablesRunsPage } from '../../web/admin/payables-run-pages.tsx'
import { PayablesSchedulePage } from '../../web/admin/payables-schedule-page.tsx'
import { PayablesStatementsPage } from '../../web/admin/payables-statement-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, sendAdmin } from './admin-kit.ts'

const FLASH = {
  recorded: 'La facture est enregistrée.', disputed: 'La facture est enregistrée en litige : elle ne correspond pas à la commande ou aux réceptions.',
  approved: 'La facture est approuvée pour paiement.', cancelled: 'La facture est annulée.', paid: 'Le paiement est enregistré.',
  prepared: 'La campagne est créée en brouillon.', executed: 'La campagne est exécutée : les paiements sont enregistrés.', already: 'Cette campagne était déjà exécutée : rien n’a été payé deux fois.',
  issued: 'Les relevés du mois sont établis.',
}
const idParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/) })
const MAX_LINES = 200
const str = (b: Record<string, unknown>, k: string): string => (typeof b[k] === 'string' ? (b[k] as string) : '')
const query = (req: FastifyRequest) => Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>

/** An AppError carrying field errors (use cases of payables) → form errors, renamed; null for any other error. */
function fieldErrors(err: unknown, rename: (path: string) => string = (p) => p): { errors: FormErrors; status: number } | null {
  if (!(err instanceof AppError) || (err.code !== 'VALIDATION_FAILED' && err.code !== 'CONFLICT')) return null
  const errors: FormErrors = {}
  for (const d of Array.isArray(err.details) ? (err.details as { path?: string; message?: string }[]) : []) if (d.path && d.message) errors[rename(d.path)] ??= d.message
  if (!Object.keys(errors).length) errors.form = err.message
  return { errors, status: err.status }
}

/** The invoice form's lines (l<i>_<field>), blank rows left out; `index` maps input lines back to form rows. */
function linesOf(body: Record<string, unknown>) {
  const count = Math.min(Math.max(Number(str(body, 'lineCount')) || 0, 0), MAX_LINES)
  const index: number[] = []
  const lines = []
  for (let i = 0; i < count; i++) {
    const f = (k: string) => str(body, `l${i}_${k}`)
    if (![f('description'), f('quantity'), f('unitCost'), f('vatRate')].some((x) => x.trim() !== '')) continue
    index.push(i)
    lines.push({ purchaseOrderLineId: f('poLine') || null, description: f('description'), quantity: f('quantity').trim() || 'x', unitCost: f('unitCost'), vatRateBp: f('vatRate') })
  }
  return { lines, index, count }
}
const LINE_FIELD: Record<string, string> = { description: 'description', quantity: 'quantity', unitCost: 'unitCost', vatRateBp: 'vatRate', purchaseOrderLineId: 'description' }

/** Supplier invoices, the payables schedule, payment runs and consignment statements (issue 6). */
export function registerPayablesAdminRoutes(app: App, deps: RouteDeps): void {
  const producers = async (req: FastifyRequest) => (await listProducerRefs(req.ctx)).filter((p) => p.kind === 'producer')

  app.get('/admin/fournisseurs/factures', { config: { permission: 'payables.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = query(req)
    const state = { path: '/admin/fournisseurs/factures', query: raw }
    const parsed = payables.InvoiceListInput.safeParse({ producerId: raw.producteur, status: raw.statut, matchStatus: raw.rapprochement, overdue: raw.retard, page: raw.page })
    const view = { view: adminView(req, reply, deps), state, producers: await producers(req), flash: flashOf(req, FLASH) }
    if (!parsed.success) {
      const names: Record<string, string> = { producerId: 'producteur', status: 'statut', matchStatus: 'rapprochement', overdue: 'retard', page: 'page' }
      const errors: FormErrors = {}
      for (const i of parsed.error.issues) errors[names[String(i.path[0])] ?? 'form'] ??= i.message.startsWith('Choisissez') ? i.message : 'Ce filtre n’est pas valide.'
      return sendAdmin(reply, h(PayablesInvoiceListPage, { ...view, result: { rows: [], total: 0, page: 1, pageSize: 50 }, errors }), 400)
    }
    return sendAdmin(reply, h(PayablesInvoiceListPage, { ...view, result: await payables.listSupplierInvoices(req.ctx, parsed.data) }))
  })

  const invoiceForm = async (req: FastifyRequest, reply: FastifyReply, values: InvoiceFormValues, lineCount: number, errors?: FormErrors, status = 200) => {
    const orders = values.producerId ? await payables.listInvoiceablePurchaseOrders(req.ctx, values.producerId) : []
    return sendAdmin(reply, h(PayablesInvoiceFormPage, { view: adminView(req, reply, deps), producers: await producers(req), orders, values, lineCount, errors, message: errors?.form ?? null }), status)
  }

  app.get('/admin/fournisseurs/factures/nouvelle', { config: { permission: 'payables.manage' }, schema: { hide: true } }, async (req, reply) => {
    const raw = query(req)
    const list = await producers(req)
    const producer = list.find((p) => p.id === raw.producteur)
    const values: InvoiceFormValues = { producerId: producer?.id ?? '', purchaseOrderId: '', invoiceDate: isoDay(req.ctx.now) }
    let count = 5
    const po = producer && raw.commande && /^pur_[0-9A-Z]{26}$/.test(raw.commande) ? await payables.purchaseOrderContext(req.ctx, raw.commande) : null
    if (po && po.producerId === producer?.id) {
      values.purchaseOrderId = po.id
      // what was accepted at receipt and not billed yet, at the ordered cost and VAT
      const open = po.lines.filter((l) => l.receivedAccepted - l.alreadyInvoiced > 0)
      open.forEach((l, i) => Object.assign(values, {
        [`l${i}_poLine`]: l.id, [`l${i}_description`]: l.sku ? `${l.description} (${l.sku})` : l.description, [`l${i}_quantity`]: String(l.receivedAccepted - l.alreadyInvoiced),
        [`l${i}_unitCost`]: decimalInput(l.unitCost), [`l${i}_vatRate`]: decimalInput(l.vatRateBp),
      }))
      count = open.length + 2
    }
    return invoiceForm(req, reply, values, count)
  })

  app.post('/admin/fournisseurs/factures', { config: { permission: 'payables.manage' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const { lines, index, count } = linesOf(body)
    const values: InvoiceFormValues = Object.fromEntries(Object.entries(body).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as InvoiceFormValues
    try {
      const r = await payables.recordInvoice(req.ctx, { producerId: str(body, 'producerId'), invoiceNumber: str(body, 'invoiceNumber'), invoiceDate: str(body, 'invoiceDate'), purchaseOrderId: str(body, 'purchaseOrderId'), lines })
      return reply.redirect(`/admin/fournisseurs/factures/${r.invoiceId}?ok=${r.status === 'disputed' ? 'disputed' : 'recorded'}`, 303)
    } catch (err) {
      const rename = (path: string) => {
        const m = /^lines\.(\d+)\.(\w+)/.exec(path)
        return m ? `l${index[Number(m[1])] ?? 0}_${LINE_FIELD[m[2]!] ?? 'description'}` : path.split('.')[0]!
      }
      const f = fieldErrors(err, rename)
      if (!f) throw err
      return invoiceForm(req, reply, values, Math.max(count, 1), f.errors, f.status)
    }
  })

  const invoicePage = async (req: FastifyRequest, reply: FastifyReply, id: string, forms?: InvoiceForms, status = 200) => {
    const invoice = await payables.getSupplierInvoice(req.ctx, id)
    if (!invoice) throw new AppError('NOT_FOUND', 'Cette facture fournisseur n’existe pas.')
    return sendAdmin(reply, h(PayablesInvoicePage, { view: adminView(req, reply, deps), invoice, today: isoDay(req.ctx.now), forms, flash: forms ? null : flashOf(req, FLASH) }), status)
  }
  app.get('/admin/fournisseurs/factures/:id', { config: { permission: 'payables.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => invoicePage(req, reply, req.params.id))

  for (const [path, decision, field] of [['approbation', 'approve', 'approveReason'], ['annulation', 'cancel', 'cancelReason']] as const) {
    app.post(`/admin/fournisseurs/factures/:id/${path}`, { config: { permission: 'payables.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
      const body = formBody(req)
      try {
        await payables.decideInvoice(req.ctx, { invoiceId: req.params.id, decision, reason: str(body, field) })
        return reply.redirect(`/admin/fournisseurs/factures/${req.params.id}?ok=${decision === 'approve' ? 'approved' : 'cancelled'}`, 303)
      } catch (err) {
        const f = fieldErrors(err, (p) => (p === 'reason' ? field : p))
        if (!f) throw err
        return invoicePage(req, reply, req.params.id, { errors: f.errors, values: { [field]: str(body, field) }, message: f.errors.form ?? null }, f.status)
      }
    })
  }

  app.post('/admin/fournisseurs/factures/:id/paiement', { config: { permission: 'payables.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const body = formBody(req)
    const values = { amount: str(body, 'amount'), paidOn: str(body, 'paidOn'), reference: str(body, 'reference') }
    try {
      await payables.recordSupplierPayment(req.ctx, { invoiceId: req.params.id, ...values })
      return reply.redirect(`/admin/fournisseurs/factures/${req.params.id}?ok=paid`, 303)
    } catch (err) {
      const f = fieldErrors(err)
      if (!f) throw err
      return invoicePage(req, reply, req.params.id, { errors: f.errors, values, message: f.errors.form ?? null }, f.status)
    }
  })

  app.get('/admin/fournisseurs/echeancier', { config: { permission: 'payables.read' }, schema: { hide: true } }, async (req, reply) => {
    const raw = query(req)
    const parsed = payables.ScheduleInput.safeParse({ producerId: raw.producteur, horizonDays: raw.horizon })
    const base = { view: adminView(req, reply, deps), producers: await producers(req), query: raw }
    if (!parsed.success) {
      const errors: FormErrors = {}
      for (const i of parsed.error.issues) errors[i.path[0] === 'producerId' ? 'producteur' : 'horizon'] ??= i.message
      return sendAdmin(reply, h(PayablesSchedulePage, { ...base, schedule: null, overdue: [], errors }), 400)
    }
    const [schedule, overdue] = await Promise.all([payables.payablesSchedule(req.ctx, parsed.data), payables.overdueInvoices(req.ctx, 100, parsed.data.producerId ?? null)])
    return sendAdmin(reply, h(PayablesSchedulePage, { ...base, schedule, overdue }))
  })

  const runsPage = async (req: FastifyRequest, reply: FastifyReply, raw: Record<string, string>, extra: { errors?: FormErrors; message?: string | null } = {}, status = 200) => {
    let proposal = null
    let errors = extra.errors
    if (raw.date) {
      try {
        proposal = await payables.proposeRun(req.ctx, { payOn: raw.date, withinDays: raw.jours ?? '0' })
      } catch (err) {
        const f = fieldErrors(err, (p) => (p === 'payOn' ? 'date' : 'jours'))
        if (!f) throw err
        errors = { ...f.errors, ...errors }
        status = status === 200 ? 400 : status
      }
    }
    return sendAdmin(reply, h(PayablesRunsPage, { view: adminView(req, reply, deps), runs: await payables.listRuns(req.ctx), proposal, query: raw, errors, message: extra.message ?? null, flash: flashOf(req, FLASH) }), status)
  }
  app.get('/admin/fournisseurs/virements', { config: { permission: 'payables.read' }, schema: { hide: true } }, async (req, reply) => runsPage(req, reply, query(req)))

  app.post('/admin/fournisseurs/virements', { config: { permission: 'payables.manage' }, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    try {
      const r = await payables.createRun(req.ctx, { payOn: str(body, 'payOn'), invoiceIds: many(body.invoiceIds) })
      return reply.redirect(`/admin/fournisseurs/virements/${r.runId}?ok=prepared`, 303)
    } catch (err) {
      const f = fieldErrors(err, (p) => (p === 'payOn' ? 'date' : p.split('.')[0]!))
      if (!f) throw err
      return runsPage(req, reply, { date: str(body, 'payOn') }, { errors: f.errors, message: f.errors.invoiceIds ?? null }, f.status)
    }
  })

  const runOr404 = async (req: FastifyRequest, id: string) => {
    const run = await payables.getRun(req.ctx, id)
    if (!run) throw new AppError('NOT_FOUND', 'Cette campagne de paiement n’existe pas.')
    return run
  }
  app.get('/admin/fournisseurs/virements/:id', { config: { permission: 'payables.read' }, schema: { hide: true, params: idParams } }, async (req, reply) =>
    sendAdmin(reply, h(PayablesRunPage, { view: adminView(req, reply, deps), run: await runOr404(req, req.params.id), flash: flashOf(req, FLASH) })),
  )
  app.post('/admin/fournisseurs/virements/:id/execution', { config: { permission: 'payables.manage' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    try {
      const r = await payables.executeRun(req.ctx, req.params.id)
      return reply.redirect(`/admin/fournisseurs/virements/${req.params.id}?ok=${r.alreadyExecuted ? 'already' : 'executed'}`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err
      return sendAdmin(reply, h(PayablesRunPage, { view: adminView(req, reply, deps), run: await runOr404(req, req.params.id), message: err.message }), 409)
    }
  })
  // For the bank: one SEPA transfer per producer (payables/payment-run-csv.ts).
  app.get('/admin/fournisseurs/virements/:id/virements.csv', { config: { permission: 'payables.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const run = await runOr404(req, req.params.id)
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${run.number}.csv"`).send(payables.paymentRunCsv(run))
  })

  const statementsPage = async (req: FastifyRequest, reply: FastifyReply, month: string, extra: { errors?: FormErrors; message?: string | null } = {}, status = 200) =>
    sendAdmin(reply, h(PayablesStatementsPage, { view: adminView(req, reply, deps), statements: await payables.listStatements(req.ctx), month, errors: extra.errors, message: extra.message ?? null, flash: flashOf(req, FLASH) }), status)
  const lastMonth = (now: Date) => isoDay(new Date(now.getFullYear(), now.getMonth() - 1, 1)).slice(0, 7)
  app.get('/admin/fournisseurs/releves', { config: { permission: 'payables.read' }, schema: { hide: true } }, async (req, reply) => statementsPage(req, reply, lastMonth(req.ctx.now)))
  app.post('/admin/fournisseurs/releves', { config: { permission: 'payables.manage' }, schema: { hide: true } }, async (req, reply) => {
    const month = str(formBody(req), 'month')
    try {
      const r = await payables.issueStatements(req.ctx, { month })
      const message = r.issued.length ? null : `Aucun relevé établi pour ${month} : aucune vente des producteurs en dépôt-vente.`
      if (message) return statementsPage(req, reply, month, { message })
      return reply.redirect('/admin/fournisseurs/releves?ok=issued', 303)
    } catch (err) {
      const f = fieldErrors(err, () => 'month')
      if (!f) throw err
      return statementsPage(req, reply, month, { errors: f.errors }, f.status)
    }
  })
  app.get('/admin/fournisseurs/releves/:id.pdf', { config: { permission: 'payables.read' }, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const pdf = await payables.renderStatementPdf(req.ctx, req.params.id)
    if (!pdf) throw new AppError('NOT_FOUND', 'Ce relevé n’existe pas.')
    return reply.type('application/pdf').header('content-disposition', 'inline').send(pdf)
  })
}
