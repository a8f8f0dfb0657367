import type { InvoiceList, InvoiceRow } from '../../modules/payables/index.ts'
import type { ProducerRef } from '../../modules/producers/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { Checkbox, type Column, DataTable, ErrorSummary, euros, type FormErrors, Pager, SelectField, type TableState } from './kit.tsx'
import { day } from './order-labels.ts'
import { INVOICE_STATUS, MATCH_STATUS } from './payables-labels.ts'

/** Supplier invoices: filters (producer, status, match, overdue), the list, and the way to type a new one. */
export function PayablesInvoiceListPage(p: { view: AdminView; result: InvoiceList; state: TableState; producers: ProducerRef[]; errors?: FormErrors; flash?: string | null }) {
  const q = p.state.query
  const e = p.errors ?? {}
  const columns: Column<InvoiceRow>[] = [
    { key: 'number', label: 'Facture', cell: (r) => <a href={`/admin/fournisseurs/factures/${r.id}`}>{r.invoiceNumber}</a> },
    { key: 'producer', label: 'Producteur', cell: (r) => r.producerName },
    { key: 'date', label: 'Date', cell: (r) => day(r.invoiceDate) },
    { key: 'due', label: 'Échéance', cell: (r) => (r.daysLate > 0 ? <span class="badge status-cancelled">{day(r.dueOn)} — {r.daysLate} j de retard</span> : day(r.dueOn)) },
    { key: 'gross', label: 'Total TTC', align: 'end', cell: (r) => euros(r.totalGross) },
    { key: 'left', label: 'Reste à payer', align: 'end', cell: (r) => (r.status === 'cancelled' ? '—' : euros(r.totalGross - r.amountPaid)) },
    { key: 'match', label: 'Rapprochement', cell: (r) => MATCH_STATUS[r.matchStatus] },
    { key: 'status', label: 'Statut', cell: (r) => <span class={`badge status-${r.status === 'paid' ? 'paid' : r.status === 'cancelled' ? 'cancelled' : r.status}`}>{INVOICE_STATUS[r.status]}</span> },
  ]
  return (
    <AdminLayout view={p.view} title="Factures fournisseurs" flash={p.flash}>
      {mayUse(p.view, 'payables.manage') ? <p><a class="button" href="/admin/fournisseurs/factures/nouvelle">Saisir une facture</a></p> : null}
      <ErrorSummary errors={e} />
      <form method="get" action="/admin/fournisseurs/factures" class="filters" role="search" aria-label="Filtrer les factures">
        <SelectField name="producteur" label="Producteur" value={q.producteur} blank="Tous" options={p.producers.map((x) => ({ value: x.id, label: x.tradeName }))} error={e.producteur} />
        <SelectField name="statut" label="Statut" value={q.statut} blank="Tous" options={Object.entries(INVOICE_STATUS).map(([value, label]) => ({ value, label }))} error={e.statut} />
        <SelectField name="rapprochement" label="Rapprochement" value={q.rapprochement} blank="Tous" options={Object.entries(MATCH_STATUS).map(([value, label]) => ({ value, label }))} error={e.rapprochement} />
        <Checkbox name="retard" value="1" label="En retard seulement" checked={q.retard === '1'} />
        <button type="submit" class="primary">Filtrer</button>
      </form>
      <p role="status">{p.result.total.toLocaleString('fr-FR')} facture{p.result.total > 1 ? 's' : ''}</p>
      <DataTable caption="Factures fournisseurs" columns={columns} rows={p.result.rows} state={p.state} rowKey={(r) => r.id} empty="Aucune facture ne correspond." />
      <Pager state={p.state} page={p.result.page} pageSize={p.result.pageSize} shown={p.result.rows.length} total={p.result.total} />
    </AdminLayout>
  )
}
