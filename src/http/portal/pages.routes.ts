import { stringify } from 'csv-stringify/sync'
import { h } from 'preact'
import { decimalString, money } from '../../kernel/money.ts'
import { listPortalInvoices, listPortalReceipts, listPortalStatements, listProductStock, portalHome, salesByWeek } from '../../modules/portal/index.ts'
import { PortalHomePage, PortalProductsPage, PortalSalesPage } from '../../web/portal/portal-pages.tsx'
import { PortalInvoicesPage, PortalReceiptsPage, PortalStatementsPage } from '../../web/portal/portal-supply-pages.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { portalView, sendPortal } from './portal-kit.ts'
import { scopeOf } from './portal-session.ts'

/** Decimal euros for a spreadsheet ('12.50'), from integer cents without floating point. */
const decimalEuros = (cents: number) => decimalString(money(cents))

/** Read-only portal pages: home, products and stock, sales (with CSV), receipts, invoices, statements. */
export function registerPortalPageRoutes(app: App, deps: RouteDeps): void {
  app.get('/portail', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalHomePage, { view: portalView(req, reply, deps), home: await portalHome(req.ctx, scopeOf(req)) })),
  )
  app.get('/portail/produits', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalProductsPage, { view: portalView(req, reply, deps), products: await listProductStock(req.ctx, scopeOf(req)) })),
  )
  app.get('/portail/ventes', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalSalesPage, { view: portalView(req, reply, deps), sales: await salesByWeek(req.ctx, scopeOf(req)) })),
  )
  app.get('/portail/ventes.csv', { schema: { hide: true } }, async (req, reply) => {
    const sales = await salesByWeek(req.ctx, scopeOf(req))
    const rows = [
      ['semaine', 'debut', 'unites', 'ventes_ht_eur'],
      ...sales.weeks.map((w) => [w.label, w.weekStart, String(w.units), decimalEuros(w.net)]),
      [],
      ['produit', 'vendus', 'en_stock', 'ecoulement_pct'],
      ...sales.products.map((p) => [p.name, String(p.sold), String(p.onHand), p.sellThroughBp === null ? '' : decimalString(money(p.sellThroughBp))]),
    ]
    const csv = stringify(rows, { bom: true })
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="ventes-${req.producerSession!.producer.id}.csv"`).send(csv)
  })
  app.get('/portail/receptions', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalReceiptsPage, { view: portalView(req, reply, deps), receipts: await listPortalReceipts(req.ctx, scopeOf(req)) })),
  )
  app.get('/portail/factures', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalInvoicesPage, { view: portalView(req, reply, deps), invoices: await listPortalInvoices(req.ctx, scopeOf(req)) })),
  )
  app.get('/portail/releves', { schema: { hide: true } }, async (req, reply) =>
    sendPortal(reply, h(PortalStatementsPage, { view: portalView(req, reply, deps), statements: await listPortalStatements(req.ctx, scopeOf(req)) })),
  )
}
