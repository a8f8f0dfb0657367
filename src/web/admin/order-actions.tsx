import type { AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, euros, type FormErrors, TextArea, TextField } from './kit.tsx'
import type { OrderDesk } from './order-detail-page.tsx'
import { label, ORDER_STATUS_LABELS } from './order-labels.ts'

/** A refused form: its field errors, the values typed, a message about the whole form. */
export type FormState = { errors: FormErrors; values?: Readonly<Record<string, string>>; message?: string | null }
export type OrderForms = { cancel?: FormState | undefined; refund?: FormState | undefined; resend?: (FormState & { emailId: string }) | undefined }

/** Cancel before packing, with a reason; what happens to the stock and the money is said first. */
export function CancelForm(p: { view: AdminView; desk: OrderDesk; form?: FormState | undefined }) {
  const o = p.desk.order
  if (!p.desk.cancellable) {
    return (
      <div class="action">
        <h3>Annuler la commande</h3>
        <ErrorSummary errors={{}} message={p.form?.message} />
        <p>{o.status === 'cancelled' ? 'Cette commande est annulée.' : `Annulation impossible : la commande est ${label(ORDER_STATUS_LABELS, o.status)}. Une fois emballée, elle part : proposez un retour puis un remboursement.`}</p>
      </div>
    )
  }
  const e = p.form?.errors ?? {}
  return (
    <form method="post" action={`/admin/commandes/${o.id}/annulation`} class="action" data-confirm={`Annuler la commande ${o.number} ?`} novalidate>
      <h3>Annuler la commande</h3>
      <ErrorSummary errors={e} message={p.form?.message} />
      <CsrfInput token={p.view.csrf} />
      <p>Le stock réservé est remis en vente{p.desk.refundable > 0 ? ` ; ${euros(p.desk.refundable)} sont remboursés sur le moyen de paiement d’origine, avec un avoir` : ''}. Le client reçoit un e-mail.</p>
      <TextArea name="cancelReason" label="Motif de l’annulation" value={p.form?.values?.cancelReason} error={e.cancelReason} required rows={2} maxLength={500} hint="Enregistré dans l’historique de la commande." />
      <button type="submit" class="danger">Annuler la commande</button>
    </form>
  )
}

/** Refund an amount or units of lines (and the shipping), to the original payment, with a reason. */
export function RefundForm(p: { view: AdminView; desk: OrderDesk; form?: FormState | undefined }) {
  const d = p.desk
  const o = d.order
  if (d.refundable <= 0) {
    return (
      <div class="action">
        <h3>Rembourser</h3>
        <p>{d.credit ? 'Tout ce qui a été payé est remboursé.' : 'Rien n’a été encaissé : il n’y a rien à rembourser.'}</p>
      </div>
    )
  }
  const e = p.form?.errors ?? {}
  const v = p.form?.values ?? {}
  const mode = v.mode === 'lines' ? 'lines' : 'amount'
  return (
    <form method="post" action={`/admin/commandes/${o.id}/remboursement`} class="action" data-confirm="Confirmer le remboursement ?" novalidate>
      <h3>Rembourser</h3>
      <ErrorSummary errors={e} message={p.form?.message} />
      <CsrfInput token={p.view.csrf} />
      <input type="hidden" name="requestKey" value={v.requestKey ?? d.requestKey} />
      <p>Reste remboursable : <strong>{euros(d.refundable)}</strong>, sur le moyen de paiement d’origine. Un avoir du montant remboursé est émis.</p>
      <fieldset class={e.mode ? 'field has-error' : 'field'} id="f-mode">
        <legend>Rembourser</legend>
        {e.mode ? <p class="error">{e.mode}</p> : null}
        <label class="check"><input type="radio" name="mode" value="amount" checked={mode === 'amount'} /> un montant</label>
        <label class="check"><input type="radio" name="mode" value="lines" checked={mode === 'lines'} /> des articles</label>
      </fieldset>
      <TextField name="amount" label="Montant TTC à rembourser (€)" value={v.amount} error={e.amount} inputMode="decimal" hint={`Si « un montant » : au plus ${euros(d.refundable)}, par exemple 12,50.`} maxLength={20} />
      <fieldset class={e.lines ? 'field has-error' : 'field'} id="f-lines" aria-describedby={e.lines ? 'f-lines-error' : undefined}>
        <legend>Si « des articles » : quantités à rembourser</legend>
        {e.lines ? <p class="error" id="f-lines-error">{e.lines}</p> : null}
        {o.lines.map((l) => {
          const left = d.unitsLeft[l.id] ?? 0
          return (
            <div class="qty-line">
              <label for={`f-qty_${l.id}`}>{l.name} <small>({l.quantity} acheté{l.quantity > 1 ? 's' : ''}, {left} remboursable{left > 1 ? 's' : ''}, {euros(l.unitGross)} l’unité)</small></label>
              <input id={`f-qty_${l.id}`} name={`qty_${l.id}`} type="number" min="0" max={String(left)} step="1" inputMode="numeric" value={v[`qty_${l.id}`] ?? ''} disabled={left === 0} />
            </div>
          )
        })}
        {d.shippingRefundable ? (
          <label class="check"><input type="checkbox" name="shipping" value="on" checked={v.shipping === 'on'} /> rembourser la livraison ({euros(d.shippingRefundable)})</label>
        ) : null}
      </fieldset>
      <TextArea name="refundReason" label="Motif du remboursement" value={v.refundReason} error={e.refundReason} required rows={2} maxLength={500} hint="Imprimé sur l’avoir et enregistré dans l’historique." />
      <button type="submit" class="primary">Rembourser</button>
    </form>
  )
}
