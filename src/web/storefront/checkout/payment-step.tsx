import type { ComponentChildren } from 'preact'
import type { Address, Quote } from '../../../modules/checkout/index.ts'
import { Layout } from '../layout.tsx'
import { paths, type PageContext } from '../page-context.ts'
import { checkoutPaths } from './checkout-paths.ts'
import { addressCountryName } from './countries.tsx'
import { CheckoutSteps, CsrfField, ErrorSummary, Totals, addressLine, errorOf, eur, fieldId, longDate, promiseText, type FieldError } from './kit.tsx'
import { CardFields, type TestCardHint } from './card-fields.tsx'
import { PromoForm, type PromoFlash } from './promo-form.tsx'

export type PaymentValues = { method: 'card' | 'bank_transfer'; holderName: string; expiry: string; birthDate: string; ageConfirmed: boolean; acceptTerms: boolean }

export type PaymentStepProps = {
  ctx: PageContext
  csrf: string
  quote: Quote
  shipTo: Address
  email: string
  /** generated when this page was rendered: submitting twice finds the same order */
  idempotencyKey: string
  values: PaymentValues
  errors: FieldError[]
  /** the test provider's card numbers, only when it is the configured provider */
  testCards: TestCardHint[] | null
  promoFlash: PromoFlash
  keptPromoCode: string | null
  units: number
}

/**
 * Step 3, the recap and the order button (C. consom. L221-14: the button says the order
 * obliges to pay, or the contract is void). With alcohol in the cart the page carries the
 * full-width "sale of alcohol to minors is prohibited" banner (arrêté of 17 Oct 2016) and
 * asks for the date of birth (L3342-1: the seller must obtain proof of majority).
 */
export function PaymentStep(props: PaymentStepProps) {
  const { ctx, quote, values, errors, csrf } = props
  const { t } = ctx
  const l = ctx.locale
  const err = (f: string) => errorOf(errors, f)
  const shipping = quote.shipping!
  return (
    <Layout ctx={ctx} seo={{ title: `${t('checkout.payment.title')} — Lakou`, description: t('checkout.payment.title'), index: false }} cartUnits={props.units} styles={['checkout.css']} minorsBanner={quote.needsAge} alcohol={quote.needsAge}>
      <CheckoutSteps ctx={ctx} current="payment" />
      <h1>{t('checkout.payment.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <section aria-labelledby="recap-title" class="recap">
        <h2 id="recap-title">{t('checkout.payment.recap')}</h2>
        <table class="lines">
          <thead>
            <tr><th scope="col">{t('lines.product')}</th><th scope="col">{t('lines.unitPrice')}</th><th scope="col">{t('lines.quantity')}</th><th scope="col">{t('lines.total')}</th></tr>
          </thead>
          <tbody>
            {quote.lines.map((line) => (
              <tr><th scope="row">{line.name}</th><td>{eur(ctx, line.unitGross)}</td><td>{line.quantity}</td><td>{eur(ctx, line.lineGross)}</td></tr>
            ))}
          </tbody>
        </table>
        <p><a href={checkoutPaths.cart(l)}>{t('checkout.change')}<span class="visually-hidden"> — {t('checkout.step.cart')}</span></a></p>
        <div class="recap-box">
          <h3>{t('checkout.shipping.to')}</h3>
          <p>{addressLine(props.shipTo, () => addressCountryName(ctx, props.shipTo))}</p>
          <p class="muted">{props.email}</p>
          <p>{shipping.name[l]} — {promiseText(ctx, shipping.promise)}</p>
          {quote.deliveryDate ? <p>{t('checkout.payment.deliveryDate', { date: longDate(ctx, quote.deliveryDate) })}</p> : null}
          <p><a href={checkoutPaths.shipping(l)}>{t('checkout.change')}<span class="visually-hidden"> — {t('checkout.step.shipping')}</span></a></p>
        </div>
        <Totals
          ctx={ctx}
          caption={t('checkout.payment.totals')}
          totals={{ ...quote.totals, shipping: quote.totals.shipping, vatByRate: quote.vatByRate, promoCode: quote.promo?.code ?? null, shippingLabel: shipping.name[l] }}
        />
        {quote.totals.excise > 0 ? <p class="muted">{t('checkout.payment.exciseNote')}</p> : null}
        {quote.mentions.length ? (
          <ul class="mentions" aria-label={t('checkout.payment.mentions')}>
            {quote.mentions.map((m) => <li lang="fr">{m}</li>)}
          </ul>
        ) : null}
      </section>
      <PromoForm ctx={ctx} csrf={csrf} quote={quote} keptCode={props.keptPromoCode} action={checkoutPaths.checkoutPromo(l)} back="payment" flash={props.promoFlash} />
      <form method="post" action={checkoutPaths.payment(l)} class="checkout-form" noValidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        {quote.needsAge ? (
          <fieldset class="age-check">
            <legend>{t('checkout.age.legend')}</legend>
            <p>{t('checkout.age.why')}</p>
            <div class={err('birthDate') ? 'field has-error' : 'field'}>
              <label for={fieldId('birthDate')}>{t('checkout.age.birthDate')}</label>
              {err('birthDate') ? <p id={`${fieldId('birthDate')}-error`} class="field-error">{err('birthDate')}</p> : null}
              <input id={fieldId('birthDate')} name="birthDate" type="date" autoComplete="bday" value={values.birthDate} aria-invalid={err('birthDate') ? 'true' : undefined} aria-describedby={err('birthDate') ? `${fieldId('birthDate')}-error` : undefined} />
            </div>
            <Checkbox ctx={ctx} name="ageConfirmed" checked={values.ageConfirmed} error={err('ageConfirmed')} label={t('checkout.age.confirm', { age: quote.minAge ?? 18 })} />
          </fieldset>
        ) : null}
        <fieldset id={fieldId('method')} tabIndex={-1}>
          <legend>{t('checkout.payment.method')}</legend>
          <div class="choice">
            <input type="radio" id="f-method-card" name="method" value="card" checked={values.method === 'card'} />
            <label for="f-method-card">{t('checkout.payment.card')}</label>
          </div>
          <CardFields ctx={ctx} values={values} errors={errors} testCards={props.testCards} />
          <div class="choice">
            <input type="radio" id="f-method-transfer" name="method" value="bank_transfer" checked={values.method === 'bank_transfer'} aria-describedby="f-method-transfer-hint" />
            <label for="f-method-transfer">{t('checkout.payment.transfer')}</label>
            <p id="f-method-transfer-hint" class="hint">{t('checkout.payment.transferHint')}</p>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('checkout.terms.legend')}</legend>
          <p>{t('checkout.terms.withdrawal')} <a href={paths.legal(l, 'withdrawal')}>{t('checkout.terms.withdrawalLink')}</a></p>
          <Checkbox ctx={ctx} name="acceptTerms" checked={values.acceptTerms} error={err('acceptTerms')} label={t('checkout.terms.accept')}>
            {' '}<a href={paths.legal(l, 'terms')}>{t('checkout.terms.link')}</a>
          </Checkbox>
        </fieldset>
        <p class="pay-total">{t('checkout.payment.toPay', { amount: eur(ctx, quote.totals.gross) })}</p>
        <div class="form-actions">
          <button type="submit" class="place-order">{t('checkout.placeOrder')}</button>
          <a href={checkoutPaths.shipping(l)}>{t('checkout.back')}</a>
        </div>
      </form>
    </Layout>
  )
}

function Checkbox(p: { ctx: PageContext; name: string; checked: boolean; error: string | undefined; label: string; children?: ComponentChildren }) {
  const id = fieldId(p.name)
  return (
    <div class={p.error ? 'field choice has-error' : 'field choice'}>
      {p.error ? <p id={`${id}-error`} class="field-error">{p.error}</p> : null}
      <input type="checkbox" id={id} name={p.name} value="on" checked={p.checked} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined} />
      <label for={id}>{p.label}</label>
      {p.children}
    </div>
  )
}
