import type { AuditRow } from '../../modules/audit/index.ts'
import type { CreditLeft } from '../../modules/invoicing/index.ts'
import type { OrderEmail } from '../../modules/notifications/index.ts'
import type { OrderAddress, OrderDeskRow, OrderView } from '../../modules/orders/index.ts'
import type { PaymentDetail } from '../../modules/payments/index.ts'
import { AdminLayout, type AdminView } from './layout.tsx'
import { dateTime, euros } from './kit.tsx'
import { CancelForm, RefundForm, type OrderForms } from './order-actions.tsx'
import { OrderEmails, OrderHistory } from './order-emails.tsx'
import { day, label, MARKET_LABELS, ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS } from './order-labels.ts'
import { OrderDocuments, OrderLines, OrderPayments } from './order-money.tsx'
import { OrderReturns } from './returns-order-section.tsx'
import type { OrderReturnRow } from '../../modules/returns/index.ts'
import type { ShipmentSummary } from '../../modules/warehouse/index.ts'
import { ShipmentsOfOrder } from './warehouse-packing-page.tsx'

/** Everything the order desk shows about one order, loaded by the route. */
export type OrderDesk = {
  order: OrderView
  payments: PaymentDetail[]
  credit: CreditLeft | null
  emails: OrderEmail[]
  others: OrderDeskRow[]
  audit: AuditRow[]
  /** what may still be refunded (invoice left, capped by the payment) */
  refundable: number
  /** per order line, units still refundable */
  unitsLeft: Readonly<Record<string, number>>
  shippingRefundable: number | null
  cancellable: boolean
  /** a fresh key for the refund form (double submit protection) */
  requestKey: string
  /** the order's return requests (modules/returns listOrderReturns) */
  returns?: readonly OrderReturnRow[]
  /** the order's parcels with tracking (modules/warehouse listOrderShipments) */
  shipments?: ShipmentSummary[]
}

function Address({ a }: { a: OrderAddress }) {
  return (
    <address>
      {a.name}<br />
      {a.line1}<br />
      {a.line2 ? <>{a.line2}<br /></> : null}
      {a.postalCode} {a.city} ({a.country})
      {a.phone ? <><br />{a.phone}</> : null}
    </address>
  )
}

function Customer({ d }: { d: OrderDesk }) {
  const o = d.order
  return (
    <section class="panel" aria-labelledby="client">
      <h2 id="client">Client</h2>
      <dl class="facts">
        <dt>E-mail</dt><dd><a href={`mailto:${o.email}`}>{o.email}</a></dd>
        <dt>Compte</dt><dd>{o.customerId ? <code>{o.customerId}</code> : 'commande en invité'}</dd>
      </dl>
      <div class="two-langs">
        <div><h3>Facturation</h3><Address a={o.billTo} /></div>
        <div><h3>Livraison</h3><Address a={o.shipTo} /></div>
      </div>
      <h3>Autres commandes de ce client</h3>
      {d.others.length ? (
        <ul>
          {d.others.map((x) => (
            <li><a href={`/admin/commandes/${x.id}`}>{x.number}</a> · {dateTime(x.placedAt)} · {label(ORDER_STATUS_LABELS, x.status)} · {euros(x.totalGross)}</li>
          ))}
        </ul>
      ) : <p>Aucune autre commande avec ce compte ou cette adresse e-mail.</p>}
    </section>
  )
}

function Delivery({ o }: { o: OrderView }) {
  return (
    <section class="panel" aria-labelledby="livraison">
      <h2 id="livraison">Livraison</h2>
      <dl class="facts">
        <dt>Mode</dt><dd>{o.shippingMethodName}</dd>
        <dt>{o.deliveryDate ? 'Date choisie' : 'Livraison promise'}</dt><dd>{o.deliveryDate ? day(o.deliveryDate) : `du ${day(o.promise.from)} au ${day(o.promise.to)}`}</dd>
        {o.taxSummary.shipments.map((s) => <><dt>Colis depuis {s.warehouseCode}</dt><dd>pas encore expédié</dd></>)}
      </dl>
    </section>
  )
}

/** One order for customer service: who, what, money, documents, e-mails, history, and the actions the role allows. */
export function OrderDetailPage(p: { view: AdminView; desk: OrderDesk; forms?: OrderForms; flash?: string | null }) {
  const d = p.desk
  const o = d.order
  const can = (a: string) => p.view.allowed.has(a)
  return (
    <AdminLayout view={p.view} title={`Commande ${o.number}`} flash={p.flash}>
      <p><a href="/admin/commandes">← Toutes les commandes</a></p>
      <section class="panel" aria-labelledby="resume">
        <h2 id="resume">Résumé</h2>
        <dl class="facts">
          <dt>Statut</dt><dd><span class={`badge status-${o.status}`}>{label(ORDER_STATUS_LABELS, o.status)}</span></dd>
          <dt>Passée le</dt><dd>{dateTime(o.placedAt)}</dd>
          <dt>Payée le</dt><dd>{dateTime(o.paidAt)}</dd>
          <dt>Marché</dt><dd>{label(MARKET_LABELS, o.market)} · langue {o.locale}</dd>
          <dt>Paiement</dt><dd>{label(PAYMENT_METHOD_LABELS, o.paymentMethod)}</dd>
          <dt>Total TTC</dt><dd>{euros(o.totals.gross)}</dd>
          <dt>Remboursé</dt><dd>{euros(d.credit?.creditedGross ?? 0)} · reste remboursable {euros(d.refundable)}</dd>
          {o.promoCode ? <><dt>Code promo</dt><dd>{o.promoCode}</dd></> : null}
        </dl>
      </section>
      <Customer d={d} />
      <OrderLines o={o} />
      <Delivery o={o} />
      <ShipmentsOfOrder shipments={d.shipments ?? []} admin={can('warehouse.operate')} />
      <OrderReturns returns={d.returns ?? []} canManage={can('returns.manage')} />
      <OrderPayments payments={d.payments} />
      <OrderDocuments credit={d.credit} canPdf={can('finance.read')} />
      {can('orders.cancel') || can('orders.refund') ? (
        <section class="panel" aria-labelledby="actions">
          <h2 id="actions">Actions</h2>
          {can('orders.cancel') ? <CancelForm view={p.view} desk={d} form={p.forms?.cancel} /> : null}
          {can('orders.refund') ? <RefundForm view={p.view} desk={d} form={p.forms?.refund} /> : null}
        </section>
      ) : null}
      <OrderEmails view={p.view} desk={d} form={p.forms?.resend} />
      <OrderHistory desk={d} />
    </AdminLayout>
  )
}
