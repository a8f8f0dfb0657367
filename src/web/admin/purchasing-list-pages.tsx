import type { GoodsReceiptRow, PurchaseOrderRow, PurchaseOrderStatus } from '../../modules/purchasing/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { type Column, DataTable, ErrorSummary, euros, type FormErrors, Pager, SelectField, type TableState } from './kit.tsx'
import { PO_STATUS_LABELS, shortDay } from './purchasing-kit.tsx'

export type Choice = { value: string; label: string }

/** Purchase orders: filters by producer, status and warehouse, newest first. */
export function PurchaseOrderListPage(p: {
  view: AdminView; rows: PurchaseOrderRow[]; total: number; page: number; pageSize: number; state: TableState
  producers: Choice[]; warehouses: Choice[]; errors?: FormErrors | undefined; flash?: string | null
}) {
  const q = p.state.query
  const columns: Column<PurchaseOrderRow>[] = [
    { key: 'number', label: 'Numéro', cell: (r) => <a href={`/admin/achats/${r.id}`}>{r.number}</a> },
    { key: 'producer', label: 'Producteur', cell: (r) => r.producerName },
    { key: 'warehouse', label: 'Entrepôt', cell: (r) => r.warehouseCode },
    { key: 'status', label: 'Statut', cell: (r) => <span class={`badge po-${r.status}`}>{PO_STATUS_LABELS[r.status]}</span> },
    { key: 'total', label: 'Total HT', align: 'end', cell: (r) => euros(r.totalNet) },
    { key: 'expected', label: 'Livraison prévue', cell: (r) => shortDay(r.expectedOn) },
  ]
  const statuses = (Object.entries(PO_STATUS_LABELS) as [PurchaseOrderStatus, string][]).map(([value, label]) => ({ value, label }))
  return (
    <AdminLayout view={p.view} title="Bons de commande" flash={p.flash}>
      {mayUse(p.view, 'purchasing.manage') ? <p><a class="button primary" href="/admin/achats/nouveau">Nouveau bon de commande</a></p> : null}
      <ErrorSummary errors={p.errors ?? {}} />
      <form method="get" action="/admin/achats" class="filters" role="search" aria-label="Filtrer les bons de commande">
        <SelectField name="producteur" label="Producteur" value={q.producteur} blank="Tous" options={p.producers} error={p.errors?.producteur} />
        <SelectField name="statut" label="Statut" value={q.statut} blank="Tous" options={statuses} error={p.errors?.statut} />
        <SelectField name="entrepot" label="Entrepôt" value={q.entrepot} blank="Tous" options={p.warehouses} error={p.errors?.entrepot} />
        <button type="submit" class="primary">Filtrer</button>
      </form>
      <p role="status">{`${p.total.toLocaleString('fr-FR')} bon${p.total > 1 ? 's' : ''} de commande`}</p>
      <DataTable caption="Bons de commande" columns={columns} rows={p.rows} state={p.state} rowKey={(r) => r.id} empty="Aucun bon de commande ne correspond." />
      <Pager state={p.state} page={p.page} pageSize={p.pageSize} shown={p.rows.length} total={p.total} />
    </AdminLayout>
  )
}

/** Goods receipts, newest first, with the lines that had a discrepancy. */
export function ReceiptListPage(p: { view: AdminView; rows: GoodsReceiptRow[]; page: number; pageSize: number; state: TableState }) {
  const columns: Column<GoodsReceiptRow>[] = [
    { key: 'number', label: 'Réception', cell: (r) => <a href={`/admin/receptions/${r.id}`}>{r.number}</a> },
    { key: 'date', label: 'Reçue le', cell: (r) => shortDay(r.receivedOn) },
    { key: 'po', label: 'Bon de commande', cell: (r) => <a href={`/admin/achats/${r.purchaseOrderId}`}>{r.purchaseOrderNumber}</a> },
    { key: 'producer', label: 'Producteur', cell: (r) => r.producerName },
    { key: 'warehouse', label: 'Entrepôt', cell: (r) => r.warehouseCode },
    { key: 'accepted', label: 'Unités acceptées', align: 'end', cell: (r) => r.accepted },
    { key: 'discrepancies', label: 'Écarts', align: 'end', cell: (r) => (r.discrepancies ? <strong>{r.discrepancies}</strong> : '0') },
  ]
  return (
    <AdminLayout view={p.view} title="Réceptions">
      <DataTable caption="Réceptions" columns={columns} rows={p.rows} state={p.state} rowKey={(r) => r.id} empty="Aucune réception enregistrée." />
      <Pager state={p.state} page={p.page} pageSize={p.pageSize} shown={p.rows.length} />
    </AdminLayout>
  )
}
