import { once } from 'node:events'
import { stringify } from 'csv-stringify'
import { h } from 'preact'
import { z } from 'zod'
import { AppError } from '../../kernel/errors.ts'
import { DocumentFilters, DocumentListInput, exportDocumentRows, getCreditNote, getInvoice, listDocuments, renderCreditNotePdf, renderInvoicePdf, type DocumentExportRow } from '../../modules/invoicing/index.ts'
import { FinancePage } from '../../web/admin/finance-page.tsx'
import type { FormErrors } from '../../web/admin/kit.tsx'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { adminView, sendAdmin } from './admin-kit.ts'

const docParams = z.object({ id: z.string().regex(/^[a-z]{3}_[0-9A-Z]{26}$/) })

/** Query string (French names) → the documents' filters; their errors back under those names. */
function filtersOf(query: unknown) {
  const raw = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  const kind = raw.type === 'avoir' ? 'credit_note' : raw.type === undefined || raw.type === '' || raw.type === 'facture' ? 'invoice' : raw.type
  return { raw, input: { kind, number: raw.numero, orderNumber: raw.commande, from: raw.du, to: raw.au } }
}
const NAMES: Record<string, string> = { kind: 'type', number: 'numero', orderNumber: 'commande', from: 'du', to: 'au', sort: 'sort', dir: 'dir', page: 'page', pageSize: 'page' }
const MESSAGES: Record<string, string> = {
  type: 'Choisissez factures ou avoirs.',
  numero: 'Un numéro ne contient que des lettres, des chiffres et des tirets.',
  commande: 'Un numéro de commande ne contient que des lettres, des chiffres et des tirets.',
  du: 'Indiquez une date valide, antérieure à la date de fin.',
  au: 'Indiquez une date valide.',
}
function errorsOf(issues: readonly { path: readonly PropertyKey[] }[]): FormErrors {
  const errors: FormErrors = {}
  for (const i of issues) {
    const field = NAMES[String(i.path[0])] ?? 'numero'
    errors[field] ??= MESSAGES[field] ?? 'Ce filtre n’est pas valide.'
  }
  return errors
}

/** Euros with a decimal comma ("-12,34"), the form French spreadsheets read as numbers. */
const eurosCell = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`
/** Text a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
const textCell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s)
const rateText = (bp: number) => `${(bp / 100).toLocaleString('fr-FR')} %`

const CSV_COLUMNS = ['Type', 'Numéro', 'Date', 'Commande', 'Facture corrigée', 'Client', 'Type de client', 'Total HT', 'TVA', 'Total TTC', 'Devise', 'Détail TVA (taux : base HT / TVA)']
const csvRow = (d: DocumentExportRow) => [
  d.kind === 'invoice' ? 'Facture' : 'Avoir', d.number, d.date, d.orderNumber, d.invoiceNumber ?? '', textCell(d.buyerName), d.buyerKind,
  eurosCell(d.totalNet), eurosCell(d.totalVat), eurosCell(d.totalGross), d.currency,
  d.vatByRate.map((p) => `${rateText(p.rateBp)} : ${eurosCell(p.net)} / ${eurosCell(p.vat)}`).join(' | '),
]

/** Finance: invoices and credit notes (finance.read), their PDFs, and the CSV export (finance.export). */
export function registerFinanceAdminRoutes(app: App, deps: RouteDeps): void {
  app.get('/admin/factures', { config: { permission: 'finance.read' }, schema: { hide: true } }, async (req, reply) => {
    const { raw, input } = filtersOf(req.query)
    const parsed = DocumentListInput.safeParse({ ...input, sort: raw.sort, dir: raw.dir, page: raw.page })
    const state = { path: '/admin/factures', query: raw, sort: parsed.success ? parsed.data.sort : 'issued_at', dir: parsed.success ? parsed.data.dir : ('desc' as const) }
    if (!parsed.success) {
      const empty = { rows: [], total: 0, totalCapped: false, page: 1, pageSize: 50 }
      return sendAdmin(reply, h(FinancePage, { view: adminView(req, reply, deps), result: empty, state, errors: errorsOf(parsed.error.issues) }), 400)
    }
    return sendAdmin(reply, h(FinancePage, { view: adminView(req, reply, deps), result: await listDocuments(req.ctx, parsed.data), state }))
  })

  app.get('/admin/factures/:id/pdf', { config: { permission: 'finance.read' }, schema: { hide: true, params: docParams } }, async (req, reply) => {
    const found = await documentPdf(req.ctx, req.params.id)
    if (!found) throw new AppError('NOT_FOUND', 'Ce document n’existe pas.')
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${found.number.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`).send(found.pdf)
  })

  // Streamed in keyset batches: a year of invoices never sits in memory. `;` and a BOM: Excel (fr) opens it as is.
  app.get('/admin/factures/export.csv', { config: { permission: 'finance.export' }, schema: { hide: true } }, async (req, reply) => {
    const { input } = filtersOf(req.query)
    const parsed = DocumentFilters.safeParse(input)
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', Object.values(errorsOf(parsed.error.issues)).join(' '))
    const csv = stringify({ delimiter: ';', bom: true, header: true, columns: CSV_COLUMNS, record_delimiter: 'windows' })
    const name = `${parsed.data.kind === 'invoice' ? 'factures' : 'avoirs'}-${req.ctx.now.toISOString().slice(0, 10)}.csv`
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv)
    void (async () => {
      try {
        for await (const batch of exportDocumentRows(req.ctx, parsed.data)) {
          for (const row of batch) if (!csv.write(csvRow(row))) await Promise.race([once(csv, 'drain'), once(csv, 'close')])
          if (csv.destroyed) return // the browser went away: stop reading
        }
        csv.end()
      } catch (err) {
        req.log.error({ err }, 'finance export failed')
        csv.destroy(err as Error)
      }
    })()
    return reply
  })
}

async function documentPdf(ctx: Parameters<typeof getInvoice>[0], id: string): Promise<{ number: string; pdf: Buffer } | null> {
  const notFound = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND'
  try {
    const invoice = await getInvoice(ctx, id)
    return { number: invoice.number, pdf: await renderInvoicePdf(ctx, invoice.id) }
  } catch (err) {
    if (!notFound(err)) throw err
  }
  try {
    const note = await getCreditNote(ctx, id)
    return { number: note.number, pdf: await renderCreditNotePdf(ctx, note.id) }
  } catch (err) {
    if (!notFound(err)) throw err
  }
  return null
}
