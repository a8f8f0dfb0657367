import type { OrderDeskRow } from '../../modules/orders/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { type Column, DataTable, dateTime, ErrorSummary, euros, type FormErrors, Pager, SelectField, type TableState, TextField } from './kit.tsx'
import { label, MARKET_LABELS, ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS } from './order-labels.ts'

/** total: null when a text search was not counted past its page (see orders.searchOrders) */
export type OrderListResult = { rows: OrderDeskRow[]; total: number | null; totalCapped: boolean; hasMore: boolean; page: number; pageSize: number }

const options = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([value, text]) => ({ value, label: text }))

/** The order desk: find an order by number, e-mail or name; filter, sort and page on the server. */
export function OrderListPage(p: { view: AdminView; result: OrderListResult; state: TableState; errors?: FormErrors }) {
  const q = p.state.query
  const columns: Column<OrderDeskRow>[] = [
    { key: 'number', label: 'Commande', cell: (o) => <a href={`/admin/commandes/${o.id}`}>{o.number}</a> },
    { key: 'placed', label: 'Passée le', sort: 'placed_at', cell: (o) => dateTime(o.placedAt) },
    {
      key: 'customer', label: 'Client',
      cell: (o) => (
        <>
          {o.name}
          <br />
          <small>{o.email}</small>
          {o.shipToName ? <><br /><small>pour {o.shipToName}</small></> : null}
        </>
      ),
    },
    { key: 'status', label: 'Statut', cell: (o) => <span class={`badge status-${o.status}`}>{label(ORDER_STATUS_LABELS, o.status)}</span> },
    { key: 'payment', label: 'Paiement', cell: (o) => label(PAYMENT_METHOD_LABELS, o.paymentMethod) },
    { key: 'market', label: 'Marché', cell: (o) => label(MARKET_LABELS, o.market) },
    { key: 'lines', label: 'Lignes', align: 'end', cell: (o) => o.lineCount },
    { key: 'total', label: 'Total TTC', sort: 'total', align: 'end', cell: (o) => euros(o.totalGross, o.currency) },
  ]
  const r = p.result
  return (
    <AdminLayout view={p.view} title="Commandes">
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="get" action="/admin/commandes" class="filters" role="search" aria-label="Rechercher des commandes">
        <TextField name="q" label="Numéro, e-mail ou nom" type="search" value={q.q} error={p.errors?.q} maxLength={120} />
        <SelectField name="statut" label="Statut" value={q.statut} blank="Tous" options={options(ORDER_STATUS_LABELS)} error={p.errors?.statut} />
        <TextField name="du" label="Passée du" type="date" value={q.du} error={p.errors?.du} />
        <TextField name="au" label="au" type="date" value={q.au} error={p.errors?.au} />
        <SelectField name="marche" label="Marché" value={q.marche} blank="Tous" options={options(MARKET_LABELS)} error={p.errors?.marche} />
        <SelectField name="paiement" label="Paiement" value={q.paiement} blank="Tous" options={options(PAYMENT_METHOD_LABELS)} error={p.errors?.paiement} />
        {q.sort ? <input type="hidden" name="sort" value={q.sort} /> : null}
        {q.dir ? <input type="hidden" name="dir" value={q.dir} /> : null}
        <button type="submit" class="primary">Rechercher</button>
      </form>
      <p role="status">{r.total === null ? `${r.rows.length} commande${r.rows.length > 1 ? 's' : ''} sur cette page` : r.totalCapped ? `Plus de ${r.total.toLocaleString('fr-FR')} commandes` : `${r.total.toLocaleString('fr-FR')} commande${r.total > 1 ? 's' : ''}`}</p>
      <DataTable caption="Commandes trouvées" columns={columns} rows={r.rows} state={p.state} rowKey={(o) => o.id} empty="Aucune commande ne correspond." />
      <Pager state={p.state} page={r.page} pageSize={r.pageSize} shown={r.rows.length} total={r.totalCapped ? null : r.total} hasMore={r.hasMore} />
    </AdminLayout>
  )
}
