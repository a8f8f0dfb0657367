import type { ComponentChildren } from 'preact'
import type { WarehouseSummary } from '../../modules/inventory/index.ts'
import type { PickListSummary, PickListView, QueueOrder } from '../../modules/warehouse/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, type FormErrors } from './kit.tsx'

export const PICK_STATUS: Readonly<Record<string, string>> = { open: 'ouverte', done: 'terminée', cancelled: 'annulée' }

/** The choice of warehouse, shared by the warehouse screens (GET form). */
export function WarehousePicker(p: { action: string; warehouses: WarehouseSummary[]; current: string | null; all?: boolean; extra?: ComponentChildren }) {
  return (
    <form method="get" action={p.action} class="filters" aria-label="Choisir l’entrepôt">
      <div class="field">
        <label for="f-entrepot">Entrepôt</label>
        <select id="f-entrepot" name="entrepot">
          {p.all ? <option value="">Tous</option> : null}
          {p.warehouses.map((w) => <option value={w.code} selected={w.code === p.current}>{w.code} — {w.name}</option>)}
        </select>
      </div>
      {p.extra}
      <button type="submit">Afficher</button>
    </form>
  )
}

/** Paid orders to prepare in a warehouse; pick some (or the N oldest) to print a pick list. */
export function PreparationQueuePage(p: { view: AdminView; warehouses: WarehouseSummary[]; warehouse: string; queue: QueueOrder[]; pickLists: PickListSummary[]; errors?: FormErrors; message?: string | null; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title={`Préparation — ${p.warehouse}`} flash={p.flash}>
      <WarehousePicker action="/admin/entrepot" warehouses={p.warehouses} current={p.warehouse} />
      <ErrorSummary errors={p.errors ?? {}} message={p.message} />
      <form method="post" action="/admin/entrepot/listes">
        <CsrfInput token={p.view.csrf} />
        <input type="hidden" name="entrepot" value={p.warehouse} />
        <div class="table-wrap" role="region" aria-label="Commandes à préparer" tabIndex={0}>
          <table>
            <caption>{p.queue.length} commande(s) à préparer — fleurs datées d’abord, puis les plus anciennes</caption>
            <thead><tr><th scope="col">Choisir</th><th scope="col">Commande</th><th scope="col">Payée le</th><th scope="col">Unités</th><th scope="col">Signalements</th></tr></thead>
            <tbody>
              {p.queue.map((o) => (
                <tr>
                  <td><input type="checkbox" name="orders" value={o.orderId} id={`o-${o.orderId}`} aria-label={`Choisir ${o.number}`} /></td>
                  <td><label for={`o-${o.orderId}`}>{o.number}</label></td>
                  <td>{dateTime(o.paidAt)}</td>
                  <td>{o.units}</td>
                  <td>{[o.bottles ? 'bouteilles' : '', o.flowers ? `fleurs${o.deliveryDate ? ` livrées le ${o.deliveryDate}` : ''}` : '', o.partial ? 'partielle' : ''].filter(Boolean).join(' · ') || '—'}</td>
                </tr>
              ))}
              {p.queue.length ? null : <tr><td colSpan={5}>Aucune commande à préparer dans cet entrepôt.</td></tr>}
            </tbody>
          </table>
        </div>
        <div class={p.errors?.oldest ? 'field has-error' : 'field'}>
          <label for="f-oldest">Ou les N plus anciennes</label>
          {p.errors?.oldest ? <p class="error" id="f-oldest-error">{p.errors.oldest}</p> : null}
          <input id="f-oldest" name="oldest" type="number" min="1" max="2000" inputMode="numeric" />
        </div>
        <button type="submit" class="primary">Créer la liste de préparation</button>
      </form>
      <section class="panel" aria-labelledby="lists-h">
        <h2 id="lists-h">Dernières listes</h2>
        <ul>
          {p.pickLists.map((l) => <li><a href={`/admin/entrepot/listes/${l.id}`}>{l.number}</a> — {l.orders} commande(s), {l.lines} ligne(s), {PICK_STATUS[l.status] ?? l.status}, {dateTime(l.createdAt)}</li>)}
        </ul>
      </section>
    </AdminLayout>
  )
}

/** A pick list, printable: walking order, lot and best-before, the order to pack each line for. */
export function PickListPage(p: { view: AdminView; list: PickListView; flash?: string | null; notes?: string[] }) {
  const { list } = p
  const orders = [...new Map(list.lines.map((l) => [l.orderId, l.orderNumber])).entries()]
  return (
    <AdminLayout view={p.view} title={`Liste de préparation ${list.number}`} flash={p.flash}>
      <p><a href={`/admin/entrepot?entrepot=${list.warehouseCode}`}>← Préparation {list.warehouseCode}</a> · <a href={`/admin/entrepot/listes/${list.id}.pdf`}>Télécharger le PDF</a></p>
      {p.notes?.length ? <div class="notice" role="status">{p.notes.map((n) => <p>{n}</p>)}</div> : null}
      <div class="table-wrap" role="region" aria-label="Lignes à prélever" tabIndex={0}>
        <table>
          <caption>{list.lines.length} ligne(s), entrepôt {list.warehouseCode}, {PICK_STATUS[list.status] ?? list.status}</caption>
          <thead><tr><th scope="col">N°</th><th scope="col">Emplacement</th><th scope="col">SKU</th><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">DDM/DLC</th><th scope="col">Qté</th><th scope="col">Commande</th></tr></thead>
          <tbody>
            {list.lines.map((l) => (
              <tr><td>{l.sequence}</td><td>{l.location ?? '—'}</td><td><code>{l.sku}</code></td><td>{l.name}</td><td>{l.lotCode}</td><td>{l.bestBefore ?? '—'}</td><td>{l.quantity}</td><td>{l.orderNumber}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="pack-h">
        <h2 id="pack-h">Emballer</h2>
        <ul>{orders.map(([id, number]) => <li><a href={`/admin/entrepot/commandes/${id}/colis`}>Emballer {number}</a></li>)}</ul>
      </section>
    </AdminLayout>
  )
}
