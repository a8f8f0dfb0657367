import type { InvoiceDetail } from '../../modules/payables/index.ts'
import { AdminLayout, mayUse, type AdminView } from './layout.tsx'
import { CsrfInput, ErrorSummary, euros, type FormErrors, TextArea, TextField } from './kit.tsx'
import { day } from './order-labels.ts'
import { INVOICE_STATUS, MATCH_STATUS, rate, TERMS } from './payables-labels.ts'

export type InvoiceForms = { errors?: FormErrors; values?: Record<string, string>; message?: string | null }

/** One supplier invoice: amounts, due date, each line traced to its order and receipts, payments, and the decisions. */
export function PayablesInvoicePage(p: { view: AdminView; invoice: InvoiceDetail; today: string; forms?: InvoiceForms; flash?: string | null }) {
  const i = p.invoice
  const e = p.forms?.errors ?? {}
  const v = p.forms?.values ?? {}
  const open = i.status === 'received' || i.status === 'disputed' || i.status === 'approved'
  const manage = mayUse(p.view, 'payables.manage')
  const today = p.today
  const late = open && i.dueOn < today
  return (
    <AdminLayout view={p.view} title={`Facture ${i.invoiceNumber} — ${i.producerName}`} flash={p.flash}>
      <p><a href="/admin/fournisseurs/factures">← Factures fournisseurs</a></p>
      <ErrorSummary errors={e} message={p.forms?.message} />
      <dl class="facts">
        <dt>Statut</dt><dd><span class="badge">{INVOICE_STATUS[i.status]}</span></dd>
        <dt>Rapprochement</dt><dd>{MATCH_STATUS[i.matchStatus]}</dd>
        <dt>Producteur</dt><dd>{i.producerName}</dd>
        <dt>Bon de commande</dt><dd>{i.purchaseOrder ? i.purchaseOrder.number : 'aucun'}</dd>
        <dt>Date de facture</dt><dd>{day(i.invoiceDate)}</dd>
        <dt>Livraison</dt><dd>{day(i.deliveredOn)}</dd>
        <dt>Échéance</dt><dd>{late ? <span class="badge status-cancelled">{day(i.dueOn)} — en retard</span> : day(i.dueOn)} ({i.termsDays} {TERMS[i.termsType] ?? i.termsType})</dd>
        <dt>Total HT</dt><dd>{euros(i.totalNet)}</dd>
        <dt>TVA</dt><dd>{euros(i.totalVat)}</dd>
        <dt>Total TTC</dt><dd>{euros(i.totalGross)}</dd>
        <dt>Payé</dt><dd>{euros(i.amountPaid)}</dd>
        <dt>Reste à payer</dt><dd>{i.status === 'cancelled' ? '—' : euros(i.amountLeft)}</dd>
      </dl>
      <div class="table-wrap" role="region" aria-label="Lignes et rapprochement" tabIndex={0}>
        <table>
          <caption>Lignes et rapprochement avec la commande et les réceptions</caption>
          <thead><tr>
            <th scope="col">N°</th><th scope="col">Désignation</th><th scope="col" class="num">Qté</th><th scope="col" class="num">PU HT</th><th scope="col" class="num">HT</th>
            <th scope="col" class="num">TVA</th><th scope="col">Commande / réceptions</th><th scope="col" class="num">Reçue / déjà facturée</th><th scope="col" class="num">PU commandé</th><th scope="col">Contrôle</th>
          </tr></thead>
          <tbody>
            {i.lines.map((l) => (
              <tr>
                <td>{l.position}</td><td>{l.description}</td><td class="num">{l.quantity}</td><td class="num">{euros(l.unitCost)}</td><td class="num">{euros(l.net)}</td>
                <td class="num">{euros(l.vat)} ({rate(l.vatRateBp)})</td>
                <td>{l.match?.poNumber ? `${l.match.poNumber} / ${l.match.receiptNumbers.join(', ') || 'aucune réception'}` : '—'}</td>
                <td class="num">{l.match?.poNumber ? `${l.match.receivedQuantity} / ${l.match.alreadyInvoiced}` : '—'}</td>
                <td class="num">{l.match?.orderedUnitCost != null ? euros(l.match.orderedUnitCost) : '—'}</td>
                <td>{!l.match ? (i.matchStatus === 'unmatched' ? 'Non rapprochée' : '—') : l.match.ok ? 'Conforme' : <ul>{l.match.problems.map((x) => <li>{x}</li>)}</ul>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="panel" aria-labelledby="pay-h">
        <h2 id="pay-h">Paiements</h2>
        {i.payments.length ? (
          <ul>{i.payments.map((x) => <li>{day(x.paidOn)} — {euros(x.amount)}{x.runNumber ? <> — campagne <a href={`/admin/fournisseurs/virements/${x.runId}`}>{x.runNumber}</a></> : x.reference ? ` — ${x.reference}` : ''}</li>)}</ul>
        ) : <p>Aucun paiement.</p>}
        {manage && open && i.status === 'disputed' ? <p>Facture en litige : approuvez-la avant d’enregistrer un paiement.</p> : null}
        {manage && open && i.status !== 'disputed' ? (
          <form method="post" action={`/admin/fournisseurs/factures/${i.id}/paiement`} novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextField name="amount" label="Montant payé (€)" value={v.amount ?? ''} error={e.amount} inputMode="decimal" required hint={`Reste à payer : ${euros(i.amountLeft)}`} />
            <TextField name="paidOn" label="Date du virement" type="date" value={v.paidOn ?? today} error={e.paidOn} required />
            <TextField name="reference" label="Référence (facultatif)" value={v.reference ?? ''} error={e.reference} maxLength={140} />
            <button type="submit" class="primary">Enregistrer un paiement</button>
          </form>
        ) : null}
      </section>
      {manage && (i.status === 'received' || i.status === 'disputed') ? (
        <section class="panel" aria-labelledby="approve-h">
          <h2 id="approve-h">Approuver pour paiement</h2>
          {i.status === 'disputed' ? <p>Cette facture présente un écart avec la commande ou les réceptions : l’approuver la rend payable malgré l’écart. La raison est gardée au journal d’audit.</p> : null}
          <form method="post" action={`/admin/fournisseurs/factures/${i.id}/approbation`} novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextArea name="approveReason" label="Raison" value={v.approveReason ?? ''} error={e.approveReason} rows={2} maxLength={2000} required />
            <button type="submit" class="primary">Approuver</button>
          </form>
        </section>
      ) : null}
      {manage && open && i.amountPaid === 0 ? (
        <section class="panel" aria-labelledby="cancel-h">
          <h2 id="cancel-h">Annuler la facture</h2>
          <form method="post" action={`/admin/fournisseurs/factures/${i.id}/annulation`} novalidate>
            <CsrfInput token={p.view.csrf} />
            <TextArea name="cancelReason" label="Raison de l’annulation" value={v.cancelReason ?? ''} error={e.cancelReason} rows={2} maxLength={2000} required />
            <button type="submit" class="danger">Annuler la facture</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  )
}
