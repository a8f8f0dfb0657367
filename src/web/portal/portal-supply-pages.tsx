import { CsrfInput, dateTime, euros } from '../admin/kit.tsx'
import { frDay, INVOICE_STATUS, PO_STATUS, STATEMENT_STATUS } from './labels.ts'
import { PortalLayout, type PortalView } from './layout.tsx'
import type { PortalInvoice, PortalPurchaseOrder, PortalPurchaseOrderDetail, PortalReceipt, PortalStatement } from '../../modules/portal/index.ts'

export function PortalOrdersPage(p: { view: PortalView; orders: PortalPurchaseOrder[] }) {
  return (
    <PortalLayout view={p.view} title="Bons de commande">
      <table>
        <caption class="visually-hidden">Bons de commande</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Statut</th><th scope="col">Modèle</th><th scope="col">Entrepôt</th><th scope="col">Livraison souhaitée</th><th scope="col" class="num">Total HT</th></tr></thead>
        <tbody>
          {p.orders.length === 0 ? <tr><td colSpan={6} class="empty">Aucun bon de commande.</td></tr> : p.orders.map((o) => (
            <tr>
              <td><a href={`/portail/commandes/${o.id}`}>{o.number}</a></td><td>{PO_STATUS[o.status] ?? o.status}</td><td>{o.model === 'CONSIGNMENT' ? 'Dépôt-vente' : 'Achat'}</td>
              <td>{o.warehouseCode}</td><td>{frDay(o.expectedOn)}</td><td class="num">{euros(o.totalNet)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PortalLayout>
  )
}

export function PortalOrderPage(p: { view: PortalView; order: PortalPurchaseOrderDetail; flash?: string | null; error?: string | null }) {
  const o = p.order
  return (
    <PortalLayout view={p.view} title={`Bon de commande ${o.number}`} flash={p.flash}>
      {p.error ? <div class="form-errors" role="alert"><p>{p.error}</p></div> : null}
      <dl class="facts">
        <dt>Statut</dt><dd>{PO_STATUS[o.status] ?? o.status}</dd>
        <dt>Modèle</dt><dd>{o.model === 'CONSIGNMENT' ? 'Dépôt-vente' : 'Achat ferme'}</dd>
        <dt>Entrepôt de livraison</dt><dd>{o.warehouseCode}</dd>
        <dt>Livraison souhaitée</dt><dd>{frDay(o.expectedOn)}</dd>
        <dt>Envoyé le</dt><dd>{dateTime(o.sentAt)}</dd>
        <dt>Confirmé le</dt><dd>{dateTime(o.confirmedAt)}</dd>
        {o.note ? <><dt>Note</dt><dd>{o.note}</dd></> : null}
      </dl>
      <p><a href={`/portail/commandes/${o.id}/pdf`}>Télécharger le PDF</a></p>
      <table>
        <caption>Lignes</caption>
        <thead><tr><th scope="col">#</th><th scope="col">Article</th><th scope="col" class="num">Commandé</th><th scope="col" class="num">Reçu</th><th scope="col" class="num">Coût unitaire HT</th><th scope="col" class="num">Total HT</th></tr></thead>
        <tbody>
          {o.lines.map((l) => <tr><td>{l.position}</td><td>{l.name} <small>{l.sku}</small></td><td class="num">{l.quantityOrdered}</td><td class="num">{l.quantityReceived}</td><td class="num">{euros(l.unitCost)}</td><td class="num">{euros(l.lineNet)}</td></tr>)}
        </tbody>
        <tfoot><tr><th scope="row" colSpan={5}>Total HT</th><td class="num">{euros(o.totalNet)}</td></tr></tfoot>
      </table>
      {o.status === 'sent' ? (
        <form method="post" action={`/portail/commandes/${o.id}/confirmer`}>
          <CsrfInput token={p.view.csrf} />
          <button type="submit" class="primary">Confirmer</button>
        </form>
      ) : null}
    </PortalLayout>
  )
}

export function PortalReceiptsPage(p: { view: PortalView; receipts: PortalReceipt[] }) {
  return (
    <PortalLayout view={p.view} title="Réceptions">
      {p.receipts.length === 0 ? <p>Aucune réception.</p> : null}
      {p.receipts.map((r) => (
        <section>
          <h2>{`${r.number} — bon ${r.purchaseOrderNumber}, reçu le ${frDay(r.receivedOn)} (${r.warehouseCode})`}</h2>
          {r.note ? <p>{r.note}</p> : null}
          <table>
            <caption class="visually-hidden">{`Lignes de la réception ${r.number}`}</caption>
            <thead><tr><th scope="col">Article</th><th scope="col">Lot</th><th scope="col">À consommer avant</th><th scope="col" class="num">Commandé</th><th scope="col" class="num">Accepté</th><th scope="col" class="num">Abîmé</th><th scope="col" class="num">Refusé</th><th scope="col">Écart</th></tr></thead>
            <tbody>
              {r.lines.map((l) => (
                <tr class={l.damaged || l.refused ? 'discrepancy' : undefined}>
                  <td>{l.name} <small>{l.sku}</small></td><td>{l.lotCode}</td><td>{frDay(l.bestBefore)}</td><td class="num">{l.ordered}</td><td class="num">{l.accepted}</td>
                  <td class="num">{l.damaged}</td><td class="num">{l.refused}</td><td>{l.note ?? (l.damaged || l.refused ? 'Écart constaté' : '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </PortalLayout>
  )
}

export function PortalInvoicesPage(p: { view: PortalView; invoices: PortalInvoice[] }) {
  return (
    <PortalLayout view={p.view} title="Vos factures">
      <p>Chaque facture validée est payée à son échéance ; le reste à payer diminue à chaque virement.</p>
      <table>
        <caption class="visually-hidden">Factures fournisseur</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Date</th><th scope="col" class="num">Montant TTC</th><th scope="col">Échéance</th><th scope="col" class="num">Payé</th><th scope="col" class="num">Reste à payer</th><th scope="col">Statut</th></tr></thead>
        <tbody>
          {p.invoices.length === 0 ? <tr><td colSpan={7} class="empty">Aucune facture.</td></tr> : p.invoices.map((i) => (
            <tr><td>{i.number}</td><td>{frDay(i.invoiceDate)}</td><td class="num">{euros(i.totalGross, i.currency)}</td><td>{frDay(i.dueOn)}</td><td class="num">{euros(i.paid, i.currency)}</td><td class="num">{euros(i.left, i.currency)}</td><td>{INVOICE_STATUS[i.status] ?? i.status}</td></tr>
          ))}
        </tbody>
      </table>
    </PortalLayout>
  )
}

export function PortalStatementsPage(p: { view: PortalView; statements: PortalStatement[] }) {
  return (
    <PortalLayout view={p.view} title="Relevés de dépôt-vente">
      <table>
        <caption class="visually-hidden">Relevés de dépôt-vente</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Période</th><th scope="col" class="num">Unités</th><th scope="col" class="num">Ventes HT</th><th scope="col" class="num">Commission TTC</th><th scope="col" class="num">Dû</th><th scope="col">Échéance</th><th scope="col">Statut</th><th scope="col">PDF</th></tr></thead>
        <tbody>
          {p.statements.length === 0 ? <tr><td colSpan={9} class="empty">Aucun relevé.</td></tr> : p.statements.map((s) => (
            <tr>
              <td>{s.number}</td><td>{`${frDay(s.periodStart)} – ${frDay(s.periodEnd)}`}</td><td class="num">{s.units}</td><td class="num">{euros(s.salesNet, s.currency)}</td>
              <td class="num">{euros(s.commissionNet + s.commissionVat, s.currency)}</td><td class="num">{euros(s.amountOwed, s.currency)}</td><td>{frDay(s.dueOn)}</td>
              <td>{STATEMENT_STATUS[s.status] ?? s.status}</td><td><a href={`/portail/releves/${s.id}.pdf`}>PDF</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </PortalLayout>
  )
}
