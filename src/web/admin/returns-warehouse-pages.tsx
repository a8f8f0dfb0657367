import type { ReturnPage, ReturnView } from '../../modules/returns/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { Checkbox, CsrfInput, DataTable, ErrorSummary, type FormErrors, type TableState } from './kit.tsx'
import { ReturnFacts, ReturnLinesTable, returnColumns } from './returns-desk-pages.tsx'

/** The warehouse's list: approved returns whose parcel is awaited, and received ones still to refund. */
export function WarehouseReturnListPage(p: { view: AdminView; page: ReturnPage; state: TableState; flash?: string | null }) {
  return (
    <AdminLayout view={p.view} title="Retours à réceptionner" flash={p.flash}>
      <p>Colis de retour attendus (retours acceptés) et retours reçus dont le remboursement n’a pas abouti. Le numéro de retour (RT-…) est écrit sur le colis.</p>
      <DataTable caption="Retours à réceptionner" columns={returnColumns((r) => `/admin/entrepot/retours/${r.id}/reception`)} rows={p.page.rows} state={p.state} rowKey={(r) => r.id} empty="Aucun colis de retour attendu." />
    </AdminLayout>
  )
}

export type ReceiptForm = { errors: FormErrors; values: Record<string, string>; message?: string | null }

/**
 * The receipt of a returned parcel: per line, units put back in stock (into the lot they shipped
 * from) and units written off; the refund of the units received follows in the same submit.
 */
export function ReturnReceptionPage(p: { view: AdminView; ret: ReturnView; today: string; form?: ReceiptForm | undefined; flash?: string | null }) {
  const { ret, view } = p
  const f = p.form ?? { errors: {}, values: {} }
  const open = ret.status === 'approved' || ret.status === 'received'
  const value = (name: string, fallback: string) => f.values[name] ?? fallback
  return (
    <AdminLayout view={view} title={`Réception du retour ${ret.number}`} flash={p.flash}>
      <p><a href="/admin/entrepot/retours">← Retours à réceptionner</a></p>
      <section class="panel" aria-labelledby="resume"><h2 id="resume">Résumé</h2><ReturnFacts ret={ret} orderLink={view.allowed.has('orders.read')} /></section>
      {!open ? <section class="panel" aria-labelledby="articles"><h2 id="articles">Articles</h2><ReturnLinesTable ret={ret} /></section> : null}
      {ret.status === 'requested' ? <p class="notice">Ce retour n’est pas encore accepté par le service client : ne réceptionnez pas le colis.</p> : null}
      {ret.status === 'rejected' ? <p class="notice">Ce retour a été refusé : le colis ne doit pas être réceptionné.</p> : null}
      {open ? (
        <section class="panel" aria-labelledby="reception">
          <h2 id="reception">{ret.status === 'received' ? 'Remboursement à relancer' : 'Ce qui est arrivé'}</h2>
          <ErrorSummary errors={f.errors} message={f.message} />
          {ret.status === 'received' ? <p>La réception est enregistrée ; le remboursement n’a pas abouti. Renvoyez le formulaire pour le relancer (rien ne bouge deux fois en stock).</p> : null}
          <form method="post" action={`/admin/entrepot/retours/${ret.id}/reception`} novalidate>
            <CsrfInput token={view.csrf} />
            <div class="table-wrap" role="region" aria-label="Unités reçues" tabIndex={0}>
              <table>
                <caption class="visually-hidden">Unités reçues par article</caption>
                <thead><tr><th scope="col">Article</th><th scope="col" class="num">Annoncées</th><th scope="col">Lot</th><th scope="col">Remises en stock</th><th scope="col">Mises au rebut</th></tr></thead>
                <tbody>
                  {ret.lines.map((l) => {
                    const expired = l.bestBefore !== null && l.bestBefore < p.today
                    const rs = `restock_${l.orderLineId}`
                    const wo = `writeoff_${l.orderLineId}`
                    return (
                      <tr>
                        <th scope="row">{l.name}<br /><small><code>{l.sku}</code></small></th>
                        <td class="num">{l.quantity}</td>
                        <td>{l.lotCode ?? '—'}{l.bestBefore ? <><br /><small>DDM {l.bestBefore}{expired ? ' — périmé : mettre au rebut' : ''}</small></> : null}</td>
                        <td class={f.errors[rs] ? 'has-error' : undefined}>
                          <label class="visually-hidden" for={`f-${rs}`}>Remises en stock — {l.name}</label>
                          <input id={`f-${rs}`} name={rs} type="number" min="0" max={String(l.quantity)} inputMode="numeric" value={value(rs, ret.status === 'received' ? String(l.restocked) : expired ? '0' : String(l.quantity))} aria-invalid={f.errors[rs] ? 'true' : undefined} />
                          {f.errors[rs] ? <p class="error">{f.errors[rs]}</p> : null}
                        </td>
                        <td class={f.errors[wo] ? 'has-error' : undefined}>
                          <label class="visually-hidden" for={`f-${wo}`}>Mises au rebut — {l.name}</label>
                          <input id={`f-${wo}`} name={wo} type="number" min="0" max={String(l.quantity)} inputMode="numeric" value={value(wo, ret.status === 'received' ? String(l.writtenOff) : expired ? String(l.quantity) : '0')} aria-invalid={f.errors[wo] ? 'true' : undefined} />
                          {f.errors[wo] ? <p class="error">{f.errors[wo]}</p> : null}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
            <Checkbox name="refundShipping" label="Rembourser aussi les frais de livraison (erreur ou défaut de notre part)" checked={f.values.refundShipping === 'on'} />
            <p class="hint">Les unités reçues (remises en stock et mises au rebut) sont remboursées au client sur son moyen de paiement, avec un avoir.</p>
            <button type="submit" class="primary">{ret.status === 'received' ? 'Relancer le remboursement' : 'Enregistrer la réception et rembourser'}</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  )
}
