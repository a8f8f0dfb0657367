import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { stringify } from 'csv-stringify/sync'
import { h } from 'preact'
import { z } from 'zod'
import { orderUrl } from '../../flows/order-links.ts'
import { refundOrderByStaff } from '../../flows/refund-order.ts'
import { AppError } from '../../kernel/errors.ts'
import { listWarehouses } from '../../modules/inventory/index.ts'
import {
  CARRIERS, CountRefused, PackingRefused, ShippingRefused, WRITE_OFF_CAUSES, WriteOffInput, cancelLineRest, cancellableUnits, createPickList, getPackingView, getPickList, getShipment, getStockCount,
  inTransaction, listNearExpiryLots, listPickLists, listPreparationQueue, listShipments, listStockCounts, openStockCount, packOrder, postStockCount, renderPackingSlipPdf, renderPickListPdf, shipShipment, writeOffStock,
  type CarrierCode,
} from '../../modules/warehouse/index.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { CountPage, CountsPage } from '../../web/admin/warehouse-counts-page.tsx'
import { ExpiryPage } from '../../web/admin/warehouse-expiry-page.tsx'
import { PackingPage, type PackingValues } from '../../web/admin/warehouse-packing-page.tsx'
import { PickListPage, PreparationQueuePage } from '../../web/admin/warehouse-queue-page.tsx'
import { ShipmentListPage, ShipmentPage } from '../../web/admin/warehouse-shipments-page.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, flashOf, formBody, many, parseForm, sendAdmin } from './admin-kit.ts'
import { allowedActions } from './staff-session.ts'

const P = { config: { permission: 'warehouse.operate' as const } }
const idParams = z.object({ id: z.string().min(1).max(64) })
const orderParams = z.object({ orderId: z.string().min(1).max(64) })
const FLASH = {
  created: 'La liste de préparation est créée : imprimez-la.', packed: 'Le colis est validé.', partial: 'Le colis est validé ; le reste de la commande attend un autre colis.',
  shipped: 'L’expédition est partie ; le client a reçu le numéro de suivi.', opened: 'L’inventaire est ouvert : saisissez les quantités comptées.', posted: 'L’inventaire est validé.',
  written: 'La sortie de stock est enregistrée.', cancelled: 'Les unités sont annulées et remboursées ; le client est prévenu.',
}
const CARRIER_OPTIONS = (Object.keys(CARRIERS) as CarrierCode[]).map((c) => ({ value: c, label: CARRIERS[c].label }))
const CAUSE_OPTIONS = Object.entries(WRITE_OFF_CAUSES).map(([value, label]) => ({ value, label }))
const str = (body: Record<string, unknown>, k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '').slice(0, 500)
const intOf = (s: string): number | undefined => (/^\s*\d{1,9}\s*$/.test(s) ? Number(s) : undefined)
const isClientError = (err: unknown): err is AppError => err instanceof AppError && err.status < 500 && err.code !== 'NOT_FOUND'

/** The warehouse: preparation queue and pick lists, packing, shipping, counts and write-offs, near-expiry lots. */
export function registerWarehouseAdminRoutes(app: App, deps: RouteDeps): void {
  const link = (id: string, locale: 'fr' | 'en') => orderUrl(deps.config.publicUrl, deps.config.appSecret, id, locale)
  const warehouseOf = async (req: FastifyRequest, code: unknown, fallback = true): Promise<string | null> => {
    const all = await listWarehouses(req.ctx)
    if (typeof code === 'string' && code) {
      if (!all.some((w) => w.code === code)) throw new AppError('NOT_FOUND', 'Cet entrepôt n’existe pas.')
      return code
    }
    return fallback ? (all.find((w) => w.code === 'GP-JARRY') ?? all[0])?.code ?? null : null
  }

  // ── preparation queue and pick lists ──
  const queuePage = async (req: FastifyRequest, reply: FastifyReply, warehouse: string, extra: { errors?: FormErrors; message?: string } = {}, status = 200) =>
    sendAdmin(reply, h(PreparationQueuePage, {
      view: adminView(req, reply, deps), warehouses: await listWarehouses(req.ctx), warehouse, queue: await listPreparationQueue(req.ctx, { warehouse }),
      pickLists: await listPickLists(req.ctx, { warehouse }), errors: extra.errors, message: extra.message ?? null, flash: flashOf(req, FLASH),
    }), status)
  app.get('/admin/entrepot', { ...P, schema: { hide: true } }, async (req, reply) => queuePage(req, reply, (await warehouseOf(req, (req.query as Record<string, unknown>).entrepot))!))
  app.post('/admin/entrepot/listes', { ...P, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const warehouse = (await warehouseOf(req, str(body, 'entrepot')))!
    const orderIds = many(body.orders).slice(0, 2000)
    const oldestRaw = str(body, 'oldest').trim()
    const oldest = oldestRaw ? intOf(oldestRaw) : undefined
    if (oldestRaw && (oldest === undefined || oldest < 1 || oldest > 2000)) return queuePage(req, reply, warehouse, { errors: { oldest: 'Indiquez un nombre de commandes entre 1 et 2000.' } }, 400)
    if (!orderIds.length && !oldest) return queuePage(req, reply, warehouse, { message: 'Cochez des commandes, ou indiquez combien des plus anciennes préparer.' }, 400)
    try {
      const r = await inTransaction(req.ctx, (ctx) => createPickList(ctx, { warehouse, ...(orderIds.length ? { orderIds } : { oldest: oldest! }) }))
      return reply.redirect(`/admin/entrepot/listes/${r.pickListId}?ok=created${r.blocked.length ? `&bloquees=${encodeURIComponent(r.blocked.join(','))}` : ''}`, 303)
    } catch (err) {
      if (!isClientError(err)) throw err
      return queuePage(req, reply, warehouse, { message: err.message }, err.status)
    }
  })
  const pickListOr404 = async (req: FastifyRequest, id: string) => {
    const list = await getPickList(req.ctx, id)
    if (!list) throw new AppError('NOT_FOUND', 'Cette liste de préparation n’existe pas.')
    return list
  }
  app.get('/admin/entrepot/listes/:id.pdf', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const list = await pickListOr404(req, req.params.id)
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${list.number}.pdf"`).header('cache-control', 'no-store').send(await renderPickListPdf(list))
  })
  app.get('/admin/entrepot/listes/:id', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const list = await pickListOr404(req, req.params.id)
    const blocked = String((req.query as Record<string, unknown>).bloquees ?? '').slice(0, 2000)
    const notes = blocked ? [`Non listées : les lots alloués à ${blocked} sont périmés et aucun autre lot ne peut les remplacer. Traitez ces commandes à part.`] : []
    return sendAdmin(reply, h(PickListPage, { view: adminView(req, reply, deps), list, flash: flashOf(req, FLASH), notes }))
  })

  // ── packing ──
  const packingPage = async (req: FastifyRequest, reply: FastifyReply, orderId: string, extra: { values?: PackingValues; errors?: FormErrors; message?: string } = {}, status = 200) => {
    const order = await getPackingView(req.ctx, orderId)
    if (!order) throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
    return sendAdmin(reply, h(PackingPage, { view: adminView(req, reply, deps), order, values: extra.values, errors: extra.errors, message: extra.message ?? null, flash: flashOf(req, FLASH), canRefund: allowedActions(req).has('orders.refund') }), status)
  }
  app.get('/admin/entrepot/commandes/:orderId/colis', { ...P, schema: { hide: true, params: orderParams } }, async (req, reply) => packingPage(req, reply, req.params.orderId))
  app.post('/admin/entrepot/commandes/:orderId/colis', { ...P, schema: { hide: true, params: orderParams } }, async (req, reply) => {
    const body = formBody(req)
    const qty: Record<string, string> = {}
    for (const [k, v] of Object.entries(body)) if (k.startsWith('qty:') && typeof v === 'string') qty[k.slice(4)] = v.slice(0, 12)
    const values: PackingValues = { qty, protective: body.protective !== undefined, parcels: str(body, 'parcels'), weight: str(body, 'weight') }
    const bad = Object.entries(qty).find(([, v]) => intOf(v) === undefined)
    if (bad) return packingPage(req, reply, req.params.orderId, { values, errors: { lines: 'Chaque quantité est un nombre entier positif ou zéro.' } }, 400)
    const parcels = intOf(values.parcels)
    const weight = values.weight.trim() ? intOf(values.weight) : null
    if (parcels === undefined || weight === undefined) return packingPage(req, reply, req.params.orderId, { values, errors: { ...(parcels === undefined ? { parcels: 'Indiquez le nombre de colis (entier).' } : {}), ...(weight === undefined ? { weight: 'Le poids est un nombre entier de grammes.' } : {}) } }, 400)
    const lines = Object.entries(qty).map(([k, v]) => ({ orderLineId: k.split(':')[0] ?? '', lotId: k.split(':')[1] ?? '', quantity: intOf(v)! }))
    try {
      const r = await inTransaction(req.ctx, (ctx) => packOrder(ctx, { orderId: req.params.orderId, lines, protectivePacking: values.protective, parcelCount: parcels, weightG: weight || null }))
      return reply.redirect(`/admin/entrepot/expeditions/${r.shipmentId}?ok=${r.orderStatus === 'packed' ? 'packed' : 'partial'}`, 303)
    } catch (err) {
      if (err instanceof PackingRefused) return packingPage(req, reply, req.params.orderId, { values, errors: err.fields }, 400)
      if (!isClientError(err)) throw err
      return packingPage(req, reply, req.params.orderId, { values, message: err.message }, err.status)
    }
  })
  app.post('/admin/entrepot/commandes/:orderId/annuler-reste', { config: { permission: 'orders.refund' }, schema: { hide: true, params: orderParams } }, async (req, reply) => {
    const body = formBody(req)
    const orderId = req.params.orderId
    const quantity = intOf(str(body, 'rest_quantity'))
    const reason = str(body, 'reason').trim()
    const line = await cancellableUnits(req.ctx, { orderId, orderLineId: str(body, 'line') })
    if (!line) {
      if (!(await getPackingView(req.ctx, orderId))) throw new AppError('NOT_FOUND', 'Cette commande n’existe pas.')
      return packingPage(req, reply, orderId, { message: 'Choisissez une ligne de cette commande.' }, 400)
    }
    const errors: FormErrors = {}
    if (quantity === undefined || quantity < 1) errors.rest_quantity = 'Indiquez combien d’unités annuler (au moins 1).'
    else if (quantity > line.units) errors.rest_quantity = `${line.units} unité(s) de cette ligne restent à emballer : vous ne pouvez pas en annuler ${quantity}.`
    if (reason.length < 3) errors.reason = 'Indiquez le motif (3 caractères au moins).'
    if (Object.keys(errors).length) return packingPage(req, reply, orderId, { errors }, 400)
    const requestKey = randomBytes(16).toString('hex')
    const refund = await refundOrderByStaff(req.ctx, req.server.checkoutDeps, { orderId, requestKey, reason, mode: 'lines', lines: [{ orderLineId: str(body, 'line'), quantity: quantity! }] })
    if (!refund.ok) return packingPage(req, reply, orderId, { message: refund.code === 'NOT_FOUND' ? 'Cette commande n’existe pas.' : `Remboursement impossible, rien n’a été annulé : ${refund.message}` }, 409)
    await inTransaction(req.ctx, (ctx) => cancelLineRest(ctx, { orderId, orderLineId: str(body, 'line'), quantity: quantity!, refundGross: refund.amount, orderUrl: link, dedupeKey: `order-line-cancelled:${refund.creditNoteNumber}` }))
    return reply.redirect(`/admin/entrepot/commandes/${orderId}/colis?ok=cancelled`, 303)
  })

  // ── shipments ──
  app.get('/admin/entrepot/expeditions', { ...P, schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>
    const status = ['packed', 'shipped', 'delivered', 'cancelled'].includes(String(q.statut)) ? String(q.statut) : 'packed'
    const page = Math.min(Math.max(intOf(String(q.page ?? '1')) ?? 1, 1), 1000)
    const rows = await listShipments(req.ctx, { status, limit: 51, offset: (page - 1) * 50 })
    return sendAdmin(reply, h(ShipmentListPage, { view: adminView(req, reply, deps), status, rows: rows.slice(0, 50), page, hasMore: rows.length > 50 }))
  })
  const shipmentOr404 = async (req: FastifyRequest, id: string) => {
    const s = await getShipment(req.ctx, id)
    if (!s) throw new AppError('NOT_FOUND', 'Cette expédition n’existe pas.')
    return s
  }
  const shipmentPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: { carrier: string; tracking: string }; errors?: FormErrors; message?: string } = {}, status = 200) =>
    sendAdmin(reply, h(ShipmentPage, { view: adminView(req, reply, deps), shipment: await shipmentOr404(req, id), carriers: CARRIER_OPTIONS, values: extra.values, errors: extra.errors, message: extra.message ?? null, flash: flashOf(req, FLASH) }), status)
  app.get('/admin/entrepot/expeditions/:id', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => shipmentPage(req, reply, req.params.id))
  app.get('/admin/entrepot/expeditions/:id/bordereau.pdf', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const s = await shipmentOr404(req, req.params.id)
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${s.number}.pdf"`).header('cache-control', 'no-store').send(await renderPackingSlipPdf(s))
  })
  app.post('/admin/entrepot/expeditions/:id/expedier', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const body = formBody(req)
    const values = { carrier: str(body, 'carrier'), tracking: str(body, 'tracking').slice(0, 60) }
    try {
      await inTransaction(req.ctx, (ctx) => shipShipment(ctx, { shipmentId: req.params.id, carrier: values.carrier, trackingNumber: values.tracking, orderUrl: link }))
      return reply.redirect(`/admin/entrepot/expeditions/${req.params.id}?ok=shipped`, 303)
    } catch (err) {
      if (err instanceof ShippingRefused) return shipmentPage(req, reply, req.params.id, { values, errors: { [err.field]: err.message } }, 400)
      if (!isClientError(err)) throw err
      return shipmentPage(req, reply, req.params.id, { values, message: err.message }, err.status)
    }
  })

  // ── counts and write-offs ──
  const countsPage = async (req: FastifyRequest, reply: FastifyReply, extra: { form?: 'count' | 'writeoff'; values?: Record<string, string>; errors?: FormErrors; message?: string } = {}, status = 200) =>
    sendAdmin(reply, h(CountsPage, { view: adminView(req, reply, deps), warehouses: await listWarehouses(req.ctx), counts: await listStockCounts(req.ctx, {}), causes: CAUSE_OPTIONS, ...extra, message: extra.message ?? null, flash: flashOf(req, FLASH) }), status)
  app.get('/admin/entrepot/inventaires', { ...P, schema: { hide: true } }, async (req, reply) => countsPage(req, reply))
  app.post('/admin/entrepot/inventaires', { ...P, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const values = { warehouse: str(body, 'warehouse'), prefix: str(body, 'prefix').slice(0, 20), sku: str(body, 'sku').slice(0, 64) }
    if (!(await listWarehouses(req.ctx)).some((w) => w.code === values.warehouse)) return countsPage(req, reply, { form: 'count', values, errors: { warehouse: 'Choisissez l’entrepôt à compter.' } }, 400)
    if (values.prefix && !/^[A-Za-z0-9-]{1,20}$/.test(values.prefix.trim())) return countsPage(req, reply, { form: 'count', values, errors: { prefix: 'Un emplacement s’écrit en lettres, chiffres et tirets (A-01).' } }, 400)
    try {
      const r = await inTransaction(req.ctx, (ctx) => openStockCount(ctx, { warehouse: values.warehouse, locationPrefix: values.prefix, sku: values.sku }))
      return reply.redirect(`/admin/entrepot/inventaires/${r.id}?ok=opened`, 303)
    } catch (err) {
      if (!isClientError(err)) throw err
      return countsPage(req, reply, { form: 'count', values, message: err.message }, err.status)
    }
  })
  const countOr404 = async (req: FastifyRequest, id: string) => {
    const c = await getStockCount(req.ctx, id)
    if (!c) throw new AppError('NOT_FOUND', 'Cet inventaire n’existe pas.')
    return c
  }
  app.get('/admin/entrepot/inventaires/:id', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) =>
    sendAdmin(reply, h(CountPage, { view: adminView(req, reply, deps), count: await countOr404(req, req.params.id), flash: flashOf(req, FLASH) })))
  app.post('/admin/entrepot/inventaires/:id', { ...P, schema: { hide: true, params: idParams } }, async (req, reply) => {
    const count = await countOr404(req, req.params.id)
    const body = formBody(req)
    const values: Record<string, string> = {}
    const counted: Record<string, number> = {}
    const bad: string[] = []
    for (const l of count.lines) {
      const v = str(body, `counted:${l.lotId}`).trim()
      values[l.lotId] = v
      const n = intOf(v)
      if (v && n === undefined) bad.push(`${l.sku} lot ${l.lotCode}`)
      if (n !== undefined) counted[l.lotId] = n
    }
    const again = (message: string, status: number) => sendAdmin(reply, h(CountPage, { view: adminView(req, reply, deps), count, values, message }), status)
    if (bad.length) return again(`Une quantité comptée est un nombre entier positif ou zéro : ${bad.join(', ')}.`, 400)
    try {
      await inTransaction(req.ctx, (ctx) => postStockCount(ctx, { countId: count.id, counted }))
      return reply.redirect(`/admin/entrepot/inventaires/${count.id}?ok=posted`, 303)
    } catch (err) {
      if (err instanceof CountRefused) return again(err.message, Object.keys(counted).length < count.lines.length ? 400 : 409)
      if (!isClientError(err)) throw err
      return again(err.message, err.status)
    }
  })
  app.post('/admin/entrepot/sorties', { ...P, schema: { hide: true } }, async (req, reply) => {
    const body = formBody(req)
    const values = { lotId: str(body, 'lotId').trim().slice(0, 64), quantity: str(body, 'quantity'), cause: str(body, 'cause'), note: str(body, 'note') }
    const form = parseForm(WriteOffInput, { ...values, quantity: intOf(values.quantity) ?? (values.quantity.trim() ? Number.NaN : undefined), note: values.note || undefined })
    if (!form.ok) return countsPage(req, reply, { form: 'writeoff', values, errors: form.errors }, 400)
    try {
      await inTransaction(req.ctx, (ctx) => writeOffStock(ctx, form.data))
      return reply.redirect('/admin/entrepot/inventaires?ok=written', 303)
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return countsPage(req, reply, { form: 'writeoff', values, errors: { lotId: err.message } }, 400)
      if (!isClientError(err)) throw err
      return countsPage(req, reply, { form: 'writeoff', values, errors: { quantity: err.message } }, err.status)
    }
  })

  // ── near-expiry lots ──
  const expiryInput = async (req: FastifyRequest) => {
    const q = req.query as Record<string, unknown>
    const days = Math.min(intOf(String(q.jours ?? '30')) ?? 30, 365)
    return { days, warehouse: await warehouseOf(req, q.entrepot, false) }
  }
  app.get('/admin/entrepot/peremptions', { ...P, schema: { hide: true } }, async (req, reply) => {
    const input = await expiryInput(req)
    return sendAdmin(reply, h(ExpiryPage, { view: adminView(req, reply, deps), warehouses: await listWarehouses(req.ctx), ...input, lots: await listNearExpiryLots(req.ctx, input) }))
  })
  app.get('/admin/entrepot/peremptions.csv', { ...P, schema: { hide: true } }, async (req, reply) => {
    const lots = await listNearExpiryLots(req.ctx, await expiryInput(req))
    const csv = stringify(lots.map((l) => [l.bestBefore, l.daysLeft, l.sku, l.name, l.producer, l.lotCode, l.lotId, l.warehouseCode, l.location ?? '', l.onHand, l.free]), {
      header: true, columns: ['ddm_dlc', 'jours_restants', 'sku', 'article', 'producteur', 'lot', 'lot_id', 'entrepot', 'emplacement', 'en_stock', 'libre'], delimiter: ';',
    })
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="peremptions.csv"').header('cache-control', 'no-store').send(`\ufeff${csv}`)
  })
}
