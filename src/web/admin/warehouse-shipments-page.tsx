import type { CarrierCode, ShipmentRow, ShipmentView } from '../../modules/warehouse/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, SelectField, TextField, type FormErrors } from './kit.tsx'
import { SHIPMENT_STATUS } from './warehouse-packing-page.tsx'

const TABS = ['packed', 'shipped', 'delivered', 'cancelled'] as const

/** Shipments by status: the packed ones wait for their carrier. */
export function ShipmentListPage(p: { view: AdminView; status: string; rows: ShipmentRow[]; page: number; hasMore: boolean }) {
  return (
    <AdminLayout view={p.view} title="Expéditions">
      <nav aria-label="Statut des expéditions"><ul class="tabs">
        {TABS.map((t) => <li><a href={`/admin/entrepot/expeditions?statut=${t}`} aria-current={t === p.status ? 'page' : undefined}>{SHIPMENT_STATUS[t]}</a></li>)}
      </ul></nav>
      <div class="table-wrap" role="region" aria-label="Expéditions" tabIndex={0}>
        <table>
          <caption>Expéditions : {SHIPMENT_STATUS[p.status] ?? p.status}</caption>
          <thead><tr><th scope="col">Expédition</th><th scope="col">Commande</th><th scope="col">Entrepôt</th><th scope="col">Colis</th><th scope="col">Unités</th><th scope="col">Emballée</th><th scope="col">Suivi</th></tr></thead>
          <tbody>
            {p.rows.map((s) => (
              <tr><td><a href={`/admin/entrepot/expeditions/${s.id}`}>{s.number}</a></td><td><a href={`/admin/commandes/${s.orderId}`}>{s.orderNumber}</a></td><td>{s.warehouseCode}</td><td>{s.parcelCount}</td><td>{s.units}</td><td>{dateTime(s.packedAt)}</td><td>{s.trackingNumber ?? '—'}</td></tr>
            ))}
            {p.rows.length ? null : <tr><td colSpan={7}>Aucune expédition.</td></tr>}
          </tbody>
        </table>
      </div>
      <p>
        {p.page > 1 ? <a href={`/admin/entrepot/expeditions?statut=${p.status}&page=${p.page - 1}`}>← Précédentes</a> : null}
        {p.hasMore ? <> <a href={`/admin/entrepot/expeditions?statut=${p.status}&page=${p.page + 1}`}>Suivantes →</a></> : null}
      </p>
    </AdminLayout>
  )
}

/** One shipment: its lines, the packing slip, and the hand-over to the carrier. */
export function ShipmentPage(p: { view: AdminView; shipment: ShipmentView; carriers: { value: CarrierCode; label: string }[]; values?: { carrier: string; tracking: string }; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  const s = p.shipment
  const e = p.errors ?? {}
  return (
    <AdminLayout view={p.view} title={`Expédition ${s.number}`} flash={p.flash}>
      <p><a href="/admin/entrepot/expeditions">← Expéditions</a> · commande <a href={`/admin/commandes/${s.orderId}`}>{s.orderNumber}</a> · <a href={`/admin/entrepot/expeditions/${s.id}/bordereau.pdf`}>Bordereau et étiquette (PDF)</a></p>
      <p>Statut : {SHIPMENT_STATUS[s.status] ?? s.status} · {s.parcelCount} colis · {s.shippingMethod}{s.protectivePacking ? ' · calage' : ''}{s.trackingNumber ? ` · suivi ${s.trackingNumber}` : ''}</p>
      <ErrorSummary errors={e} message={p.message} />
      <div class="table-wrap" role="region" aria-label="Contenu" tabIndex={0}>
        <table>
          <caption>Contenu du colis</caption>
          <thead><tr><th scope="col">SKU</th><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">DDM/DLC</th><th scope="col">Qté</th></tr></thead>
          <tbody>{s.lines.map((l) => <tr><td><code>{l.sku}</code></td><td>{l.name}</td><td>{l.lotCode}</td><td>{l.bestBefore ?? '—'}</td><td>{l.quantity}</td></tr>)}</tbody>
        </table>
      </div>
      {s.status === 'packed' ? (
        <form method="post" action={`/admin/entrepot/expeditions/${s.id}/expedier`} novalidate>
          <CsrfInput token={p.view.csrf} />
          <SelectField name="carrier" label="Transporteur" options={p.carriers} value={p.values?.carrier} blank="— choisir —" error={e.carrier} required />
          <TextField name="tracking" label="Numéro de suivi" value={p.values?.tracking} error={e.tracking} maxLength={40} required />
          <button type="submit" class="primary">Expédier</button>
        </form>
      ) : s.shippedAt ? <p>Parti le {dateTime(s.shippedAt)}{s.trackingUrl ? <> — <a href={s.trackingUrl} rel="noopener noreferrer">suivre le colis</a></> : null}</p> : null}
    </AdminLayout>
  )
}
