import type { CreditLeft } from '../../modules/invoicing/index.ts'
import type { OrderView } from '../../modules/orders/index.ts'
import type { PaymentDetail } from '../../modules/payments/index.ts'
import { dateTime, euros } from './kit.tsx'
import { label, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, PROVIDER_LABELS, rate, REFUND_STATUS_LABELS } from './order-labels.ts'

/** The lines with their VAT, and the totals as the order was placed. */
export function OrderLines({ o }: { o: OrderView }) {
  const t = o.totals
  return (
    <section class="panel" aria-labelledby="articles">
      <h2 id="articles">Articles</h2>
      <div class="table-wrap" role="region" aria-label="Articles de la commande" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Article</th><th scope="col" class="num">Qté</th><th scope="col" class="num">Prix unitaire TTC</th><th scope="col" class="num">Remise</th>
              <th scope="col" class="num">HT</th><th scope="col">TVA</th><th scope="col" class="num">TTC</th><th scope="col">Entrepôt</th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => (
              <tr>
                <td>{l.name}<br /><small><code>{l.sku}</code>{l.excise ? ` · dont accises ${euros(l.excise)}` : ''}</small></td>
                <td class="num">{l.quantity}</td>
                <td class="num">{euros(l.unitGross)}</td>
                <td class="num">{l.discountGross ? `−${euros(l.discountGross)}` : '—'}</td>
                <td class="num">{euros(l.net)}</td>
                <td>{l.vatParts.length ? l.vatParts.map((p) => `${rate(p.rateBp)} : ${euros(p.vat)}`).join(' · ') : euros(l.vat)}</td>
                <td class="num">{euros(l.net + l.vat)}</td>
                <td>{l.warehouseCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl class="facts totals">
        <dt>Marchandises</dt><dd>{euros(t.goods)}</dd>
        {t.discount ? <><dt>Remise</dt><dd>−{euros(t.discount)}</dd></> : null}
        <dt>Livraison</dt><dd>{euros(t.shipping)}</dd>
        <dt>Total HT</dt><dd>{euros(t.net)}</dd>
        {o.taxSummary.vatByRate.map((r) => <><dt>TVA {rate(r.rateBp)}</dt><dd>{euros(r.vat)} (base {euros(r.net)})</dd></>)}
        <dt>Total TTC</dt><dd><strong>{euros(t.gross)}</strong></dd>
      </dl>
      {o.taxSummary.mentions.length ? <ul>{o.taxSummary.mentions.map((m) => <li><small>{m}</small></li>)}</ul> : null}
    </section>
  )
}

/** Every payment attempt with the provider's reference, and the refunds asked of it. */
export function OrderPayments({ payments }: { payments: PaymentDetail[] }) {
  return (
    <section class="panel" aria-labelledby="paiements">
      <h2 id="paiements">Paiements</h2>
      {payments.length === 0 ? <p>Aucun paiement.</p> : null}
      {payments.map((p) => (
        <div class="payment">
          <p>
            <strong>{euros(p.amount, p.currency)}</strong> · {label(PAYMENT_METHOD_LABELS, p.method)}
            {p.card ? ` ${p.card.brand} •••• ${p.card.last4}` : ''} · <span class="badge">{label(PAYMENT_STATUS_LABELS, p.status)}</span>
            <br />
            <small>
              {label(PROVIDER_LABELS, p.provider)} · réf. <code>{p.providerRef ?? '—'}</code> · créé le {dateTime(p.createdAt)}
              {p.capturedAt ? ` · encaissé le ${dateTime(p.capturedAt)}` : ''}
              {p.failureCode ? ` · refus : ${p.failureCode}` : ''}
            </small>
          </p>
          {p.refunds.length ? (
            <div class="table-wrap" role="region" aria-label="Remboursements de ce paiement" tabIndex={0}>
              <table>
                <thead><tr><th scope="col">Demandé le</th><th scope="col" class="num">Montant</th><th scope="col">État</th><th scope="col">Référence</th><th scope="col">Motif</th></tr></thead>
                <tbody>
                  {p.refunds.map((r) => (
                    <tr>
                      <td>{dateTime(r.createdAt)}</td><td class="num">{euros(r.amount)}</td>
                      <td>{label(REFUND_STATUS_LABELS, r.status)}{r.errorCode ? ` (${r.errorCode})` : ''}</td>
                      <td><code>{r.providerRef ?? '—'}</code></td><td>{r.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <p><small>Remboursé : {euros(p.refundedAmount)}</small></p>
        </div>
      ))}
    </section>
  )
}

/** The invoice and its credit notes, with PDF links for those allowed to read finance documents. */
export function OrderDocuments({ credit, canPdf }: { credit: CreditLeft | null; canPdf: boolean }) {
  const pdf = (id: string, text: string) => (canPdf ? <a href={`/admin/factures/${id}/pdf`}>{text}</a> : text)
  return (
    <section class="panel" aria-labelledby="documents">
      <h2 id="documents">Facture et avoirs</h2>
      {!credit ? <p>Pas encore de facture : elle est émise au paiement.</p> : (
        <ul>
          <li>Facture {pdf(credit.invoice.id, credit.invoice.number)} du {dateTime(credit.invoice.issuedAt)} · {euros(credit.invoice.totalGross)}</li>
          {credit.notes.map((n) => (
            <li>Avoir {pdf(n.id, n.number)} du {dateTime(n.issuedAt)} · {euros(n.totalGross)} · {n.reason}</li>
          ))}
        </ul>
      )}
      {credit && !canPdf ? <p class="hint">Les PDF sont accessibles aux rôles finance.</p> : null}
    </section>
  )
}
