import type { PurchaseOrderView } from '../../modules/purchasing/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, dateTime, ErrorSummary, euros, type FormErrors, TextArea, TextField } from './kit.tsx'
import type { PoFormValues } from './purchasing-new-page.tsx'
import { CellInput, eurosInput, PO_STATUS_LABELS, rate, shortDay } from './purchasing-kit.tsx'

/** One purchase order: lines and totals, its receipts, and what the member may do next. */
export function PurchaseOrderPage(p: { view: AdminView; po: PurchaseOrderView; values?: PoFormValues | undefined; errors?: FormErrors | undefined; message?: string | null | undefined; flash?: string | null }) {
  const { po, view } = p
  const manage = mayUse(view, 'purchasing.manage')
  const e = p.errors ?? {}
  return (
    <AdminLayout view={view} title={`Bon de commande ${po.number}`} flash={p.flash}>
      <p><a href="/admin/achats">← Bons de commande</a> · <a href={`/admin/achats/${po.id}.pdf`}>PDF du bon de commande</a></p>
      <ErrorSummary errors={po.can.edit && manage ? {} : e} message={po.can.edit && manage ? null : p.message} />
      <dl class="facts">
        <dt>Statut</dt><dd><span class={`badge po-${po.status}`}>{PO_STATUS_LABELS[po.status]}</span></dd>
        <dt>Producteur</dt><dd>{po.producer.name} ({po.producer.email ?? 'pas d’e-mail'})</dd>
        <dt>Entrepôt</dt><dd>{po.warehouse.name} ({po.warehouse.code})</dd>
        <dt>Modèle</dt><dd>{po.model === 'CONSIGNMENT' ? 'Dépôt-vente' : 'Achat'}</dd>
        <dt>Livraison prévue</dt><dd>{shortDay(po.expectedOn)}</dd>
        <dt>Créé le</dt><dd>{dateTime(po.createdAt)}</dd>
        <dt>Envoyé le</dt><dd>{dateTime(po.sentAt)}</dd>
        <dt>Confirmé le</dt><dd>{dateTime(po.confirmedAt)}</dd>
        {po.note ? <><dt>Note</dt><dd>{po.note}</dd></> : null}
      </dl>
      {po.can.edit && manage ? <DraftForm view={view} po={po} values={p.values} errors={e} message={p.message} /> : <LinesTable po={po} />}
      <Totals po={po} />
      <section class="panel" aria-labelledby="actions-h">
        <h2 id="actions-h">Actions</h2>
        {po.can.receive && mayUse(view, 'receiving.record') ? <p><a class="button primary" href={`/admin/achats/${po.id}/reception`}>Enregistrer une réception</a></p> : null}
        {manage ? (
          <div class="actions">
            {po.can.send ? <ActionForm view={view} po={po} action="envoi" label={`Envoyer à ${po.producer.name}`} confirm={`Envoyer ${po.number} par e-mail à ${po.producer.email ?? po.producer.name} ?`} primary /> : null}
            {po.can.close ? <ActionForm view={view} po={po} action="cloture" label="Clore (le reste ne viendra pas)" confirm={`Clore ${po.number} ?`} /> : null}
            {po.can.cancel ? <ActionForm view={view} po={po} action="annulation" label="Annuler le bon de commande" confirm={`Annuler ${po.number} ?`} danger /> : null}
          </div>
        ) : null}
      </section>
      <section class="panel" aria-labelledby="receipts-h">
        <h2 id="receipts-h">Réceptions</h2>
        {po.receipts.length ? (
          <ul>{po.receipts.map((r) => <li><a href={`/admin/receptions/${r.id}`}>{r.number}</a> du {shortDay(r.receivedOn)} : {r.accepted} unités acceptées</li>)}</ul>
        ) : <p>Aucune réception.</p>}
      </section>
    </AdminLayout>
  )
}

function ActionForm(p: { view: AdminView; po: PurchaseOrderView; action: string; label: string; confirm: string; primary?: boolean; danger?: boolean }) {
  return (
    <form method="post" action={`/admin/achats/${p.po.id}/${p.action}`} class="inline" data-confirm={p.confirm}>
      <CsrfInput token={p.view.csrf} />
      <input type="hidden" name="version" value={String(p.po.version)} />
      <button type="submit" class={p.primary ? 'primary' : p.danger ? 'danger' : undefined}>{p.label}</button>
    </form>
  )
}

function LinesTable({ po }: { po: PurchaseOrderView }) {
  return (
    <div class="table-wrap" role="region" aria-label="Lignes" tabIndex={0}>
      <table>
        <thead><tr><th scope="col">Article</th><th scope="col" class="num">Commandé</th><th scope="col" class="num">Reçu</th><th scope="col" class="num">Coût unitaire HT</th><th scope="col" class="num">TVA</th><th scope="col" class="num">Total HT</th></tr></thead>
        <tbody>
          {po.lines.map((l) => (
            <tr><td>{l.name}<br /><small>{l.sku}</small></td><td class="num">{l.quantityOrdered}</td><td class="num">{l.quantityReceived}</td><td class="num">{euros(l.unitCost)}</td><td class="num">{rate(l.vatRateBp)}</td><td class="num">{euros(l.net)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Totals({ po }: { po: PurchaseOrderView }) {
  return (
    <dl class="facts totals">
      <dt>Total HT</dt><dd>{euros(po.totals.net)}</dd>
      {po.totals.byRate.map((r) => <><dt>TVA {rate(r.rateBp)} sur {euros(r.net)}</dt><dd>{euros(r.vat)}</dd></>)}
      <dt>Total TTC</dt><dd><strong>{euros(po.totals.gross)}</strong></dd>
    </dl>
  )
}

/** The draft's lines as a form: quantities (0 removes a line) and unit costs, with the version. */
function DraftForm(p: { view: AdminView; po: PurchaseOrderView; values?: PoFormValues | undefined; errors: FormErrors; message?: string | null | undefined }) {
  const { po } = p
  const v = p.values ?? {}
  return (
    <form method="post" action={`/admin/achats/${po.id}`} novalidate>
      <h2>Lignes du brouillon</h2>
      <ErrorSummary errors={p.errors} message={p.message} />
      <CsrfInput token={p.view.csrf} />
      <input type="hidden" name="version" value={String(po.version)} />
      <div class="table-wrap" role="region" aria-label="Lignes du brouillon" tabIndex={0}>
        <table>
          <thead><tr><th scope="col">Article</th><th scope="col">Quantité</th><th scope="col">Coût unitaire HT (€)</th><th scope="col" class="num">TVA</th><th scope="col" class="num">Total HT</th></tr></thead>
          <tbody>
            {po.lines.map((l, i) => (
              <tr>
                <td>{l.name}<br /><small>{l.sku}</small><input type="hidden" name="variantId" value={l.variantId} /></td>
                <td><CellInput name="quantity" id={`lines.${i}.quantity`} label={`Quantité de ${l.sku}`} inputMode="numeric" value={v.quantity?.[i] ?? String(l.quantityOrdered)} errors={p.errors} /></td>
                <td><CellInput name="unitCost" id={`lines.${i}.unitCost`} label={`Coût unitaire de ${l.sku} en euros`} inputMode="decimal" value={v.unitCost?.[i] ?? eurosInput(l.unitCost)} errors={p.errors} /></td>
                <td class="num">{rate(l.vatRateBp)}</td>
                <td class="num">{euros(l.net)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField name="expectedOn" label="Livraison souhaitée le" type="date" value={v.expectedOn ?? po.expectedOn ?? ''} error={p.errors.expectedOn} />
      <TextArea name="note" label="Note pour le producteur" value={v.note ?? po.note ?? ''} error={p.errors.note} rows={2} maxLength={4000} />
      <button type="submit" class="primary">Enregistrer le brouillon</button>
    </form>
  )
}
