import type { DocumentPage, DocumentRow } from '../../modules/invoicing/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { type Column, DataTable, ErrorSummary, euros, type FormErrors, Pager, SelectField, type TableState, TextField, withQuery } from './kit.tsx'
import { day } from './order-labels.ts'

const KINDS = [
  { value: 'facture', label: 'Factures' },
  { value: 'avoir', label: 'Avoirs' },
]

/** Invoices or credit notes: filters, server-side sort and pages, PDFs, and the CSV export of the same filter. */
export function FinancePage(p: { view: AdminView; result: DocumentPage; state: TableState; errors?: FormErrors }) {
  const q = p.state.query
  const notes = q.type === 'avoir'
  const canOrders = p.view.allowed.has('orders.read')
  const columns: Column<DocumentRow>[] = [
    { key: 'number', label: 'Numéro', sort: 'number', cell: (d) => <a href={`/admin/factures/${d.id}/pdf`} title="Ouvrir le PDF">{d.number}</a> },
    { key: 'date', label: 'Date', sort: 'issued_at', cell: (d) => day(d.date) },
    { key: 'order', label: 'Commande', cell: (d) => (canOrders ? <a href={withQuery('/admin/commandes', {}, { q: d.orderNumber })}>{d.orderNumber}</a> : d.orderNumber) },
    ...(notes ? [{ key: 'invoice', label: 'Facture corrigée', cell: (d: DocumentRow) => d.invoiceNumber ?? '—' }] : []),
    { key: 'buyer', label: 'Client', cell: (d) => d.buyerName },
    { key: 'net', label: 'Total HT', align: 'end', cell: (d) => euros(d.totalNet) },
    { key: 'vat', label: 'TVA', align: 'end', cell: (d) => euros(d.totalVat) },
    { key: 'gross', label: 'Total TTC', sort: 'total', align: 'end', cell: (d) => euros(d.totalGross) },
  ]
  const r = p.result
  const exportQuery = { type: q.type, numero: q.numero, commande: q.commande, du: q.du, au: q.au }
  return (
    <AdminLayout view={p.view} title="Factures et avoirs">
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="get" action="/admin/factures" class="filters" role="search" aria-label="Filtrer les documents">
        <SelectField name="type" label="Documents" value={q.type ?? 'facture'} options={KINDS} error={p.errors?.type} />
        <TextField name="numero" label="Numéro (début)" value={q.numero} error={p.errors?.numero} maxLength={40} hint={notes ? 'ex. A-2026-' : 'ex. F-2026-'} />
        <TextField name="commande" label="Commande (début)" value={q.commande} error={p.errors?.commande} maxLength={40} hint="ex. LK-1000" />
        <TextField name="du" label="Émis du" type="date" value={q.du} error={p.errors?.du} />
        <TextField name="au" label="au" type="date" value={q.au} error={p.errors?.au} />
        {q.sort ? <input type="hidden" name="sort" value={q.sort} /> : null}
        {q.dir ? <input type="hidden" name="dir" value={q.dir} /> : null}
        <button type="submit" class="primary">Filtrer</button>
      </form>
      <p role="status">
        {r.totalCapped ? `Plus de ${r.total.toLocaleString('fr-FR')} documents` : `${r.total.toLocaleString('fr-FR')} document${r.total > 1 ? 's' : ''}`}
        {p.view.allowed.has('finance.export') ? <> · <a href={withQuery('/admin/factures/export.csv', exportQuery, {})} download>Exporter ces {notes ? 'avoirs' : 'factures'} en CSV</a></> : null}
      </p>
      <p class="hint">Dates : jour calendaire du vendeur (Guadeloupe). Le CSV (séparateur « ; », UTF-8, montants en euros avec virgule) s’ouvre directement dans Excel.</p>
      <DataTable caption={notes ? 'Avoirs' : 'Factures'} columns={columns} rows={r.rows} state={p.state} rowKey={(d) => d.id} empty="Aucun document ne correspond." />
      <Pager state={p.state} page={r.page} pageSize={r.pageSize} shown={r.rows.length} total={r.totalCapped ? null : r.total} hasMore={r.totalCapped ? r.rows.length === r.pageSize : r.page * r.pageSize < r.total} />
    </AdminLayout>
  )
}
