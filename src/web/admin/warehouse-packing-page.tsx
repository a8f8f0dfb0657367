import type { PackingView, ShipmentSummary } from '../../modules/warehouse/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { Checkbox, CsrfInput, dateTime, ErrorSummary, TextField, type FormErrors } from './kit.tsx'
import { ORDER_STATUS_LABELS } from './order-labels.ts'

export const SHIPMENT_STATUS: Readonly<Record<string, string>> = { packing: 'en cours d’emballage', packed: 'emballée, à remettre au transporteur', shipped: 'expédiée', delivered: 'livrée', cancelled: 'annulée' }

const CLASS_HINT: Readonly<Record<string, string>> = { BOTTLE: 'bouteille : calage obligatoire, 6 par colis au plus', FRESH_FLOWERS_EXPRESS: 'fleurs fraîches : express, date de livraison', LIVE_PLANT_LOCAL: 'plante : livraison locale' }

export type PackingValues = { qty: Record<string, string>; protective: boolean; parcels: string; weight: string }

/** The packer's screen: picked units per line and lot, quantities to confirm, the class rules. */
export function PackingPage(p: { view: AdminView; order: PackingView; values?: PackingValues; errors?: FormErrors; message?: string | null; flash?: string | null; canRefund: boolean }) {
  const { order } = p
  const e = p.errors ?? {}
  const key = (u: { orderLineId: string; lotId: string }) => `${u.orderLineId}:${u.lotId}`
  const bottles = order.units.some((u) => u.shippingClass === 'BOTTLE')
  return (
    <AdminLayout view={p.view} title={`Colis de la commande ${order.number}`} flash={p.flash}>
      <p><a href={`/admin/commandes/${order.orderId}`}>Fiche commande</a> · statut : {ORDER_STATUS_LABELS[order.status] ?? order.status} · {order.shippingMethod}{order.deliveryDate ? ` · livraison le ${order.deliveryDate}` : ''}</p>
      <ErrorSummary errors={e} message={p.message} />
      {order.units.length ? (
        <form method="post" action={`/admin/entrepot/commandes/${order.orderId}/colis`} novalidate>
          <CsrfInput token={p.view.csrf} />
          <div class="table-wrap" role="region" aria-label="Unités prélevées" tabIndex={0} id="f-lines">
            <table>
              <caption>Unités prélevées à emballer (une quantité plus petite laisse le reste pour un colis suivant)</caption>
              <thead><tr><th scope="col">SKU</th><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">DDM/DLC</th><th scope="col">Règle</th><th scope="col">Commandé</th><th scope="col">À emballer</th><th scope="col">Mis dans le colis</th></tr></thead>
              <tbody>
                {order.units.map((u) => (
                  <tr>
                    <td><code>{u.sku}</code></td><td>{u.name}</td><td>{u.lotCode}</td><td>{u.bestBefore ?? '—'}</td><td>{CLASS_HINT[u.shippingClass] ?? '—'}</td><td>{u.ordered}</td><td>{u.pending}</td>
                    <td><input type="number" min="0" max={u.pending} name={`qty:${key(u)}`} value={p.values?.qty[key(u)] ?? String(u.pending)} aria-label={`Quantité de ${u.sku} lot ${u.lotCode}`} inputMode="numeric" /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {e.lines ? <p class="error" role="alert">{e.lines}</p> : null}
          <div class={e.protective ? 'field has-error' : 'field'} id="f-protective">
            {e.protective ? <p class="error">{e.protective}</p> : null}
            <Checkbox name="protective" label={bottles ? 'Emballage de protection (calage bouteille) mis en place — obligatoire pour les bouteilles' : 'Emballage de protection'} checked={p.values?.protective ?? false} />
          </div>
          <TextField name="parcels" label="Nombre de colis" type="number" inputMode="numeric" value={p.values?.parcels ?? '1'} error={e.parcels} required />
          <TextField name="weight" label="Poids total (grammes, vide = calculé)" type="number" inputMode="numeric" value={p.values?.weight ?? ''} error={e.weight} />
          {e.flowers ? <p class="error" role="alert" id="f-flowers">{e.flowers}</p> : null}
          <button type="submit" class="primary">Valider le colis</button>
        </form>
      ) : <p>Aucune unité prélevée n’attend d’être emballée.</p>}
      {order.unpicked.length ? <p>Pas encore sur une liste de préparation : {order.unpicked.map((u) => `${u.name} × ${u.quantity}`).join(', ')}.</p> : null}
      {p.canRefund && order.units.length ? (
        <section class="panel" aria-labelledby="rest-h">
          <h2 id="rest-h">Annuler le reste d’une ligne</h2>
          <p>Les unités introuvables ou abîmées ne partiront pas : elles sont désallouées et remboursées au client, qui en est prévenu par e-mail.</p>
          <form method="post" action={`/admin/entrepot/commandes/${order.orderId}/annuler-reste`} novalidate>
            <CsrfInput token={p.view.csrf} />
            <div class="field"><label for="f-rest-line">Ligne</label>
              <select id="f-rest-line" name="line">{[...new Map(order.units.map((u) => [u.orderLineId, u])).values()].map((u) => <option value={u.orderLineId}>{u.sku} — {u.name}</option>)}</select>
            </div>
            <TextField name="rest_quantity" label="Unités à annuler" type="number" inputMode="numeric" error={e.rest_quantity} required />
            <TextField name="reason" label="Motif (vu par le client dans le remboursement)" error={e.reason} maxLength={500} required />
            <button type="submit">Annuler ces unités et rembourser</button>
          </form>
        </section>
      ) : null}
      <ShipmentsOfOrder shipments={order.shipments} admin />
    </AdminLayout>
  )
}

/** An order's parcels with their tracking (packing screen and order desk). */
export function ShipmentsOfOrder(p: { shipments: ShipmentSummary[]; admin?: boolean }) {
  if (!p.shipments.length) return null
  return (
    <section class="panel" aria-labelledby="shipments-h">
      <h2 id="shipments-h">Expéditions</h2>
      <ul>
        {p.shipments.map((s) => (
          <li>
            {p.admin ? <a href={`/admin/entrepot/expeditions/${s.id}`}>{s.number}</a> : s.number} — {SHIPMENT_STATUS[s.status] ?? s.status}, {s.parcelCount} colis
            {s.trackingNumber ? <> · suivi {s.trackingUrl ? <a href={s.trackingUrl} rel="noopener noreferrer">{s.trackingNumber}</a> : s.trackingNumber}</> : null}
            {s.shippedAt ? ` · parti le ${dateTime(s.shippedAt)}` : ''}
            <br /><small>{s.lines.map((l) => `${l.name} × ${l.quantity} (lot ${l.lotCode})`).join(', ')}</small>
          </li>
        ))}
      </ul>
    </section>
  )
}
