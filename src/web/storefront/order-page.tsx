import type { OrderView } from '../../modules/orders/index.ts'
import type { TransferDetails } from '../../modules/payments/index.ts'
import type { ShipmentSummary } from '../../modules/warehouse/index.ts'
import type { OrderReturnRow } from '../../modules/returns/index.ts'
import { OrderReturnsSection } from './return-page.tsx'
import type { MessageKey } from '../i18n/index.ts'
import { CardFields, type TestCardHint } from './checkout/card-fields.tsx'
import { checkoutPaths, withToken } from './checkout/checkout-paths.ts'
import { addressCountryName } from './checkout/countries.tsx'
import { CsrfField, ErrorSummary, Totals, addressLine, dateTime, eur, longDate, promiseText, type FieldError } from './checkout/kit.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export type OrderFlash = 'cancelled' | 'notCancellable' | 'declined' | 'cardInvalid' | 'providerUnavailable' | 'paid' | 'withdrawalClosed'

export type OrderPageProps = {
  ctx: PageContext
  csrf: string
  order: OrderView
  /** the guest's signed link token, carried by every link and form of the page (null: the signed-in owner) */
  token: string | null
  mode: 'order' | 'confirmation'
  /** the last card payment was declined and the order still waits for its money: offer another card */
  retry: { attemptKey: string; errors: FieldError[]; values: { holderName: string; expiry: string }; testCards: TestCardHint[] | null } | null
  /** a pending card payment awaiting the bank's answer */
  cardPending: boolean
  transfer: TransferDetails | null
  invoiceUrl: string | null
  flash: OrderFlash | null
  units: number
  /** the parcels that left, with their tracking (loaded by the route; absent: none shown) */
  shipments?: ShipmentSummary[]
  /** the order's return requests, and the return form's link while returns are open (null: closed) */
  returns?: OrderReturnRow[]
  returnLink?: string | null
}

const TokenField = ({ token }: { token: string | null }) => (token ? <input type="hidden" name="t" value={token} /> : null)

/**
 * An order as its buyer follows it: number, status in words and its history, lines and
 * totals with the VAT per rate, delivery, payment (transfer instructions, another card after
 * a decline), cancellation while it is allowed, the legal withdrawal function for the whole
 * period (C. consom. L221-21) and the invoice once issued.
 */
export function OrderPage(props: OrderPageProps) {
  const { ctx, order: o, token } = props
  const { t } = ctx
  const l = ctx.locale
  const status = t(`orderPage.status.${o.status}` as MessageKey)
  const heading = props.mode === 'confirmation' ? t('orderPage.thanks', { number: o.number }) : t('orderPage.title', { number: o.number })
  const alcohol = o.lines.some((x) => x.ageRestricted)
  return (
    <Layout ctx={ctx} seo={{ title: `${t('orderPage.title', { number: o.number })} — Lakou`, description: t('orderPage.title', { number: o.number }), index: false }} cartUnits={props.units} styles={['checkout.css']} alcohol={alcohol}>
      <h1>{heading}</h1>
      {props.flash ? <p class={['declined', 'cardInvalid', 'providerUnavailable', 'notCancellable', 'withdrawalClosed'].includes(props.flash) ? 'notice' : 'flash'} role="status">{t(`orderPage.flash.${props.flash}` as MessageKey)}</p> : null}
      {props.mode === 'confirmation' ? <p>{t('orderPage.emailSent', { email: o.email })}</p> : null}
      {props.mode === 'confirmation' ? <OrderPageLink locale={l} orderId={o.id} token={token} /> : null}
      <p class="order-status">{t('orderPage.statusLabel')} <strong>{status}</strong></p>
      <p class="muted">{t('orderPage.placedAt', { date: dateTime(ctx, o.placedAt) })}</p>

      {props.transfer && o.status === 'awaiting_payment' ? <TransferInstructions ctx={ctx} transfer={props.transfer} amount={o.totals.gross} /> : null}
      {props.cardPending && o.status === 'awaiting_payment' ? <p class="notice">{t('orderPage.cardPending')}</p> : null}
      {props.retry ? <RetryForm {...props} retry={props.retry} /> : null}

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t('orderPage.lines')}</h2>
        <table class="lines">
          <thead>
            <tr><th scope="col">{t('lines.product')}</th><th scope="col">{t('lines.unitPrice')}</th><th scope="col">{t('lines.quantity')}</th><th scope="col">{t('lines.total')}</th></tr>
          </thead>
          <tbody>
            {o.lines.map((x) => <tr><th scope="row">{x.name}</th><td>{eur(ctx, x.unitGross)}</td><td>{x.quantity}</td><td>{eur(ctx, x.lineGross)}</td></tr>)}
          </tbody>
        </table>
        <Totals ctx={ctx} totals={{ ...o.totals, shipping: o.totals.shipping, vatByRate: o.taxSummary.vatByRate, promoCode: o.promoCode, shippingLabel: o.shippingMethodName }} />
        {o.totals.excise > 0 ? <p class="muted">{t('checkout.payment.exciseNote')}</p> : null}
        {o.taxSummary.mentions.length ? <ul class="mentions">{o.taxSummary.mentions.map((m) => <li lang="fr">{m}</li>)}</ul> : null}
        {props.invoiceUrl ? <p><a href={props.invoiceUrl}>{t('orderPage.invoice')}</a></p> : null}
      </section>

      <section aria-labelledby="delivery-title" class="recap-box">
        <h2 id="delivery-title">{t('orderPage.delivery')}</h2>
        <p>{addressLine(o.shipTo, () => addressCountryName(ctx, o.shipTo))}</p>
        <Parcels locale={l} shipments={props.shipments ?? []} pending={o.status === 'picking' || o.status === 'packed'} />
        <p>{o.shippingMethodName} — {promiseText(ctx, o.promise)}</p>
        {o.deliveryDate ? <p>{t('checkout.payment.deliveryDate', { date: longDate(ctx, o.deliveryDate) })}</p> : null}
        <p>{t('orderPage.paymentMethod', { method: t(o.paymentMethod === 'card' ? 'checkout.payment.card' : 'checkout.payment.transfer') })}</p>
      </section>

      {props.returns?.length || props.returnLink ? <OrderReturnsSection ctx={ctx} returns={props.returns ?? []} link={props.returnLink ?? null} /> : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('orderPage.history')}</h2>
        <ol class="timeline">
          {o.history.map((h) => (
            <li><time dateTime={h.at.toISOString()}>{dateTime(ctx, h.at)}</time> — {t(`orderPage.status.${h.to}` as MessageKey)}</li>
          ))}
        </ol>
      </section>

      {o.withdrawals.length ? (
        <section aria-labelledby="withdrawals-title">
          <h2 id="withdrawals-title">{t('withdrawal.received')}</h2>
          <ul>{o.withdrawals.map((w) => <li>{t('withdrawal.receivedAt', { date: dateTime(ctx, w.receivedAt) })}</li>)}</ul>
        </section>
      ) : null}

      {o.withdrawalOpen ? (
        <section aria-labelledby="withdraw-title" class="recap-box">
          <h2 id="withdraw-title">{t('withdrawal.title')}</h2>
          <p>{t('withdrawal.intro')}</p>
          <form method="get" action={checkoutPaths.orderWithdraw(l, o.id)}>
            <TokenField token={token} />
            <button type="submit" class="secondary">{t('withdrawal.button')}</button>
          </form>
        </section>
      ) : null}

      {o.cancellable ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t('orderPage.cancelTitle')}</h2>
          <p>{t('orderPage.cancelIntro')}</p>
          <form method="get" action={checkoutPaths.orderCancel(l, o.id)}>
            <TokenField token={token} />
            <button type="submit" class="secondary">{t('orderPage.cancel')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  )
}

function TransferInstructions({ ctx, transfer, amount }: { ctx: PageContext; transfer: TransferDetails; amount: number }) {
  const { t } = ctx
  return (
    <section class="recap-box transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('orderPage.transfer.title')}</h2>
      <p>{t('orderPage.transfer.intro', { amount: eur(ctx, amount) })}</p>
      <dl class="attributes">
        <div><dt>{t('orderPage.transfer.beneficiary')}</dt><dd>{transfer.beneficiary}</dd></div>
        <div><dt>IBAN</dt><dd><code>{transfer.iban}</code></dd></div>
        <div><dt>BIC</dt><dd><code>{transfer.bic}</code></dd></div>
        <div><dt>{t('orderPage.transfer.reference')}</dt><dd><code>{transfer.reference}</code></dd></div>
        <div><dt>{t('orderPage.transfer.amount')}</dt><dd>{eur(ctx, amount)}</dd></div>
      </dl>
      <p class="muted">{t('orderPage.transfer.hold')}</p>
    </section>
  )
}

function RetryForm(props: OrderPageProps & { retry: NonNullable<OrderPageProps['retry']> }) {
  const { ctx, order: o, retry } = props
  const { t } = ctx
  return (
    <section class="recap-box" aria-labelledby="retry-title">
      <h2 id="retry-title">{t('orderPage.retry.title')}</h2>
      <p>{t('orderPage.retry.intro', { amount: eur(ctx, o.totals.gross) })}</p>
      <ErrorSummary ctx={ctx} errors={retry.errors} />
      <form method="post" action={checkoutPaths.orderPay(ctx.locale, o.id)} class="checkout-form" noValidate>
        <CsrfField token={props.csrf} />
        <TokenField token={props.token} />
        <input type="hidden" name="attemptKey" value={retry.attemptKey} />
        <CardFields ctx={ctx} values={retry.values} errors={retry.errors} testCards={retry.testCards} />
        <button type="submit">{t('orderPage.retry.submit', { amount: eur(ctx, o.totals.gross) })}</button>
      </form>
    </section>
  )
}

const FOLLOW = {
  fr: { link: 'Suivre ma commande', guest: 'Gardez ce lien : il ouvre la page de votre commande sans compte (suivi, facture, annulation, rétractation).', owner: 'Vous la retrouvez aussi dans votre compte.' },
  en: { link: 'Follow my order', guest: 'Keep this link: it opens your order’s page without an account (tracking, invoice, cancellation, withdrawal).', owner: 'You will also find it in your account.' },
} as const

/** The confirmation's way to the order's page: a guest's signed link (the token), or the owner's plain one. */
function OrderPageLink(p: { locale: 'fr' | 'en'; orderId: string; token: string | null }) {
  const x = FOLLOW[p.locale]
  return <p class="order-follow"><a href={withToken(checkoutPaths.order(p.locale, p.orderId), p.token)} data-order-link="">{x.link}</a> — {p.token ? x.guest : x.owner}</p>
}

const PARCELS = {
  fr: { title: 'Colis expédiés', parcel: (n: string) => `Colis ${n}`, track: 'Suivre le colis', later: 'Le reste de la commande suivra dans un autre colis.' },
  en: { title: 'Parcels shipped', parcel: (n: string) => `Parcel ${n}`, track: 'Track the parcel', later: 'The rest of the order will follow in another parcel.' },
} as const

/** The parcels that left, with the carrier's tracking link (texts here: the warehouse owns them). */
function Parcels(p: { locale: 'fr' | 'en'; shipments: ShipmentSummary[]; pending: boolean }) {
  const gone = p.shipments.filter((s) => s.status === 'shipped' || s.status === 'delivered')
  if (!gone.length) return null
  const t = PARCELS[p.locale]
  return (
    <div class="parcels">
      <h3>{t.title}</h3>
      <ul>
        {gone.map((s) => (
          <li>{t.parcel(s.number)} — {s.lines.map((x) => `${x.name} × ${x.quantity}`).join(', ')}{s.trackingUrl ? <> — <a href={s.trackingUrl} rel="noopener noreferrer">{t.track} {s.trackingNumber}</a></> : null}</li>
        ))}
      </ul>
      {p.pending ? <p class="muted">{t.later}</p> : null}
    </div>
  )
}
